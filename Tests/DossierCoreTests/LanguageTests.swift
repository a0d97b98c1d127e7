import Foundation
import Testing
@testable import DossierCore
import Xapian

/// Every passage's language, from its script and its own stop words: a facet and a filter.
@Suite struct LanguageTests {
    static func language(_ text: String) -> String {
        let tokens = Tokenizer.tokenize(text)
        return LanguageDetector.detect(tokens, folded: tokens.map(\.lookupForm))
    }

    /// A sentence ends at a punctuation token that is a full stop, question or exclamation mark (or a CJK one) and
    /// nothing else: with a variation selector or a combining mark it is another character.
    @Test func sentenceEndsAreWholeMarks() {
        func endsSentence(_ mark: String) -> Bool { SentenceSplitter.isStop(mark) || SentenceSplitter.isCJKStop(mark) }
        for mark in [".", "!", "?", "。", "！", "？"] { #expect(endsSentence(mark), "\(mark)") }
        for mark in ["", ",", "..", "!\u{FE0F}", ".\u{301}", "。\u{301}", "\u{3001}", "\u{FF0C}", ":"] {
            #expect(!endsSentence(mark), "\(mark.unicodeScalars.map { String($0.value, radix: 16) })")
        }
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
        // a word counts for every language whose list has it ("of" is Dutch too, "in" four languages'), a sentence's
        // first word counts, and one word of another language is chance
        #expect(Self.language("change of inclination of a satellite orbit comment on of march") == "en")
        // French "comment" and "on", but "on" is English too: one word of evidence, not two
        #expect(Self.language("constant frequency oscillators comment on") == "en")
        #expect(Self.language("Comment on fait le pain") == "fr")
        // too few words of their own to tell: "hij" alone ("is" is English too)
        #expect(Self.language("Hij is ziek.") == "en")
        #expect(Self.language("multiple quantum transitions in nuclear magnetic resonance") == "en")
        #expect(Self.language("Modern era") == "en")
        #expect(Self.language("Het is een korte tekst over de haven.") == "nl")
        #expect(Self.language("Le roi est venu.") == "fr")
        #expect(Self.language("El rey llegó a Madrid.") == "es")
        // words in capitals are headings or acronyms
        #expect(Self.language("WORD PROCESSING AND KINDS OF EQUIPMENT DE LA") == "en")
    }

    @Test func generatedWordListsAreFoldedAsTheTextIs() {
        // the generators fold as TextFolding does ("daß" is "dass" in the text, so in the lists), or a word never matches
        for file in [PackageResources.stopwords_tsv, PackageResources.query_stopwords_tsv] {
            for list in StopWords.lists(file) {
                let unfolded = list.words.filter { TextFolding.fold($0) != $0 }
                #expect(unfolded.isEmpty, "\(list.language): \(unfolded.prefix(5))")
            }
        }
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

    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: Bundled.root.appendingPathComponent("Tests/Fixtures/languages/" + name), encoding: .utf8)
    }

    /// The French and Dutch fixtures (written for these tests: the bundled text's story told in each language).
    static func frenchAndDutch() throws -> (Workspace, Searcher) {
        let w = Workspace(copyBundled: false)
        w.write("fr.txt", try fixture("china-belgium.fr.txt"))
        w.write("nl.txt", try fixture("china-belgium.nl.txt"))
        w.write("en.txt", "Belgium and China signed commercial agreements in Brussels in 2019.\n")
        try w.index()
        return (w, try Searcher(paths: [w.index]))
    }

    static func hits(_ searcher: Searcher, _ query: String, languages: [String] = []) throws -> [SearchHit] {
        var request = SearchRequest(query: query)
        request.languages = languages
        request.limit = 100
        return try searcher.search(request).hits
    }

