import Foundation
import Testing

@testable import DossierCore
@testable import DossierDocuments

/// Word and OpenDocument files (`Tests/Fixtures/documents`, written by `make_documents.py` there): read from their
/// zip archives with libzip and their XML with libxml2, indexed and searched by the real binary.
@Suite struct DocumentTests {
    static let fixtures = CLI.repository.appendingPathComponent("Tests/Fixtures/documents")

    static func bytes(_ name: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: fixtures.appendingPathComponent(name))) }

    /// The lines of the text `OfficeText` makes of a fixture.
    static func lines(_ name: String) throws -> [String] {
        try #require(OfficeText.text(try bytes(name), path: name)).split(separator: "\n").map(String.init)
    }

    @Test func wordParagraphsHeadingsAndTables() throws {
        let lines = try Self.lines("relations.docx")
        let mark = Paragraphs.htmlHeadingMark
        #expect(lines == [
            "\(mark)1 China–Belgium relations",
            "\(mark)1 State visits",
            "President Xi Jinping paid a state visit to Belgium in March 2014, the first by a Chinese head of state since 1985.",
            "\(mark)2 Trade",
            "Bilateral trade reached US$25 billion in 2014, and Antwerp handled a fifth of it.",
            "Year | Trade volume",
            "2014 | US$25 billion",
            "Giant pandas arrived at Pairi Daiza in February 2014.",
        ])
        #expect(!lines.contains { $0.contains("deleted") })
    }

    /// Word in another language names its heading styles' ids in that language (Titre1, Kop1): the styles part
    /// gives their level. A text box is read once (not again from its older copy), and moved text where it went.
    @Test func wordHeadingsInAnyLanguageTextBoxesOnceMovedTextOnce() throws {
        let lines = try Self.lines("relations-fr.docx")
        let mark = Paragraphs.htmlHeadingMark
        #expect(lines == [
            "\(mark)1 Relations franco-chinoises",
            "\(mark)2 Visites",
            "Le président a effectué une visite en Chine en janvier 2018.",
            "\(mark)2 Échanges",
            "La délégation est arrivée à Pékin. Encadré : Wuhan.",
            "Phrase déplacée.",
        ])
    }

    @Test func openDocumentParagraphsHeadingsAndTables() throws {
        let lines = try Self.lines("relations.odt")
        let mark = Paragraphs.htmlHeadingMark
        #expect(lines == [
            "\(mark)1 Culture and education",
            "The Brussels Chinese Cultural Center opened in December 2013.",
            "\(mark)2 Students",
            "In 2019, more than 3,000 Chinese students studied in Belgium, mostly in Leuven and Ghent.",
            "King Philippe visited Beijing in June 2015.",
            "Year | Students",
            "2019 | 3,000",
        ])
        #expect(!lines.contains { $0.contains("footnote") })
    }

    @Test func notADocumentIsNil() {
        #expect(OfficeText.text([], path: "a.docx") == nil)
        #expect(OfficeText.text(Array("not a zip archive".utf8), path: "a.docx") == nil)
        // a zip without the part: an OpenDocument file read as Word
        #expect(OfficeText.text((try? Self.bytes("relations.odt")) ?? [], path: "relations.docx") == nil)
    }

    @Test func indexedSearchedAndKeptWhenBroken() throws {
        let cli = CLI()
        for name in ["relations.docx", "relations.odt"] {
            try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent(name), to: cli.directory.appendingPathComponent("Corpus/" + name))
        }
        #expect(try cli.run("index", "--quiet").status == 0)
        let visit = try cli.run("search", "state", "visit", "--file", "relations.docx", "--json").json
        let passages = try #require(visit["total"] as? Int)
        let hit = try #require((visit["hits"] as? [[String: Any]])?.first)
        #expect(hit["section"] as? String == "State visits" && hit["topic"] as? String == "High-level exchanges")
        #expect(hit["years"] as? [Int] == [1985, 2014])
        #expect(((hit["entities"] as? [[String: Any]]) ?? []).contains { $0["name"] as? String == "Xi Jinping" })
        let students = try cli.run("search", "students", "--file", "relations.odt", "--json").json
        let first = try #require((students["hits"] as? [[String: Any]])?.first)
        #expect(first["section"] as? String == "Culture and education > Students" && first["topic"] as? String == "Education")
        #expect((try cli.run("search", "deleted", "--json").json["total"] as? Int) == 0)
        #expect((try cli.run("search", "footnote", "--json").json["total"] as? Int) == 0)
        // a document that no longer reads: one warning, and its passages stay
        try Data("not a zip archive any more".utf8).write(to: cli.directory.appendingPathComponent("Corpus/relations.docx"))
        let again = try cli.run("index", "--quiet")
        #expect(again.status == 0)
        #expect(again.stderr.contains("relations.docx: cannot be read as a Word document; its passages are kept as they were"), "\(again.stderr)")
        #expect((try cli.run("search", "state", "visit", "--file", "relations.docx", "--json").json["total"] as? Int) == passages)
    }

    @Test func pdfPagesParagraphsAndHeadings() throws {
        let text = try PDFText.text(path: Self.fixtures.appendingPathComponent("relations.pdf").path)
        let (mark, page) = (Paragraphs.htmlHeadingMark, Paragraphs.pageMark)
        // the running header and the page numbers are gone; "invest-/ment" and "agree-/ment" are joined; the
        // paragraph that runs over the page break is one, on the page where it starts
        #expect(text.split(separator: "\n").map(String.init) == [
            "\(page)1",
            "\(mark)1 Trade and investment",
            "Belgian exports to China rose in 2015, and Chinese investment in Wallonia and Flanders followed the visit of Premier Li Keqiang to Brussels.",
            "The port of Antwerp opened a liaison office in Shanghai in 2016, the first of its kind in China; by 2018 it handled a fifth of the trade between the two countries, and its partners in Ningbo planned a second office.",
            "\(page)2",
            "\(mark)1 Science and technology",
            "In 2019 the universities of Leuven and Fudan signed an agreement on joint research in materials science.",
        ])
        #expect(throws: PDFText.Failure.unreadable) { try PDFText.text(path: Self.fixtures.appendingPathComponent("relations.docx").path) }
        for number in ["3", "Page 3", "page 3 of 12", "3 / 12", "- 3 -", "iv"] { #expect(PDFText.isPageNumber(number), "\(number)") }
        for line in ["Belgium and China", "3 students", "2019 report"] { #expect(!PDFText.isPageNumber(line), "\(line)") }
    }

    @Test func pdfPassagesKnowTheirPage() throws {
        let cli = CLI()
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("relations.pdf"), to: cli.directory.appendingPathComponent("Corpus/relations.pdf"))
        #expect(try cli.run("index", "--quiet").status == 0)
        func first(_ words: String...) throws -> [String: Any] {
            try #require(((try cli.run(["search"] + words + ["--file", "relations.pdf", "--json"]).json["hits"]) as? [[String: Any]])?.first)
        }
        let ningbo = try first("Ningbo")
        #expect(ningbo["page"] as? Int == 1 && ningbo["section"] as? String == "Trade and investment")
        let science = try first("materials", "science")
        #expect(science["page"] as? Int == 2 && science["years"] as? [Int] == [2019])
        #expect(((try first("investment"))["entities"] as? [[String: Any]] ?? []).contains { $0["name"] as? String == "Li Keqiang" })
        // a passage's page, shown as the command line shows a place
        let id = try #require(science["id"] as? String)
        #expect(try cli.run("show", id).stdout.contains("relations.pdf:3 p. 2"))
        #expect(try cli.run("search", "materials", "science").stdout.contains("relations.pdf:3 p. 2"))
        #expect((try cli.run("show", id, "--json").json["page"] as? Int) == 2)
        // a passage of a text file has no page
        #expect((try cli.run("search", "panda", "--json").json["hits"] as? [[String: Any]])?.first?["page"] is NSNull)
        // a scan, with no text layer: said in one line, nothing indexed
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("scan.pdf"), to: cli.directory.appendingPathComponent("Corpus/scan.pdf"))
        let scan = try cli.run("index")
        #expect(scan.status == 0 && scan.stderr.contains("scan.pdf: has no text to index (scanned pages need OCR first)"), "\(scan.stderr)")
        // without pdftotext: which package to install, and the passages stay
        try Data(" ".utf8).write(to: cli.directory.appendingPathComponent("Corpus/relations.pdf"), options: .atomic)
        let missing = try cli.run(["index"], environment: ["PATH": "/nonexistent"])
        #expect(missing.stderr.contains("relations.pdf: cannot read PDF files without pdftotext: install Debian's poppler-utils"), "\(missing.stderr)")
        #expect((try cli.run("search", "Ningbo", "--json").json["total"] as? Int) == 1)
    }
}
