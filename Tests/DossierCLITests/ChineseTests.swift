import Foundation
import Testing

@testable import DossierCore

/// Chinese text (`Tests/Fixtures/languages/china-belgium.zh.txt`): each ideograph a token, Xapian's CJK n-grams
/// for search, dates written 2014年3月, sentences ended by 。, and countries and people by their Chinese names as the
/// same entities as in English.
@Suite struct ChineseTests {
    static let fixture = CLI.repository.appendingPathComponent("Tests/Fixtures/languages/china-belgium.zh.txt")

    @Test func ideographsAreWordsOfTheirOwn() {
        let tokens = Tokenizer.tokenize("1971年10月25日，比利时 Belgium-China")
        #expect(tokens.map(\.text) == ["1971", "年", "10", "月", "25", "日", "，", "比", "利", "时", "Belgium-China"])
        #expect(tokens.map(\.kind) == [.number, .word, .number, .word, .number, .word, .punctuation, .word, .word, .word, .word])
        #expect(Tokenizer.tokenize("17th 5G co-operation").map(\.text) == ["17th", "5G", "co-operation"])
    }

    @Test func chineseDatesAndSentences() {
        let text = "中国和比利时于1971年10月25日建立外交关系。2014年3月，习近平访问比利时。同年9月，两国签署协议。次年5月，首相访问中国。"
        let tokens = Tokenizer.tokenize(text)
        let sentences = SentenceSplitter.split(tokens)
        #expect(sentences.count == 4)
        let dates = DateTagger.tag(tokens, sentences: sentences)
        #expect(dates.dates.map(\.description) == ["1971-10-25", "2014-03", "2014-09", "2015-05"])
        #expect(dates.events.map(\.sentence) == [0, 1, 2, 3])
        // a number before 年 that is no year, and a month before anything names one: no date
        #expect(DateTagger.tag(Tokenizer.tokenize("第5年，3月。"), sentences: SentenceSplitter.split(Tokenizer.tokenize("第5年，3月。"))).dates.isEmpty)
    }

    @Test func quotedChinesePhrasesAreSearchedAsWords() {
        #expect(CJKText.unquotingPhrases(#""外交关系" trade"#) == " 外交关系  trade")
        #expect(CJKText.unquotingPhrases(#""state visit" "外交""#) == #""state visit"  外交 "#)
        #expect(CJKText.unquotingPhrases(#"say "hello"#) == #"say "hello"#)
    }

    @Test func searchedBesideEnglishWithTheSameEntities() throws {
        let cli = CLI()
        try FileManager.default.copyItem(at: Self.fixture, to: cli.directory.appendingPathComponent("Corpus/china-belgium.zh.txt"))
        #expect(try cli.run("index", "--quiet").status == 0)
        func hits(_ args: String...) throws -> [[String: Any]] {
            (try cli.run(["search"] + args + ["--json", "--limit", "50"]).json["hits"] as? [[String: Any]]) ?? []
        }
        func names(_ hit: [String: Any]) -> [String] { (hit["entities"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String } }
        let belgium = try hits("比利时")
        #expect(belgium.count == 4 && belgium.allSatisfy { $0["file"] as? String == "china-belgium.zh.txt" })
        let xi = try #require(try hits("习近平").first)
        #expect(names(xi).contains("Xi Jinping") && names(xi).contains("Belgium"))
        #expect(xi["dates"] as? [String] == ["2014-03", "2014-09"])
        #expect(try hits("\"外交关系\"").first?["paragraph"] as? Int == 1)
        #expect(try hits("国事访问").count == 1)
        // one entity facet over both languages: Xi Jinping's passages in English and in Chinese
        let files = Set(try hits("--entity", "Xi Jinping").compactMap { $0["file"] as? String })
        #expect(files == ["china-belgium.txt", "china-belgium.zh.txt"])
        // the timeline has the Chinese dates, sentence by sentence
        let events = (try cli.run("timeline", "--file", "china-belgium.zh.txt", "--json").json["events"] as? [[String: Any]]) ?? []
        #expect(events.compactMap { $0["date"] as? String } == ["1971-10-25", "2014-02", "2014-03", "2014-09"])
        // "the next year" in a passage that names no year has no date (years are carried within a passage)
        #expect(try hits("首相").first?["dates"] as? [String] == [])
        #expect(events.first?["sentence"] as? String == "中国和比利时于1971年10月25日建立外交关系。")
        // English searches are as before
        #expect(try hits("giant", "panda").first?["file"] as? String == "china-belgium.txt")
    }
}

/// Dates in the other languages of the relations texts (month names from the Unicode CLDR, `Data/months.tsv`).
@Suite struct OtherLanguageDateTests {
    static func dates(_ text: String) -> [String] {
        let tokens = Tokenizer.tokenize(text)
        return DateTagger.tag(tokens, sentences: SentenceSplitter.split(tokens)).dates.map(\.description)
    }

    @Test func frenchDutchGermanSpanishDates() {
        #expect(Self.dates("La Chine et la Belgique ont établi des relations diplomatiques le 25 octobre 1971.") == ["1971-10-25"])
        #expect(Self.dates("In maart 2014 bracht president Xi Jinping een staatsbezoek aan België.") == ["2014-03"])
        #expect(Self.dates("Im März 2015 besuchte König Philippe China, am 3. Juni 2016 erneut.") == ["2015-03", "2016-06"])
        #expect(Self.dates("El 12 de agosto de 2019 se firmó el acuerdo.") == ["2019"])  // "de" between: the year only
        #expect(Self.dates("En août 2008, en février 2009.") == ["2008-08", "2009-02"])
        // the English rules are unchanged
        #expect(Self.dates("Trade rose in May 2015 and again on 3 June 2016.") == ["2015-05", "2016-06-03"])
        // a month name alone, or before a number that is no year, is no date
        #expect(Self.dates("Les mois de mars et mai.").isEmpty)
        #expect(Self.dates("Mars 12 rovers.").isEmpty)
    }
}
