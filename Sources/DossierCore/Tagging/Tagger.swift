/// Everything the rules find in one passage.
public struct Tags: Sendable, Equatable {
    /// The passage's topics from the vocabulary (one to three, best first; "General" alone when none applies).
    public var topics: [String]
    /// The primary topic: `topics[0]`.
    public var topic: String { topics[0] }
    /// The passage's own label ("Bilateral trade: …") or the headings above it; nil without either.
    public var section: String?
    public var years: [Int]
    public var dates: [EventDate]
    public var events: [DatedEvent]
    public var entities: [Entity]
    /// Entities per sentence index (for timelines and snippets).
    public var sentenceEntities: [Int: [Entity]]
    public var sentences: [Sentence]
    /// The events the sentences report, coded in CAMEO and PLOVER (`EventCoder`).
    public var codedEvents: [CodedEvent] = []
    /// The passage's language, an ISO 639-1 code (`LanguageDetector`).
    public var language = "en"
    /// The abbreviations the passage defines ("Democratic Union Party (PYD)"), as written: what each stands for in
    /// the file's other passages (`resolveNames`); nil for one it defines twice, differently.
    var abbreviations: [String: Entity?] = [:]
}

/// Tags passages with topic, years, dated events and entities, from rules and the editable data files
/// (gazetteer and topic lexicon). Holds no Xapian objects: `Sendable`, safe to use from many threads.
public struct Tagger: Sendable {
    public let gazetteer: Gazetteer
    public let lexicon: TopicLexicon
    /// Languages the user gives folders (`languages.tsv`): they replace the detected ones (`language(of:)`).
    public let folderLanguages: FolderLanguages
    let entityTagger: EntityTagger
    /// Whether sentences are coded as events (`EventCoder`). Always on when indexing; off, it lets a benchmark
    /// measure the other taggers apart (the entities issue's tagging share does not count event coding).
    public var codesEvents = true

    /// `gazetteer` is the user's (the corpus folder's file): the built-in gazetteer is merged under it.
    public init(gazetteer: Gazetteer = Gazetteer(), lexicon: TopicLexicon = .builtIn, folderLanguages: FolderLanguages = FolderLanguages()) {
        self.gazetteer = gazetteer
        self.lexicon = lexicon
        self.folderLanguages = folderLanguages
        self.entityTagger = EntityTagger(gazetteer: .withBuiltin(gazetteer))
    }

    /// A hash of the data files and rules' versions, stored in the index: when it changes, every file is split and
    /// every passage tagged again.
    public var dataHash: String {
        FNV1a.hash(gazetteer.source, lexicon.source, Schema.version, EntityTagger.dataVersion, DateTagger.dataVersion,
                   EventCoder.dataVersion, LanguageDetector.dataVersion, Paragraphs.version, Self.topicRulesVersion,
                   Elision.version).hex
    }

    /// Tags one passage. `section` is the heading path above it, if any (a leading label of its own wins).
    public func tag(_ text: String, section: String? = nil) -> Tags {
        tagged(text, section: section).tags
    }

