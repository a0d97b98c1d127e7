import Foundation
import Testing
@testable import DossierCore

/// Every passage's language, from its script and its own stop words: a facet and a filter.
@Suite struct LanguageTests {
    static func language(_ text: String) -> String {
        let tokens = Tokenizer.tokenize(text)
        return LanguageDetector.detect(tokens, folded: tokens.map { $0.kind == .punctuation ? String($0.text) : $0.folded })
    }

    @Test func languagesAreToldApart() {
        #expect(Self.language("China and Belgium established diplomatic relations on October 25, 1971.") == "en")
        #expect(Self.language("La Chine et la Belgique ont établi des relations diplomatiques le 25 octobre 1971.") == "fr")
        #expect(Self.language("China en België hebben op 25 oktober 1971 diplomatieke betrekkingen aangeknoopt.") == "nl")
        #expect(Self.language("China und Belgien haben am 25. Oktober 1971 diplomatische Beziehungen aufgenommen.") == "de")
        #expect(Self.language("China y Bélgica establecieron relaciones diplomáticas el 25 de octubre de 1971.") == "es")
        #expect(Self.language("中国和比利时于1971年10月25日建立外交关系。") == "zh")
        // names in another language do not make an English passage foreign
        #expect(Self.language("Costa Rica has an embassy in San Salvador. El Salvador has an embassy in San José.") == "en")
        #expect(Self.language("2014") == "en")
    }

    @Test func aFacetAndAFilter() throws {
        let w = Workspace()
        w.write("fr.txt", "La Chine et la Belgique ont établi des relations diplomatiques le 25 octobre 1971. Depuis, les échanges entre les deux pays se sont beaucoup développés.\n")
        w.write("zh.txt", try String(contentsOf: Bundled.root.appendingPathComponent("Tests/Fixtures/languages/china-belgium.zh.txt"), encoding: .utf8))
        try w.index()
        let searcher = try Searcher(paths: [w.index])
        var all = SearchRequest()
        all.limit = 1000
        let result = try searcher.search(all)
        let languages = Dictionary(result.facets.language.map { ($0.value, $0.count) }, uniquingKeysWith: +)
        #expect(languages["en"] == 12 && languages["fr"] == 1 && (languages["zh"] ?? 0) > 0)
        #expect(result.hits.allSatisfy { ($0.record.file == "fr.txt") == ($0.record.language == "fr") })
        var french = SearchRequest()
        french.languages = ["fr"]
        #expect(try searcher.search(french).hits.map(\.record.file) == ["fr.txt"])
        #expect(LanguageDetector.code("French") == "fr" && LanguageDetector.code("klingon") == nil)
    }
}
