import Foundation
import Testing
@testable import DossierCore

/// `dossier ask` on two texts of different styles, each question's answer checked by hand against the text: the
/// bundled China–Belgium text (prose), and the Singapore article of Tests/Fixtures/events (a present-tense
/// chronology, then notes by country).
@Suite(.serialized) struct AskTests {
    /// What a question must give.
    enum Want {
        /// Exactly these answers, in this order.
        case exactly([String])
        /// These answers, in any order, and no others.
        case set(Set<String>)
        /// This answer first.
        case first(String)
        /// At least these, and nothing outside `allowed`.
        case within(required: Set<String>, allowed: Set<String>)
        /// No answer: the honest "not in the texts", with the passages a search finds.
        case none
    }

    struct Case: CustomTestStringConvertible {
        let question: String
        let type: Question.Kind
        let want: Want
        var testDescription: String { question }
    }

    static let bundled: [Case] = [
        .init(question: "Who visited Belgium in 2015?", type: .who, want: .exactly(["Li Keqiang"])),
        .init(question: "When did King Philippe visit China?", type: .when,
              want: .set(["2000", "2004-11", "2007-06", "2008-08", "2010-06", "2011-10", "2015-06"])),
        .init(question: "Which Belgian prime ministers visited China?", type: .which,
              want: .set(["Guy Verhofstadt", "Charles Michel", "Alexander De Croo"])),
        .init(question: "How much was bilateral trade in 2024?", type: .howMuch, want: .first("US$29.71 billion")),
        .init(question: "When did China and Belgium establish diplomatic relations?", type: .when, want: .exactly(["1971-10-25"])),
        .init(question: "Who visited China since 2016?", type: .who, want: .set(["Charles Michel", "Princess Astrid", "Alexander De Croo"])),
        .init(question: "When did Prime Minister Michel visit China?", type: .when, want: .exactly(["2016-10"])),  // an alias
        .init(question: "How many times did Li Keqiang visit Belgium?", type: .howMany, want: .exactly(["3"])),
        .init(question: "Who met with Alexander De Croo?", type: .who,
              want: .within(required: ["Wang Yi", "Zhang Guoqing", "Ding Xuexiang"], allowed: ["Wang Yi", "Zhang Guoqing", "Ding Xuexiang", "Li Keqiang"])),
        .init(question: "When did President Xi visit Belgium?", type: .when, want: .exactly(["2014-03"])),
        .init(question: "Who visited China in 2002?", type: .who, want: .exactly(["Guy Verhofstadt"])),
        .init(question: "When did Princess Astrid visit China?", type: .when, want: .exactly(["2019-11"])),
        .init(question: "Who did Xi Jinping speak with in 2020?", type: .who, want: .exactly(["King Philippe"])),
        .init(question: "When did Wang Yi have a phone conversation with Sophie Wilmes?", type: .when, want: .exactly(["2021-05"])),
        .init(question: "Who did Alexander De Croo meet in February 2023?", type: .who, want: .exactly(["Wang Yi"])),
        .init(question: "When did Alexander De Croo visit China?", type: .when, want: .exactly(["2024-01"])),
        .init(question: "Who visited Belgium in 2014?", type: .who, want: .exactly(["Xi Jinping"])),
        .init(question: "How much were China's exports in 2024?", type: .howMuch, want: .first("US$24.85 billion")),
        .init(question: "How much were China's imports in 2024?", type: .howMuch, want: .first("US$4.86 billion")),
        .init(question: "How much was the direct investment stock of Belgian companies in China?", type: .howMuch,
              want: .first("US$2.65 billion")),
        .init(question: "Who visited China before 2003?", type: .who, want: .set(["King Philippe", "Guy Verhofstadt"])),
        .init(question: "How many times did King Philippe visit China?", type: .howMany, want: .exactly(["7"])),
        // the asked side described, not named: only its events count ("Belgian kings": not Prime Minister Verhofstadt's
        // visit; "Chinese premiers": Li Keqiang's three, not President Xi's), and "how many" people counts them
        .init(question: "How many times did Belgian kings visit China?", type: .howMany, want: .exactly(["7"])),
        .init(question: "How many times did Chinese premiers visit Belgium?", type: .howMany, want: .exactly(["3"])),
        .init(question: "How many Chinese leaders visited Belgium?", type: .howMany, want: .exactly(["2"])),
        // a demonym and a title that describe a named person ask nothing more of the events
        .init(question: "How many times did Chinese Premier Li Keqiang visit Belgium?", type: .howMany, want: .exactly(["3"])),
        .init(question: "When did Belgian King Philippe visit China?", type: .when,
              want: .set(["2000", "2004-11", "2007-06", "2008-08", "2010-06", "2011-10", "2015-06"])),
        .init(question: "Which Chinese leaders visited Belgium?", type: .which, want: .set(["Li Keqiang", "Xi Jinping"])),
        .init(question: "Who visited China between 2004 and 2008?", type: .who, want: .exactly(["King Philippe"])),
        .init(question: "Who met with Prime Minister Di Rupo in 2013?", type: .who, want: .exactly(["Li Keqiang"])),
        .init(question: "Who held a video meeting with Prime Minister Alexander De Croo?", type: .who, want: .exactly(["Li Keqiang"])),
        .init(question: "When did Queen Mathilde and Peng Liyuan send a letter?", type: .when, want: .exactly(["2016-09"])),
        .init(question: "Where did Zhang Guoqing meet Alexander De Croo?", type: .where, want: .exactly(["Brussels"])),
        .init(question: "Where did King Philippe go in 2015?", type: .where, want: .exactly(["China"])),
        // not in the text
        .init(question: "Who visited Belgium in 1990?", type: .who, want: .none),
        .init(question: "When did Angela Merkel visit Belgium?", type: .when, want: .none),
    ]