    /// `tag`, and the passage's tokens (the names of a file are resolved on them: `tagFile`).
    func tagged(_ text: String, section: String?) -> (tags: Tags, tokens: [Token]) {
        var tokens = Tokenizer.tokenize(text)
        let allTokens = tokens  // shared: copied only when a label is cut off below
        var section = section.flatMap { $0.isEmpty ? nil : $0 }
        // An explicit leading label: "Culture:", "Bilateral trade:From January ..."
        if let label = Self.leadingLabel(tokens) {
            section = label.label
            tokens.removeFirst(label.end)  // moved, not copied
        }
        let sentences = SentenceSplitter.split(tokens)
        let dates = DateTagger.tag(tokens, sentences: sentences)
        // every token folded once, for the entity rules and the topic lexicon
        let folded = tokens.map(\.lookupForm)
        let mentions = entityTagger.tag(tokens, folded: folded)
        // the passage's entities also count the parts of hyphenated words ("EU-China"), which the rest reads as words
        let parts = entityTagger.hyphenatedParts(tokens, folded: folded, mentions)
        let named = parts.isEmpty ? mentions : (mentions + parts).sorted { $0.tokens.lowerBound < $1.tokens.lowerBound }
        var perSentence: [Int: [Entity]] = [:]
        var s = 0
        for mention in named {
            while s < sentences.count, sentences[s].tokens.upperBound <= mention.tokens.lowerBound { s += 1 }
            guard s < sentences.count else { break }
            if !(perSentence[s]?.contains(mention.entity) ?? false) { perSentence[s, default: []].append(mention.entity) }
        }
        let (words, organizations) = Self.topicWords(tokens, folded: folded, mentions: mentions)
        let coded = !codesEvents ? [] : EventCoder.code(tokens: tokens, folded: folded, sentences: sentences, dates: dates.mentions,
                                                        mentions: mentions, text: text)
        var tags = Tags(
            topics: topics(words: words, section: section, internationalOrganizations: organizations), section: section, years: dates.years, dates: dates.dates,
            events: dates.events, entities: EntityTagger.distinct(named), sentenceEntities: perSentence,
            sentences: sentences, codedEvents: coded, language: LanguageDetector.detect(tokens, folded: folded))
        for (token, entity) in EntityTagger.abbreviations(mentions, tokens) {
            let abbreviation = String(tokens[token].text)
            tags.abbreviations[abbreviation] = tags.abbreviations[abbreviation].map { $0 == entity ? entity : nil } ?? entity
        }
        return (tags, allTokens)
    }

    /// The topic lexicon's evidence for a passage's words (`TopicLexicon.evidence`); a leading label ("Culture:") is
    /// read as words here, where tagging takes it as the section.
    public func topicEvidence(_ text: String) -> [(topic: String, score: Int, keywords: [String])] {
        let tokens = Tokenizer.tokenize(text)
        let folded = tokens.map(\.lookupForm)
        let (words, organizations) = Self.topicWords(tokens, folded: folded, mentions: entityTagger.tag(tokens, folded: folded))
        return lexicon.evidence(words, adding: Self.scores(ofOrganizations: organizations),
                                because: "\(organizations) international organization\(organizations == 1 ? "" : "s") named^\(Self.organizationWeight)")
    }

    /// The words the topic lexicon reads: the passage's words, folded, except that
    /// - the name of an international organization (one the built-in gazetteer knows) is one word, "#" and its
    ///   key, which no keyword matches: "Asia-Pacific Economic Cooperation" is an actor, not economic cooperation;
    /// - a person's office is the one word of its head: "Foreign Affairs and Trade Minister" is who acts, not trade.
    /// Also how many international organizations the passage names: each is evidence of multilateral work (`topics`).
    static func topicWords(_ tokens: [Token], folded: [String], mentions: [EntityTagger.Mention]) -> (words: [String], organizations: Int) {
        var words: [String] = []
        words.reserveCapacity(tokens.count)
        var organizations = 0
        var m = 0, k = 0
        var read = 0  // the tokens before it are read as one word: an office does not reach back into them
        while k < tokens.count {
            while m < mentions.count, mentions[m].tokens.upperBound <= k { m += 1 }
            if m < mentions.count, mentions[m].tokens.lowerBound == k, mentions[m].entity.kind == .organization,
               case let key = TextFolding.key(mentions[m].entity.name), Gazetteer.builtin.resolve(key: key)?.kind == .organization {
                words.append("#" + key)  // no keyword starts with "#"
                organizations += 1
                k = mentions[m].tokens.upperBound
                read = k
                continue
            }
            if tokens[k].isCapitalized, isOfficeHead(folded[k]), !LanguageDetector.inCapitals(tokens[k].text) {
                // an office's portfolio names who acts, not what the passage is about: "Trade Minister",
                // "Minister of Foreign Affairs and Trade" are read as the one word of their head
                let span = officeSpan(tokens, folded: folded, head: k, from: read)
                words.removeLast(tokens[span.lowerBound..<k].lazy.filter(\.isWord).count)
                words.append(folded[k])
                k = span.upperBound
                read = k
                continue
            }
            if tokens[k].isWord { words.append(folded[k]) }
            k += 1
        }
        return (words, organizations)
    }

