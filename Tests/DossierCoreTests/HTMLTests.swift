import Foundation
import Testing
@testable import DossierCore
@testable import DossierDocuments

/// Web pages (`.html`): the main text through libxml2, its headings as sections, indexed like any text file.
@Suite struct HTMLTests {
    /// A saved ministry page: navigation, scripts, styles, a cookie banner, a footer, and the article in `<main>`.
    static let page = """
    <!DOCTYPE html>
    <html><head><meta charset="utf-8"><title>Ruritania–Freedonia relations</title>
    <style>p { color: red }</style><script>var tracking = "ruritania";</script></head>
    <body>
    <header><a href="/">Ministry</a><nav><ul><li><a href="/trade">Trade menu</a></li><li>Visas menu</li></ul></nav></header>
    <div role="banner">Cookie banner: we use cookies</div>
    <main>
    <h1>Ruritania&ndash;Freedonia relations</h1>
    <p>Ruritania and Freedonia established diplomatic relations on 3 May 1921, and opened embassies in Li&egrave;ge
    and Fredville.</p>
    <h2>Trade</h2>
    <p>Exports of timber from Freedonia to Ruritania doubled between 2001 and 2005, as tariffs on wood were cut.</p>
    <ul><li>Timber and paper made up most of the exports in 2005</li><li>Cheese and wine made up the rest of them</li></ul>
    <table><tr><th>Year</th><th>Trade (million euros)</th></tr><tr><td>2010</td><td>120</td></tr></table>
    <h2>State visits</h2>
    <div>King Rudolf of Ruritania visited Freedonia in 1999.<p>The President of Freedonia returned the visit in 2001.</p></div>
    <aside>Related: other relations</aside>
    <p style="Display : None">Hidden teaser text</p><div style="color: red; visibility:hidden">Invisible popup</div>
    </main>
    <footer>Copyright 2024 Ministry of Foreign Affairs of Freedonia</footer>
    </body></html>
    """

