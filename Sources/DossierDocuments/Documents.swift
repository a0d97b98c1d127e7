import DossierCore

extension DocumentReader {
    /// Web pages by libxml2 (`HTMLText`), Word and OpenDocument files by libzip and libxml2 (`OfficeText`), PDF
    /// files by poppler's `pdftotext` (`PDFText`).
    public static let standard = DocumentReader(read: readDocument)

    static func readDocument(_ file: CorpusFile) throws(Warning) -> (text: String, warnings: [Warning]) {
        if CorpusReader.pathExtension(file.path) == "pdf" {
            // a PDF: its lines and their boxes by poppler's pdftotext, paragraphs rebuilt from them
            do {
                let text = try PDFText.text(path: file.fullPath)
                // pages of images (a scan) have no text layer: say so, rather than index nothing in silence
                let hasText = text.split(separator: "\n").contains { $0.first != Paragraphs.pageMark }
                return (text, hasText ? [] : [Warning(file: file.path, message: "has no text to index (scanned pages need OCR first)")])
            } catch PDFText.Failure.converterMissing {
                throw CorpusReader.kept(file, "cannot read PDF files without pdftotext: install Debian's poppler-utils")
            } catch {
                throw CorpusReader.kept(file, CorpusReader.unreadable(file, or: "cannot be read as a PDF"))
            }
        }
        guard let bytes = CorpusReader.readAll(file.fullPath) else { throw CorpusReader.kept(file, CorpusReader.unreadable(file, or: "cannot read")) }
        if HTMLText.isHTML(file.path) {
            // a web page: its main text, in its own charset (libxml2 reads the page's declaration)
            guard let page = HTMLText.read(bytes) else { throw CorpusReader.kept(file, "cannot be read as a web page") }
            return (page.text, page.undecodable
                ? [Warning(file: file.path, message: "has bytes its declared charset cannot decode; the text after them is missing")] : [])
        }
        if OfficeText.isOffice(file.path) {
            // a Word or OpenDocument file: the XML of its body, from the zip archive it is
            guard let text = OfficeText.text(bytes, path: file.path) else {
                throw CorpusReader.kept(file, "cannot be read as a \(CorpusReader.pathExtension(file.path) == "docx" ? "Word" : "OpenDocument") document")
            }
            return (text, [])
        }
        throw CorpusReader.kept(file, "is not a document")
    }
}