    /// The capitalized words that head a person's office ("Minister", "Secretary", "Commissioner"): the words around
    /// them in capitals are its portfolio (`officeSpan`). The names of bodies ("Ministry of Health", "Joint Commission
    /// for Economic Cooperation") are left as words: measured on the development sets, what a body is for is as often
    /// what the passage is about as not.
    static let officeHeads: Set<String> = [
        "minister", "ministers", "secretary", "secretaries", "commissioner", "commissioners",
    ]

    /// Whether `word` is one of `officeHeads`; most capitalized words are names, told apart by their length and first
    /// letter before any hashing.
    @inline(__always) static func isOfficeHead(_ word: String) -> Bool {
        guard word.utf8.count >= 8, let b = word.utf8.first, b == 0x6D || b == 0x73 || b == 0x63 else { return false }
        return officeHeads.contains(word)
    }

    /// The tokens of the office headed at `head` (not a heading in capitals: the caller checks): the capitalized words
    /// before it, joined by "and" or "&" ("Foreign Affairs and Trade Minister"), but not a participle ("Visiting
    /// Foreign Minister" is a visit) nor a word in capitals; and after it "of" or "for" (and "the") and capitalized
    /// words, each joined to the next by "and", "&", "of" or "the" when a capitalized word follows it ("Minister for
    /// Foreign Affairs and Trade", "Secretary of State", "Minister for the Environment"). Only capitalized
    /// words: "the minister of trade and investment" is not a title but words about trade.
    static func officeSpan(_ tokens: [Token], folded: [String], head: Int, from first: Int = 0) -> Range<Int> {
        func isJoin(_ i: Int) -> Bool { tokens[i].kind == .punctuation ? tokens[i].text == "&" : folded[i] == "and" }
        func isPortfolio(_ i: Int) -> Bool {
            tokens[i].isCapitalized && !folded[i].hasSuffix("ing") && !LanguageDetector.inCapitals(tokens[i].text)
        }
        var start = head
        while start > first {
            if isPortfolio(start - 1) { start -= 1; continue }
            if start - 2 >= first, isJoin(start - 1), isPortfolio(start - 2) { start -= 2; continue }
            break
        }
        var end = head + 1
        if end + 1 < tokens.count, folded[end] == "of" || folded[end] == "for" {
            let article = folded[end + 1] == "the" ? 1 : 0
            guard end + 1 + article < tokens.count, tokens[end + 1 + article].isCapitalized else { return start..<end }
            end += 2 + article
            while end < tokens.count {
                if tokens[end].isCapitalized { end += 1; continue }
                if end + 1 < tokens.count, isJoin(end) || folded[end] == "of" || folded[end] == "the", tokens[end + 1].isCapitalized {
                    end += 2; continue
                }
                break
            }
        }
        return start..<end
    }

    /// Topics from evidence, in order: the topic the section names (its innermost heading: the headings around it
    /// are broader, "Disputes > Diplomatic relationships"), then the passage's own words; "General" when neither
    /// names one.
    func topics(words: [String], section: String?, internationalOrganizations: Int = 0) -> [String] {
        var topics: [String] = []
        if let heading = section?.components(separatedBy: Paragraph.sectionSeparator).last, let topic = lexicon.topic(ofSection: heading) {
            topics.append(topic)
        }
        for topic in lexicon.infer(words, adding: Self.scores(ofOrganizations: internationalOrganizations)) where topics.count < TopicLexicon.maxTopics && !topics.contains(topic) {
            topics.append(topic)
        }
        return topics.isEmpty ? [TopicLexicon.fallback] : topics
    }

    /// Version of how topics are read from a passage (the lexicon's text is hashed apart): part of `dataHash`
    /// (2: international organizations' names are actors and count for multilateral work; 3: offices' portfolios are
    /// not subject matter, and an organization no longer also matches its own keyword, "nato").
    static let topicRulesVersion = "topics-4"