    static let singapore: [Case] = [
        .init(question: "When did Singapore and Malaysia sign the separation agreement?", type: .when, want: .first("1965-08-07")),
        .init(question: "When did Singapore and China establish diplomatic relations?", type: .when, want: .first("1990-10-03")),
        .init(question: "When did Singapore and New Zealand sign the Agreement on Closer Economic Partnership?", type: .when,
              want: .exactly(["2000-11-14"])),
        .init(question: "When did Singapore and Japan sign the Japan-Singapore Economic Agreement?", type: .when, want: .exactly(["2002-01-13"])),
        .init(question: "When did Singapore and the United States sign a free trade agreement?", type: .when, want: .first("2003-05-06")),
        .init(question: "What did Singapore and China sign in 1994?", type: .what, want: .exactly(["agreement"])),
        .init(question: "Which countries did Singapore sign agreements with in 2005?", type: .which,
              want: .within(required: ["Malaysia", "Indonesia"], allowed: ["Malaysia", "Indonesia", "Australia"])),
        .init(question: "When did Singapore attend the inaugural East Asia Summit?", type: .when, want: .exactly(["2005-12-14"])),
        .init(question: "Who met President Ismail?", type: .who, want: .exactly(["Lee"])),
        .init(question: "When did Ferenc Gyurcsány visit Singapore?", type: .when, want: .exactly(["2005-07"])),
        .init(question: "When did Singapore recognise Kosovo?", type: .when, want: .exactly(["2016-12-01"])),
        .init(question: "How much was the planned naval base?", type: .howMuch, want: .first("$35 million")),
        .init(question: "When did Pope John Paul II visit Singapore?", type: .when, want: .exactly(["1986"])),
        .init(question: "When did the Netherlands recognize Singapore?", type: .when, want: .exactly(["1965-08"])),
        .init(question: "How many agreements did Singapore sign with Malaysia?", type: .howMany, want: .exactly(["2"])),
        .init(question: "Who visited Singapore in 2005?", type: .who, want: .set(["Ferenc Gyurcsány", "Mohamed Bolkiah"])),
        .init(question: "When did Singapore and Indonesia sign a Memorandum of Understanding?", type: .when, want: .exactly(["2005-08"])),
        // not in the text
        .init(question: "When did Singapore sign a treaty with Brazil?", type: .when, want: .none),
    ]

    static let bundledIndex: String = {
        let w = Workspace()
        _ = try! w.index()
        return w.index
    }()

    static let singaporeIndex: String = {
        let w = Workspace(copyBundled: false)
        let text = try! String(contentsOf: Bundled.root.appendingPathComponent("Tests/Fixtures/events/foreign-relations-of-singapore.txt"), encoding: .utf8)
        w.write("foreign-relations-of-singapore.txt", text)
        _ = try! w.index()
        return w.index
    }()

