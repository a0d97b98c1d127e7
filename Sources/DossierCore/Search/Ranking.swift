import Xapian

/// How passages are ranked: BM25 parameters, and how natural-language queries are handled.
public struct Ranking: Sendable, Equatable {
    public var k1: Double
    public var b: Double
    public var k3: Double = 1
    public var minNormLength: Double = 0.5
    /// A query of at least this many words that are not stop words (and no query syntax) is a natural-language
    /// query, matched as a bag of words; 0 turns this off.
    public var naturalLanguageWords = 4
    /// Pseudo-relevance feedback for natural-language queries: the best `feedbackTerms` terms of the top
    /// `feedbackDocuments` passages are added to the query, weighted by `feedbackWeight` (0 turns it off).
    public var feedbackDocuments = 5
    public var feedbackTerms = 30
    public var feedbackWeight = 0.3
    public var expansionScheme: Enquire.ExpansionScheme = .trad
    /// Feedback comes only from top passages scoring at least this share of the first one's score (0: all
    /// `feedbackDocuments`): when one passage stands far above the rest, the rest are no confident top set.
    public var feedbackMinScore = 0.75
    /// Whether English stop words are left out of queries (Xapian's own defaults keep them).
    public var stopWords = true
    /// Whether a question's words (a bag-of-words query) take in their synonyms, the gazetteer's aliases and demonyms
    /// ("Canadian" finds Canada). Off: with the built-in gazetteer's ~9,000 aliases, TIME's questions about countries
    /// fell from .674 to .665 MAP, below Xapian's own defaults on nDCG@10 (BENCHMARKS.md). Keyword queries and the
    /// `entity:`/`--entity` filters always resolve aliases.
    public var synonyms = false

    /// Dossier's defaults, chosen by leave-one-collection-out over seven test collections as the setting whose worst
    /// ratio to Xapian's own BM25 defaults is highest (`Benchmarks/relevance_cv.py`, BENCHMARKS.md): k1 1.2, b 0.75,
    /// feedback of 30 terms from the top 5 passages scoring at least 0.75 of the first, at weight 0.3.
    public static let `default` = Ranking(k1: 1.2, b: 0.75)

    /// What a plain Xapian user gets: BM25 with Xapian's defaults (k1 1, b 0.5), every query word OR'd, no stop
    /// list, no feedback: the baseline `dossier eval --baseline` ranks beside Dossier's, on the same index.
    public static let xapianDefaults: Ranking = {
        var r = Ranking(k1: 1, b: 0.5)
        r.naturalLanguageWords = 1
        r.feedbackWeight = 0
        r.stopWords = false
        return r
    }()

    public init(k1: Double, b: Double) {
        self.k1 = k1
        self.b = b
    }

    public func apply(to enquire: Enquire) throws {
        try enquire.setBM25(k1: k1, k2: 0, k3: k3, b: b, minNormLength: minNormLength)
    }
}
