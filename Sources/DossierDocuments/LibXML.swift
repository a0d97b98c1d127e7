import CLibXML2
import DossierCore

/// What the readers of web pages, office documents and PDF layouts (`HTMLText`, `OfficeText`, `PDFText`) share of
/// libxml2: its one-time initialization, parsing XML from memory, and reading a node's name, attributes, child
/// elements and text.
enum LibXML {
    /// libxml2 must be initialized once before threads parse; a static is initialized once, on first use.
    static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// An XML document parsed from memory, without the network or entity expansion; nil if unreadable. The caller
    /// frees it (`xmlFreeDoc`).
    static func parse(_ xml: [UInt8]) -> xmlDocPtr? {
        _ = initialized
        guard !xml.isEmpty, xml.count < Int(Int32.max) else { return nil }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_RECOVER.rawValue)
        return quietly {
            xml.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { xmlReadMemory($0.baseAddress, Int32($0.count), nil, nil, options) }
            }
        }.result
    }

    /// Runs `body` (a parse) with libxml2's errors on this thread counted instead of printed: its `NOERROR` options
    /// do not silence the encoding and I/O layers, which would print "encoding error : input conversion failed" on
    /// stderr, with no file name. The count is of those errors: bytes the page's charset cannot decode (the text
    /// after them is lost).
    static func quietly<R>(_ body: () -> R) -> (result: R, encodingErrors: Int) {
        var encodingErrors = 0
        let handler: xmlStructuredErrorFunc = { context, error in
            guard let context, let error else { return }
            let domain = Int32(error.pointee.domain)
            if domain == Int32(XML_FROM_IO.rawValue) || domain == Int32(XML_FROM_I18N.rawValue) {
                context.assumingMemoryBound(to: Int.self).pointee += 1
            }
        }
        let result = withUnsafeMutablePointer(to: &encodingErrors) { counter in
            xmlSetStructuredErrorFunc(counter, handler)
            defer { xmlSetStructuredErrorFunc(nil, nil) }
            return body()
        }
        return (result, encodingErrors)
    }

    /// An element's name as written, without its namespace prefix (`w:p` is "p").
    static func localName(_ node: xmlNodePtr) -> String { node.pointee.name.map { String(cString: $0) } ?? "" }

    /// An attribute's value by its name (without a namespace prefix: `w:val` is "val"), read in place (no copy for
    /// libxml2 to free); nil when it is absent or empty.
    static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let attr = xmlHasProp(node, name), let value = attr.pointee.children, let content = value.pointee.content else { return nil }
        return String(cString: content)
    }

    /// The child elements of a node, in order.
    static func elements(_ node: xmlNodePtr) -> [xmlNodePtr] {
        var out: [xmlNodePtr] = []
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE { out.append(c) }
            child = c.pointee.next
        }
        return out
    }

    /// The text directly inside an element (its text nodes).
    static func ownText(_ node: xmlNodePtr) -> String {
        var text = ""
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_TEXT_NODE || c.pointee.type == XML_CDATA_SECTION_NODE, let content = c.pointee.content {
                text += String(cString: content)
            }
            child = c.pointee.next
        }
        return text
    }
}