    @Test func frenchAndDutchPassagesAreTagged() throws {
        let (_, searcher) = try Self.frenchAndDutch()
        var all = SearchRequest()
        all.limit = 100
        let hits = try searcher.search(all).hits
        for (file, language) in [("fr.txt", "fr"), ("nl.txt", "nl")] {
            let passages = hits.filter { $0.record.file == file }.sorted { $0.record.paragraph < $1.record.paragraph }
            // headings are sections, not passages
            #expect(passages.count == 7, "\(file)")
            #expect(passages.allSatisfy { $0.record.language == language }, "\(file)")
            #expect(passages[0].record.dates.map(\.description) == ["1971-10-25"], "\(file)")
            #expect(passages[1].record.dates.map(\.description) == ["2015-06"], "\(file)")
            #expect(passages[2].record.dates.map(\.description) == ["2014-03"], "\(file)")
            #expect(passages[6].record.years == [2014, 2016], "\(file)")
            #expect(passages[6].record.dates.map(\.description) == ["2014-02", "2016-06-02"], "\(file)")
            #expect(passages[0].record.topics.contains("Diplomatic relations"), "\(file)")
            // country names in French and Dutch are the same entities as in English
            let places = Set(passages.flatMap { $0.record.entities.filter { $0.kind == .place }.map(\.name) })
            #expect(places.isSuperset(of: ["China", "Belgium"]), "\(file): \(places)")
            #expect(passages[1].record.entities.contains { $0.name == "Xi Jinping" && $0.kind == .person }, "\(file)")
            // a title in the language gives a person, and is not part of the name: "le roi Philippe", "Koning Filip"
            let king = language == "fr" ? "Philippe" : "Filip"
            #expect(passages[1].record.entities.contains { $0.name == king && $0.kind == .person }, "\(file): \(passages[1].record.entities)")
            #expect(passages[3].record.entities.contains { $0.name == "Charles Michel" && $0.kind == .person }, "\(file)")
            #expect(!passages.flatMap(\.record.entities).contains { $0.kind == .person && ["La Chine", "Chine"].contains($0.name) })
        }
        // one entity facet across the languages
        var belgium = SearchRequest()
        belgium.entities = ["Belgium"]
        belgium.limit = 100
        #expect(Set(try searcher.search(belgium).hits.map(\.record.language)) == ["en", "fr", "nl"])
    }

    /// Each passage is stemmed in its language, and a query in each language the index holds.
    @Test func queriesAreStemmedPerLanguage() throws {
        // what English stemming would miss
        #expect(try stem("commerciaux", language: "english") != stem("commercial", language: "english"))
        #expect(try stem("staatsbezoeken", language: "english") != stem("staatsbezoek", language: "english"))
        let (_, searcher) = try Self.frenchAndDutch()
        #expect(searcher.languages == ["en", "fr", "nl"])
        let french = try Self.hits(searcher, "accord commercial")
        #expect(french.map(\.record.file) == ["fr.txt"])
        #expect(french.first?.record.text.contains("accords commerciaux") == true)
        // the French passage's words are highlighted by their French stems
        let marked = french.first?.snippet.marked(open: "[", close: "]") ?? ""
        #expect(marked.contains("[accords] [commerciaux]"), "\(marked)")
        let dutch = try Self.hits(searcher, "staatsbezoeken")
        #expect(dutch.count == 2 && dutch.allSatisfy { $0.record.file == "nl.txt" && $0.record.text.contains("staatsbezoek ") })
        // English passages as before, each weighed once: the same score with and without the other languages' parses
        let english = try Self.hits(searcher, "commercial agreements")
        let englishOnly = try Self.hits(searcher, "commercial agreements", languages: ["en"])
        #expect(english.first?.record.file == "en.txt" && englishOnly.map(\.record.file) == ["en.txt"])
        #expect(english.first?.score == englishOnly.first?.score)
        // a word of one language is no misspelling of another's ("commercial" is not corrected to "commerciaux")
        #expect(try searcher.search(SearchRequest(query: "commercial agreements")).corrected == nil)
        #expect(try searcher.search(SearchRequest(query: "commerical")).corrected == "commercial")
        // a query every language stems alike is parsed once, unrestricted; others once per stemmer, the largest
        // language's parse leaving the others' passages out
        #expect(!(try searcher.parse(SearchRequest(query: "port")).query.description.contains(Schema.languagePrefix)))
        let split = try searcher.parse(SearchRequest(query: "commercial agreements")).query.description
        #expect(split.contains("AND_NOT (XGen OR XGnl)") && split.contains("FILTER XGen") && split.contains("FILTER XGnl"), "\(split)")
        // a query for one language is parsed for it alone
        #expect(try Self.hits(searcher, "commerciaux", languages: ["fr"]).count == 2)
        #expect(try Self.hits(searcher, "commerciaux", languages: ["en"]).isEmpty)
        // and bag-of-words questions drop the language's stop words
        #expect(StopWords.forQuery("fr").contains("les") && StopWords.forQuery("nl").contains("het") && !StopWords.forQuery("fr").contains("commerce"))
    }

