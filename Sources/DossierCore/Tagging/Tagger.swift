/// Everything the rules find in one passage.
public struct Tags: Sendable, Equatable {
    public var topic: String
    public var years: [Int]
    public var dates: [EventDate]
    public var events: [DatedEvent]
    public var entities: [Entity]
    /// Entities per sentence index (for timelines and snippets).
    public var sentenceEntities: [Int: [Entity]]
    public var sentences: [Sentence]
}

/// Tags passages with topic, years, dated events and entities, from rules and the editable data files
/// (gazetteer and topic lexicon). Holds no Xapian objects: `Sendable`, safe to use from many threads.
public struct Tagger: Sendable {
    public let gazetteer: Gazetteer
    public let lexicon: TopicLexicon
    let entityTagger: EntityTagger

    /// `gazetteer` is the user's (the corpus folder's file): the built-in gazetteer is merged under it.
    public init(gazetteer: Gazetteer = Gazetteer(), lexicon: TopicLexicon = .default) {
        self.gazetteer = gazetteer
        self.lexicon = lexicon
        self.entityTagger = EntityTagger(gazetteer: .withBuiltin(gazetteer))
    }

    /// A hash of the data files, stored in the index: when it changes, every passage is tagged again.
    public var dataHash: String {
        FNV1a.hash(gazetteer.source, lexicon.source, Schema.version, EntityTagger.dataVersion).hex
    }

    /// Tags one passage. `heading` is the Markdown heading above it, if any.
    public func tag(_ text: String, heading: String? = nil) -> Tags {
        var tokens = Tokenizer.tokenize(text)
        var topic: String?
        // An explicit leading label: "Culture:", "Bilateral trade:From January ..."
        if let label = Self.leadingLabel(tokens) {
            topic = label.topic
            tokens.removeFirst(label.end)  // moved, not copied
        }
        let sentences = SentenceSplitter.split(tokens)
        let dates = DateTagger.tag(tokens, sentences: sentences)
        // every token folded once, for the entity rules and the topic lexicon
        let folded = tokens.map { $0.kind == .punctuation ? String($0.text) : $0.folded }
        let mentions = entityTagger.tag(tokens, folded: folded)
        if topic == nil, let heading, !heading.isEmpty { topic = heading }
        if topic == nil {
            topic = lexicon.infer(tokens.indices.filter { tokens[$0].isWord }.map { folded[$0] }) ?? TopicLexicon.fallback
        }
        var perSentence: [Int: [Entity]] = [:]
        var s = 0
        for mention in mentions {
            while s < sentences.count, sentences[s].tokens.upperBound <= mention.tokens.lowerBound { s += 1 }
            guard s < sentences.count else { break }
            if !(perSentence[s]?.contains(mention.entity) ?? false) { perSentence[s, default: []].append(mention.entity) }
        }
        return Tags(
            topic: topic!, years: dates.years, dates: dates.dates, events: dates.events,
            entities: EntityTagger.distinct(mentions), sentenceEntities: perSentence, sentences: sentences)
    }

    /// "Label:" at the start of a passage: at most 8 words, capitalized, before the first colon, no sentence end.
    static func leadingLabel(_ tokens: [Token]) -> (topic: String, end: Int)? {
        guard let first = tokens.first, first.isCapitalized else { return nil }
        var words = 0
        for (i, t) in tokens.enumerated().prefix(24) {
            if t.isPunctuation(":") {
                guard words >= 1, words <= 8 else { return nil }
                // "Among them: …" is not a topic; a label needs a noun, so skip a lone stop word
                let label = tokens[0..<i].map { ($0.spaceBefore && $0.start > tokens[0].start ? " " : "") + $0.text }.joined()
                if words == 1 && EntityTagger.stopWords.contains(label.lowercased()) { return nil }
                // a time or reference ("At 10:30") is not a label
                if i + 1 < tokens.count, tokens[i + 1].isNumber, !tokens[i + 1].spaceBefore { return nil }
                return (label, i + 1)
            }
            if t.kind == .punctuation, [".", "!", "?", ";"].contains(String(t.text)) { return nil }
            if t.isWord || t.isNumber { words += 1 }
        }
        return nil
    }
}