    /// The vocabulary's topic that international organizations named in a passage count for, and how much each
    /// counts: as the lexicon's strong keywords do (`multilateral^2`, `wto^2`).
    static let multilateral = "Multilateral cooperation"
    static let organizationWeight = 2

    /// What `count` international organizations named add to the topics' scores.
    static func scores(ofOrganizations count: Int) -> [String: Int] {
        count > 0 ? [multilateral: organizationWeight * count] : [:]
    }

    /// Words that make the text before a colon a sentence, not a label: verbs ("Canada's first Prime Minister also
    /// said:", "Refugees by country of origin are:") and words that open clauses.
    static let clauseWords: Set<String> = StopWords.auxiliaries.union([
        "be", "been", "being", "am", "do", "said", "says", "say", "stated", "states",
        "include", "includes", "included", "including", "added", "noted", "announced", "declared", "wrote", "writes",
        "reads", "read", "told", "explained", "stressed", "follows", "following", "as", "also", "which", "who", "that",
        "when", "where", "there", "it", "he", "she", "they", "we", "i", "you", "this", "these", "those", "such",
    ])

    /// Words that open a clause or an adverbial, not a noun phrase: "Among them:", "In addition:", "However:".
    static let clauseOpeners: Set<String> = [
        "among", "in", "for", "on", "at", "by", "with", "from", "to", "into", "as", "of", "however", "moreover",
        "meanwhile", "besides", "furthermore", "therefore", "thus", "hence", "then", "but", "and", "or", "so", "if",
        "although", "though", "since", "after", "before", "during", "while", "when", "according", "because", "yet",
        "here", "now", "today", "currently", "recently", "finally", "first", "second", "third", "lastly", "note",
        "example", "his", "her", "its", "their", "our", "my", "your", "a", "an",
    ]

    /// Punctuation that ends a passage's first sentence or cell before any label's colon.
    static let labelStops: Set<String> = [".", "!", "?", ";", "|"]

    /// "Label:" at the start of a passage: a short noun phrase (1 to 7 words, capitalized, no verb, not a date nor
    /// a time) before the first colon, with text after it.
    static func leadingLabel(_ tokens: [Token]) -> (label: String, end: Int)? {
        guard let first = tokens.first, first.isCapitalized else { return nil }
        // most passages have no colon before their first sentence ends: nothing to fold or look up
        guard let colon = tokens.prefix(24).firstIndex(where: { $0.kind == .punctuation && $0.text.utf8.first == 0x3A }),
              !tokens[..<colon].contains(where: { $0.kind == .punctuation && Self.labelStops.contains($0.text) }) else { return nil }
        var words = 0
        var months = 0
        for (i, t) in tokens.enumerated().prefix(24) {
            if t.isPunctuation(":") {
                guard words >= 1, words <= 7, i + 1 < tokens.count else { return nil }
                // a date ("December 2008:") or a figure is not a label
                guard months == 0, tokens[0..<i].contains(where: \.isWord) else { return nil }
                // "Among them: …", "For example: …" are not labels: a label is a noun phrase
                if clauseOpeners.contains(TextFolding.lower(tokens[0].text)) { return nil }
                let label = tokens[0..<i].map { ($0.spaceBefore && $0.start > tokens[0].start ? " " : "") + $0.text }.joined()
                // a time or reference ("At 10:30") is not a label
                if i + 1 < tokens.count, tokens[i + 1].isNumber, !tokens[i + 1].spaceBefore { return nil }
                return (label, i + 1)
            }
            if t.kind == .punctuation, Self.labelStops.contains(t.text) { return nil }
            if t.isWord {
                let word = TextFolding.lower(t.text)
                if clauseWords.contains(word) { return nil }
                if DateTagger.months[word] != nil || DateTagger.foreignMonth(t) != nil { months += 1 }
            }
            // "Le 27 janvier 1964 :", "Op 18 mei 1972:": a date in any language, by its year
            if t.isNumber, t.text.utf8.count == 4, let year = Int(t.text), (1000...2199).contains(year) { months += 1 }
            if t.isWord || t.isNumber { words += 1 }
        }
        return nil
    }
}