    @Test func theMainTextOnly() throws {
        let text = try #require(HTMLText.text(Array(Self.page.utf8)))
        let passages = Paragraphs.split(text, format: .html)
        let texts = passages.map(\.text)
        #expect(texts.first == "Ruritania and Freedonia established diplomatic relations on 3 May 1921, and opened embassies in Liège and Fredville.")
        #expect(texts.contains("Timber and paper made up most of the exports in 2005"))
        #expect(texts.contains("Year | Trade (million euros)") && texts.contains("2010 | 120"))
        #expect(texts.contains("King Rudolf of Ruritania visited Freedonia in 1999."))
        #expect(texts.contains("The President of Freedonia returned the visit in 2001."))
        for junk in ["menu", "tracking", "cookie", "Copyright", "Related", "color", "Hidden teaser", "Invisible"] {
            #expect(!texts.contains { $0.localizedCaseInsensitiveContains(junk) }, "\(junk)")
        }
        // headings are sections, nested by level, not passages
        #expect(passages[0].section == "Ruritania–Freedonia relations")
        #expect(passages[1].section == "Ruritania–Freedonia relations > Trade")
        #expect(passages.last?.section == "Ruritania–Freedonia relations > State visits")
        #expect(!texts.contains("Trade") && !texts.contains("State visits"))
        // each passage on its line of the page (or the next free one)
        let lines = Self.page.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[passages[0].line - 1].contains("established diplomatic relations"))
        #expect(lines[passages[1].line - 1].contains("Exports of timber"))
    }

    @Test func withoutMainTheBodyLessItsChrome() throws {
        let page = """
        <html><body><header><h1>Ministry of Foreign Affairs</h1><nav>Home | Trade | Visas</nav></header>
        <article><header><h1>Ruritania and Freedonia</h1></header><p>They signed a trade agreement in 2004.</p>
        <footer>Share this article</footer></article>
        <article><p>A second article: the ambassador presented her credentials in 2006.</p></article>
        <footer>Contact us</footer></body></html>
        """
        let passages = Paragraphs.split(try #require(HTMLText.text(Array(page.utf8))), format: .html)
        #expect(passages.map(\.text) == ["They signed a trade agreement in 2004.", "A second article: the ambassador presented her credentials in 2006."])
        #expect(passages[0].section == "Ruritania and Freedonia")
        let plain = "<html><body><nav>Menu</nav><p>Only a paragraph, in 1999.</p><script>x()</script></body></html>"
        #expect(Paragraphs.split(try #require(HTMLText.text(Array(plain.utf8))), format: .html).map(\.text) == ["Only a paragraph, in 1999."])
    }

    @Test func theCharsetIsThePagesOwn() throws {
        // ISO-8859-1: è is the single byte 0xE8
        var bytes = Array("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"></head><body><p>Visite royale à Liège en 1999.</p></body></html>".utf8)
        bytes = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars.map { UInt8($0.value) })
        #expect(bytes.contains(0xE8) && !bytes.contains(0xC3))
        let text = try #require(HTMLText.text(bytes))
        #expect(Paragraphs.split(text, format: .html).map(\.text) == ["Visite royale à Liège en 1999."])
    }

    /// A page declared GB2312 that holds GBK characters (朱镕基: 镕 is not in GB2312) is read whole, as browsers read
    /// it (GB18030), and ISO 8859-1 as windows-1252 (its curly quote); bytes the charset cannot decode are reported
    /// (the rest of the page is lost), never printed by libxml2 on stderr.
    @Test func declaredCharsetsAreReadAsBrowsersReadThem() throws {
        func page(_ charset: String, _ body: [UInt8]) -> [UInt8] {
            Array("<html><head><meta charset=\"\(charset)\"></head><body><p>".utf8) + body + Array("</p><p>2016</p></body></html>".utf8)
        }
        let zhu: [UInt8] = [0xD6, 0xEC, 0xE9, 0x46, 0xBB, 0xF9]  // 朱镕基 in GBK
        let chinese = try #require(HTMLText.read(page("gb2312", zhu)))
        #expect(Paragraphs.split(chinese.text, format: .html).map(\.text) == ["朱镕基", "2016"] && !chinese.undecodable)
        let quote = try #require(HTMLText.read(page("ISO-8859-1", [0x92, 0x41])))  // ’A in windows-1252
        #expect(Paragraphs.split(quote.text, format: .html).map(\.text) == ["\u{2019}A", "2016"])
        // 0x81 is no character of windows-1252: the text stops there, and says so
        let broken = try #require(HTMLText.read(page("windows-1252", [0x41, 0x81, 0x42])))
        #expect(broken.undecodable)
        #expect(HTMLText.declaredCharset(Array("<meta http-equiv=\"Content-Type\" content=\"text/html; CHARSET = 'GBK'\">".utf8)) == "gbk")
    }

    @Test func brokenPagesNeverCrash() {
        for page in ["", "<", "<p>unclosed <b>bold <i>italic", "<html><body><h2></h2><p>   </p></body></html>",
                     String(repeating: "<div>", count: 5_000) + "deep" + String(repeating: "</div>", count: 5_000),
                     "<p>\u{1}control\u{7} characters</p>", "\u{FEFF}<p>a BOM first</p>"] {
            let text = HTMLText.text(Array(page.utf8)) ?? ""
            let passages = Paragraphs.split(text, format: .html)
            #expect(passages.allSatisfy { !$0.text.isEmpty && !$0.text.unicodeScalars.contains { $0.value < 0x20 } }, "\(page.prefix(40))")
        }
        #expect(Paragraphs.split(HTMLText.text(Array("<p>unclosed <b>bold".utf8)) ?? "", format: .html).map(\.text) == ["unclosed bold"])
    }

    /// Documents are read by the reader the indexing programs give (`DocumentReader.standard`): without it, a page
    /// is warned about and keeps its passages, and its extension is still a corpus file's.
    @Test func readOnlyWithTheDocumentReader() throws {
        let w = Workspace(copyBundled: false)
        w.write("page.html", Self.page)
        var warnings: [Warning] = []
        let file = try #require(CorpusReader.scan(w.corpus, warnings: &warnings).first)
        #expect(file.path == "page.html" && DocumentReader.isDocument(file.path))
        #expect(throws: Warning(file: "page.html", message: "is a document, which only `dossier index` reads; its passages are kept as they were")) {
            try CorpusReader.read(file, documents: nil)
        }
        #expect(try CorpusReader.read(file, documents: .standard).text == HTMLText.text(Array(Self.page.utf8)))
        // every extension the readers know is a document's
        #expect(HTMLText.extensions.union(OfficeText.extensions).union(PDFText.extensions) == DocumentReader.extensions)
    }

    @Test func indexedAndUpdatedLikeAnyFile() throws {
        let w = Workspace(copyBundled: false)
        w.write("pages/relations.html", Self.page)
        w.write("notes.txt", "Freedonia and Ruritania held talks on fisheries in 2012, in Fredville.\n")
        let first = try w.index()
        #expect(first.files == 2 && first.passages == 9)
        let searcher = try Searcher(paths: [w.index])
        var request = SearchRequest(query: "timber")
        request.sections = ["Trade"]
        let hits = try searcher.search(request).hits
        #expect(hits.count == 2 && hits.allSatisfy { $0.record.file == "pages/relations.html" && $0.record.section == "Ruritania–Freedonia relations > Trade" })
        #expect(try searcher.search(SearchRequest(query: "menu OR tracking OR copyright")).total == 0)
        var trade = SearchRequest()
        trade.topics = ["Trade"]
        #expect(try searcher.search(trade).hits.contains { $0.record.text.hasPrefix("Exports of timber") })
        // an edit of the page re-reads that page only
        w.write("pages/relations.html", Self.page.replacingOccurrences(of: "in 2001.</p>", with: "in 2002.</p>"))
        let second = try w.index()
        #expect(second.changed == 1 && second.added == 0 && second.removed == 0 && second.passages == 9)
        #expect(try Searcher(paths: [w.index]).search(SearchRequest(query: "returned visit")).hits.first?.record.years == [2002])
    }
}