    func check(_ c: Case, index: String) throws {
        let result = try Searcher(paths: [index]).ask(c.question)
        #expect(result.question.kind == c.type)
        let answers = result.answers.map(\.answer)
        switch c.want {
        case let .exactly(list): #expect(answers == list)
        case let .set(set): #expect(Set(answers) == set && answers.count == set.count)
        case let .first(a): #expect(answers.first == a)
        case let .within(required, allowed): #expect(required.isSubset(of: Set(answers)) && Set(answers).isSubset(of: allowed))
        case .none:
            #expect(result.fallback && answers.isEmpty)
            #expect(!(result.passages?.hits.isEmpty ?? true))
        }
        // every answer rests on sentences of the text, each dated when the answer is a date
        for a in result.answers {
            #expect(!a.evidence.isEmpty && a.count >= 1)
            if a.kind == "date" { #expect(a.evidence.allSatisfy { $0.date?.description == a.answer }) }
        }
    }

    @Test(arguments: bundled) func bundledText(_ c: Case) throws { try check(c, index: Self.bundledIndex) }

    @Test(arguments: singapore) func secondText(_ c: Case) throws { try check(c, index: Self.singaporeIndex) }

    @Test func questionsAreRead() {
        let q = Asker.parse("Which Belgian prime ministers visited China between 2010 and 2015?") { Gazetteer.resolveBuiltin($0) }
        #expect(q.kind == .which && q.countries == ["BEL"] && q.roles == ["prime minister"] && q.cameos == ["042"])
        #expect(q.from == EventDate(year: 2010) && q.to == EventDate(year: 2015))
        #expect(q.entities.map(\.name) == ["China"])
        let since = Asker.parse("Who visited China since June 2016?") { Gazetteer.resolveBuiltin($0) }
        #expect(since.from == EventDate(year: 2016, month: 6) && since.to == nil)
        let before = Asker.parse("Who visited China before 2010?") { Gazetteer.resolveBuiltin($0) }
        #expect(before.to == EventDate(year: 2009) && before.from == nil)
        #expect(Asker.parse("Trade between China and Belgium") { Gazetteer.resolveBuiltin($0) }.kind == nil)
        #expect(Asker.parse("How many Belgian prime ministers visited China?") { Gazetteer.resolveBuiltin($0) }.countsPeople)
        #expect(!Asker.parse("How many times did Belgian prime ministers visit China?") { Gazetteer.resolveBuiltin($0) }.countsPeople)
        #expect(!Asker.parse("How many visits did Belgian prime ministers make to China?") { Gazetteer.resolveBuiltin($0) }.countsPeople)
    }

    /// Without an answer, the passages are those with every word of the question that says something (its names,
    /// verbs and nouns), as a keyword search finds them, not a bag of words ranked with feedback.
    @Test func fallbackPassagesHaveTheQuestionsWords() throws {
        let searcher = try Searcher(paths: [Self.bundledIndex])
        let result = try searcher.ask("Why did Xi Jinping attend the opening of the Giant Panda Pavilion?")
        #expect(result.answers.isEmpty && result.fallback)
        let passages = try #require(result.passages)
        #expect(!passages.relaxed && !passages.hits.isEmpty)
        for hit in passages.hits {
            #expect(hit.record.text.contains("Xi Jinping") && hit.record.text.contains("Giant Panda Pavilion") && hit.record.text.contains("open"))
        }
        // the same words as a question of `dossier search`: a bag of words, which finds more
        let asQuestion = try searcher.search(SearchRequest(query: "Xi Jinping attend opening Giant Panda Pavilion"))
        #expect(asQuestion.total > passages.total)
    }

    @Test func badQuestionsFallBackOrSaySo() throws {
        let searcher = try Searcher(paths: [Self.bundledIndex])
        // another language: no question Dossier reads, but the passages of a search
        let french = try searcher.ask("Qui a visité la Belgique en 2015 ?")
        #expect(french.answers.isEmpty && french.fallback)
        // 10,000 characters
        let long = try searcher.ask(String(repeating: "who visited Belgium ", count: 500))
        #expect(long.fallback || !long.answers.isEmpty)
        // punctuation only
        let empty = try searcher.ask("???")
        #expect(empty.answers.isEmpty && empty.fallback)
    }
}
