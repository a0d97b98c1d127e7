import Testing
import TestSupport
@testable import DossierCore

/// Tagging made-up text built from the words the rules look at (offices, organizations, demonyms, visits, verbs of
/// saying, quantities), in random order: no rule may index out of its words or lose its place, whatever the order.
@Suite struct RandomTextTests {
    static let words = [
        "Minister", "Ministers", "Secretary", "Commissioner", "of", "for", "the", "and", "&", "Foreign", "Affairs", "Trade",
        "Environment", "Visiting", "MINISTER", "TRADE", "NATO", "Asia-Pacific", "Economic", "Cooperation", "United", "Nations",
        "Security", "Council", "visit", "visits", "state", "official", "a", "by", "to", "of", "'s", "Chinese", "Belgian",
        "Iranians", "Palestinians", "Philippine", "foreign", "ministry", "coast", "guard", "officials", "Thousands", "said",
        "that", "it", "would", "will", "impose", "sanctions", "on", "visited", "met", "protested", "against", "cancelled",
        "China", "Belgium", "Iran", "Xi", "Jinping", "Charles", "Michel", "in", "2015", "June", ".", ",", ";", "(", ")", "\n",
    ]

    @Test func rulesHoldOnAnyOrderOfTheirWords() {
        let tagger = Tagger()
        let vocabulary = Set(TopicLexicon.builtIn.vocabulary)
        var rng = SeededGenerator()
        print("rulesHoldOnAnyOrderOfTheirWords: \(rng)")
        for _ in 0..<1_500 {
            let text = (0..<Int.random(in: 1...40, using: &rng)).map { _ in Self.words.randomElement(using: &rng)! }.joined(separator: " ")
            let tags = tagger.tag(text)
            #expect(!tags.topics.isEmpty && tags.topics.allSatisfy(vocabulary.contains), "\(text.debugDescription), \(rng)")
            for event in tags.codedEvents {
                #expect(event.start >= 0 && event.start <= event.end && event.end <= text.utf8.count && !event.source.isEmpty,
                        "\(text.debugDescription), \(rng)")
            }
        }
    }
}
