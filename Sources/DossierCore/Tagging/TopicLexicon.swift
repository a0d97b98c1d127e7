/// The topic vocabulary and the words that suggest each topic. Built in (`Data/topics.tsv`, compiled into
/// Dossier); a corpus folder's `topics.tsv` adds keywords and topics in the same format:
///
///     # topic <TAB> keyword | keyword* | two words | keyword^2 | …
///     Consular affairs and migration	consul* | visa*^2
///
/// A keyword ending in `*` matches any word starting with it; several words match a phrase; `^N` weighs it N
/// (default 1). A passage's topics are those whose keywords weigh most in it (`infer`); with none, "General".
public struct TopicLexicon: Sendable {
    public struct Rule: Sendable {
        public let topic: String
        /// Each keyword as folded words; a word ending in `*` is a prefix.
        public var keywords: [[String]]
        /// The weight of each keyword.
        public var weights: [Int]
    }

    public static let fileName = "topics.tsv"
    public static let fallback = "General"
    /// At most this many topics a passage.
    public static let maxTopics = 3

    public private(set) var rules: [Rule] = []
    /// The text it was read from (the built-in lexicon's, then the user's file's).
    public private(set) var source: String = ""
    public private(set) var problems: [(line: Int, message: String)] = []

    /// The lexicon of `text`, added to `base`: keywords of a topic `base` has join its rule; new topics come after.
    public init(parsing text: String, over base: TopicLexicon? = nil) {
        if let base {
            rules = base.rules
            source = base.source + "\n"
        }
        source += text
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimming(" \r")
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", maxSplits: 1).map { $0.trimming(" ") }
            guard fields.count == 2, !fields[0].isEmpty else {
                problems.append((number + 1, "expected: topic<TAB>keyword | keyword"))
                continue
            }
            var keywords: [[String]] = [], weights: [Int] = []
            for item in fields[1].split(separator: "|") {
                var keyword = Substring(item.trimming(" "))
                var weight = 1
                if let caret = keyword.lastIndex(of: "^") {
                    guard let w = Int(keyword[keyword.index(after: caret)...]), (1...9).contains(w) else {
                        problems.append((number + 1, "a keyword's weight is ^1 to ^9: \(keyword)"))
                        continue
                    }
                    weight = w
                    keyword = keyword[..<caret]
                }
                let words = TextFolding.fold(String(keyword)).split(separator: " ").map(String.init)
                guard !words.isEmpty else { continue }
                keywords.append(words)
                weights.append(weight)
            }
            if let r = rules.firstIndex(where: { $0.topic == fields[0] }) {
                rules[r].keywords += keywords
                rules[r].weights += weights
            } else {
                rules.append(Rule(topic: fields[0], keywords: keywords, weights: weights))
            }
        }
        index = Index(rules)
    }

    /// A keyword of a rule, found through `Index`.
    struct Entry: Sendable {
        let rule: Int
        /// Its words; a prefix keyword's word without its `*`, with `prefix` set.
        let words: [String]
        let prefix: [Bool]
        let weight: Int

        init(rule: Int, keyword: [String], weight: Int) {
            self.rule = rule
            self.words = keyword.map { $0.hasSuffix("*") ? String($0.dropLast()) : $0 }
            self.prefix = keyword.map { $0.hasSuffix("*") }
            self.weight = weight
        }

        /// Whether word `k` of the keyword matches `word` (compared as bytes: both are folded).
        @inline(__always) func matches(_ k: Int, _ word: String) -> Bool {
            prefix[k] ? word.utf8.starts(with: words[k].utf8) : word == words[k]
        }
    }

    /// Keywords by their first word (exact), and prefix keywords by their first three letters (or fewer, for
    /// shorter prefixes): a passage's words are looked up, not compared with every keyword.
    struct Index: Sendable {
        var exact: [String: [Entry]] = [:]
        var prefixed: [String: [Entry]] = [:]
        var prefixLengths: [Int] = []  // ascending, each once
        /// Every prefix key is ASCII: a word's prefix can then be cut from its bytes (folded words have no
        /// combining marks), not counted out in Characters. A prefix key has at most three letters, so a non-ASCII
        /// one has a non-ASCII byte among its first three, the bytes its screen reads: the screen is then nil.
        var asciiPrefixes: Bool { prefixScreen != nil }
        /// Screens before the dictionaries (hashing every word twice was a sixth of the tagging time): one bit
        /// per hash of a key's first three bytes (all of them for shorter keys), for exact keys and prefix keys
        /// apart. A word whose first bytes hash to a clear bit surely starts no keyword of that kind. Nil when
        /// a key has a non-ASCII byte (a word's first bytes are then not comparable).
        var exactScreen: Screen? = Screen()
        var prefixScreen: Screen? = Screen()

        struct Screen: Sendable {
            private var bits = [UInt64](repeating: 0, count: 1024)  // 65,536 bits, 8 KB

            /// The bit of the first `n` bytes of `utf8` (n ≤ 3, and at most its length); nil if one is not ASCII.
            @inline(__always) static func bit(_ utf8: String.UTF8View, _ n: Int) -> Int? {
                var h = UInt32(n)
                var i = utf8.startIndex
                for _ in 0..<n {
                    let b = utf8[i]
                    guard b < 0x80 else { return nil }
                    h = h << 8 | UInt32(b)
                    i = utf8.index(after: i)
                }
                return Int((h &* 0x9E37_79B1) >> 16)
            }

            func contains(_ bit: Int) -> Bool { bits[bit >> 6] & (1 << UInt64(bit & 63)) != 0 }
            mutating func insert(_ bit: Int) { bits[bit >> 6] |= 1 << UInt64(bit & 63) }

            /// Adds a key (false if it cannot be screened).
            mutating func add(_ key: String) -> Bool {
                guard let bit = Self.bit(key.utf8, min(3, key.utf8.count)) else { return false }
                insert(bit)
                return true
            }
        }

        /// Whether `word` may be an exact key's first word (false: it surely is not).
        func mayStartExact(_ word: String) -> Bool {
            guard let exactScreen, let bit = Screen.bit(word.utf8, min(3, word.utf8.count)) else { return true }
            return exactScreen.contains(bit)
        }

        /// Whether the first `n` bytes of `word` may be a prefix key (false: they surely are not).
        func mayStartPrefix(_ word: String, _ n: Int) -> Bool {
            guard let prefixScreen, let bit = Screen.bit(word.utf8, n) else { return true }
            return prefixScreen.contains(bit)
        }

        init(_ rules: [Rule]) {
            for (r, rule) in rules.enumerated() {
                for (keyword, weight) in zip(rule.keywords, rule.weights) {
                    guard let first = keyword.first else { continue }
                    if first.hasSuffix("*") {
                        let stem = first.dropLast()
                        let key = String(stem.prefix(3))
                        if !prefixLengths.contains(key.count) { prefixLengths.append(key.count); prefixLengths.sort() }
                        prefixed[key, default: []].append(Entry(rule: r, keyword: keyword, weight: weight))
                        if prefixScreen?.add(key) == false { prefixScreen = nil }
                    } else {
                        exact[first, default: []].append(Entry(rule: r, keyword: keyword, weight: weight))
                        if exactScreen?.add(first) == false { exactScreen = nil }
                    }
                }
            }
        }
    }

    private var index = Index([])

    /// The topics of a passage's folded words, best first: the topic whose keywords weigh most, then up to two more
    /// that weigh at least half as much (and at least 2: one weak word is not a topic). Empty when no keyword occurs.
    /// `extra` is evidence from outside the words, added to their topics' scores: the international organizations a
    /// passage names (`Tagger.topicWords`).
    public func infer(_ words: [String], adding extra: [String: Int] = [:]) -> [String] {
        let scores = self.scores(words, adding: extra)
        let ranked = scores.indices.filter { scores[$0] > 0 }.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        guard let best = ranked.first else { return [] }
        let floor = max(2, (scores[best] + 1) / 2)
        return [rules[best].topic] + ranked.dropFirst().prefix(Self.maxTopics - 1).filter { scores[$0] >= floor }.map { rules[$0].topic }
    }

    /// The topic a section heading or label names ("State visits" → High-level exchanges), or nil ("History").
    /// A name of the vocabulary names itself.
    public func topic(ofSection section: String) -> String? {
        let key = TextFolding.fold(section)
        if let rule = rules.first(where: { TextFolding.fold($0.topic) == key }) { return rule.topic }
        // a heading is short: one word that names a topic outright (weight 2 or more) is enough, one that only
        // leans towards it is not ("Diplomatic initiatives" is not about diplomatic relations)
        let scores = self.scores(Tokenizer.tokenize(section).filter(\.isWord).map(\.folded))
        guard let best = scores.indices.max(by: { scores[$0] < scores[$1] || scores[$0] == scores[$1] && $0 > $1 }),
              scores[best] >= 2 else { return nil }
        return rules[best].topic
    }

    /// Why `infer` chose what it did: each topic that scored, its score and the keywords that matched (as the
    /// lexicon writes them), best first; `extra` as `infer` takes it, named by `reason`. For tuning the lexicon
    /// (`dossier-bench topics`).
    public func evidence(_ words: [String], adding extra: [String: Int] = [:], because reason: String = "added")
        -> [(topic: String, score: Int, keywords: [String])] {
        var found: [Int: [String]] = [:]
        for i in words.indices {
            for (r, rule) in rules.enumerated() {
                for (keyword, weight) in zip(rule.keywords, rule.weights) where i + keyword.count <= words.count {
                    let entry = Entry(rule: r, keyword: keyword, weight: weight)
                    if entry.words.indices.allSatisfy({ entry.matches($0, words[i + $0]) }) {
                        found[r, default: []].append(keyword.joined(separator: " ") + (weight > 1 ? "^\(weight)" : ""))
                    }
                }
            }
        }
        for (r, rule) in rules.enumerated() where extra[rule.topic] != nil { found[r, default: []].append(reason) }
        let scores = self.scores(words, adding: extra)
        return found.keys.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
            .map { (rules[$0].topic, scores[$0], found[$0]!) }
    }

    /// The weight of each rule's keywords in `words`, and of the evidence `extra` gives a topic.
    func scores(_ words: [String], adding extra: [String: Int] = [:]) -> [Int] {
        var scores = [Int](repeating: 0, count: rules.count)
        guard !rules.isEmpty else { return scores }
        for (topic, score) in extra { if let r = rules.firstIndex(where: { $0.topic == topic }) { scores[r] += score } }
        func count(_ entries: [Entry]?, at i: Int) {
            guard let entries else { return }
            for e in entries where i + e.words.count <= words.count {
                var all = true
                for k in 0..<e.words.count where !e.matches(k, words[i + k]) {
                    all = false
                    break
                }
                if all { scores[e.rule] += e.weight }
            }
        }
        for (i, word) in words.enumerated() {
            if index.mayStartExact(word) { count(index.exact[word], at: i) }
            for n in index.prefixLengths {
                if index.asciiPrefixes {
                    // a cut inside a multi-byte letter decodes to U+FFFD, which no ASCII key matches
                    guard word.utf8.count >= n, index.mayStartPrefix(word, n) else { continue }
                    count(index.prefixed[String(decoding: word.utf8.prefix(n), as: UTF8.self)], at: i)
                } else if word.count >= n {
                    count(index.prefixed[String(word.prefix(n))], at: i)
                }
            }
        }
        return scores
    }


    /// The built-in lexicon (`Data/topics.tsv`, embedded by the package manifest).
    public static let builtIn = TopicLexicon(parsing: String(decoding: PackageResources.topics_tsv, as: UTF8.self))

    /// The built-in lexicon with a corpus folder's `topics.tsv` added.
    public static func withUserFile(_ text: String) -> TopicLexicon { TopicLexicon(parsing: text, over: builtIn) }

    /// The topics of the vocabulary, in order, then "General".
    public var vocabulary: [String] { rules.map(\.topic) + [Self.fallback] }
}