    /// French elisions (l'Union, d'État, with a straight or a curly apostrophe) and the Dutch plural 's are cut
    /// off for the index and the query, so the word alone finds them; other words with an apostrophe stay whole.
    @Test func elisionsAreCutOff() throws {
        #expect(Elision.strip("l'ambassade d’entreprises qu'il aujourd'hui", language: "fr") == "ambassade entreprises il aujourd'hui")
        #expect(Elision.strip("dell'Unione", language: "it") == "Unione")
        #expect(Elision.strip("reuzenpanda's en 's-Hertogenbosch, A's", language: "nl") == "reuzenpanda en 's-Hertogenbosch, A")
        #expect(Elision.strip("China's l'ambassade", language: "en") == "China's l'ambassade")
        let (_, searcher) = try Self.frenchAndDutch()
        // "État" appears only as "d'État" in the French text
        let state = try Self.hits(searcher, "État", languages: ["fr"])
        #expect(!state.isEmpty && state.allSatisfy { $0.record.text.contains("d'État") })
        #expect(try searcher.search(SearchRequest(query: "État")).corrected == nil)
        let union = try Self.hits(searcher, "union", languages: ["fr"])
        #expect(union.contains { $0.snippet.marked(open: "[", close: "]").contains("[l'Union]") })
        #expect(try Self.hits(searcher, "l'Union", languages: ["fr"]).count == union.count)
    }

    @Test func foldersCanBeGivenALanguage() throws {
        let w = Workspace(copyBundled: false)
        w.write("brieven/a.txt", "De haven van Antwerpen is een van de grootste havens van Europa, en wordt door veel schepen bezocht.\n")
        w.write("b.txt", "The port of Antwerp is a short text.\n")
        try w.index()
        func languages() throws -> [String: String] {
            var all = SearchRequest()
            all.limit = 10
            return Dictionary(uniqueKeysWithValues: try Searcher(paths: [w.index]).search(all).hits.map { ($0.record.file, $0.record.language) })
        }
        #expect(try languages() == ["brieven/a.txt": "nl", "b.txt": "en"])
        w.write(FolderLanguages.fileName, "# folder<TAB>language\nbrieven\tFrench\n")
        try w.index()
        #expect(try languages() == ["brieven/a.txt": "fr", "b.txt": "en"])
        w.write(FolderLanguages.fileName, ".\tde\nbrieven\tnl\n")
        try w.index()
        #expect(try languages() == ["brieven/a.txt": "nl", "b.txt": "de"])
        // each language's parse of a query finds its passages
        let searcher = try Searcher(paths: [w.index])
        #expect(searcher.languages == ["de", "nl"])
        #expect(try Self.hits(searcher, "port", languages: ["de"]).map(\.record.file) == ["b.txt"])
        #expect(try Self.hits(searcher, "haven", languages: ["nl"]).map(\.record.file) == ["brieven/a.txt"])
        var warnings: [Warning] = []
        w.write(FolderLanguages.fileName, "brieven\tklingon\nno tab here\n")
        try w.index(warnings: &warnings)
        #expect(warnings.map(\.description) == [
            "warning: languages.tsv: line 1: unknown language \"klingon\" (one of en, fr, nl, de, es, it, pt, zh)",
            "warning: languages.tsv: line 2: expected: folder<TAB>language",
        ])
        #expect(try languages() == ["brieven/a.txt": "nl", "b.txt": "en"])
        #expect(FolderLanguages(parsing: "a/b\tfr\n").language(of: "a/b/c/d.txt") == "fr")
        #expect(FolderLanguages(parsing: "a/b\tfr\n").language(of: "a/bc/d.txt") == nil)
    }
}
