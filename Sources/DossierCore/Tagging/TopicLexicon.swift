/// An editable list of topics and the words that suggest them (`topics.tsv` in the corpus folder):
///
///     # topic <TAB> keyword | keyword* | two words | …
///     Consular affairs	consul* | visa*
///
/// A keyword ending in `*` matches any word starting with it; several words match a phrase. The topic whose
/// keywords occur most often in a passage wins (ties: the earlier line); with none, the passage is "General".
public struct TopicLexicon: Sendable {
    public struct Rule: Sendable {
        public let topic: String
        /// Each keyword as folded words; a word ending in `*` is a prefix.
        public let keywords: [[String]]
    }

    public static let fileName = "topics.tsv"
    public static let fallback = "General"

    public private(set) var rules: [Rule] = []
    public private(set) var source: String = ""
    public private(set) var problems: [(line: Int, message: String)] = []

    public init(parsing text: String) {
        source = text
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimming(" \r")
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", maxSplits: 1).map { $0.trimming(" ") }
            guard fields.count == 2, !fields[0].isEmpty else {
                problems.append((number + 1, "expected: topic<TAB>keyword | keyword"))
                continue
            }
            let keywords = fields[1].split(separator: "|").map {
                TextFolding.fold(String($0)).split(separator: " ").map(String.init)
            }.filter { !$0.isEmpty }
            rules.append(Rule(topic: fields[0], keywords: keywords))
        }
        index = Index(rules)
    }

    /// A keyword of a rule, found through `Index`.
    struct Entry: Sendable {
        let rule: Int
        let words: [String]
    }

    /// Keywords by their first word (exact), and prefix keywords by their first three letters (or fewer, for
    /// shorter prefixes): a passage's words are looked up, not compared with every keyword.
    struct Index: Sendable {
        var exact: [String: [Entry]] = [:]
        var prefixed: [String: [Entry]] = [:]
        var prefixLengths: Set<Int> = []
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
                for keyword in rule.keywords {
                    guard let first = keyword.first else { continue }
                    if first.hasSuffix("*") {
                        let stem = first.dropLast()
                        let key = String(stem.prefix(3))
                        prefixLengths.insert(key.count)
                        prefixed[key, default: []].append(Entry(rule: r, words: keyword))
                        if prefixScreen?.add(key) == false { prefixScreen = nil }
                    } else {
                        exact[first, default: []].append(Entry(rule: r, words: keyword))
                        if exactScreen?.add(first) == false { exactScreen = nil }
                    }
                }
            }
        }
    }

    private var index = Index([])

    /// The best topic for the folded words of a passage, or nil if no keyword occurs.
    public func infer(_ words: [String]) -> String? {
        guard !rules.isEmpty else { return nil }
        var scores = [Int](repeating: 0, count: rules.count)
        func count(_ entries: [Entry]?, at i: Int) {
            guard let entries else { return }
            for e in entries where i + e.words.count <= words.count {
                var all = true
                for k in 0..<e.words.count where !Self.matches(e.words[k], words[i + k]) {
                    all = false
                    break
                }
                if all { scores[e.rule] += 1 }
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
        var best: (rule: Int, score: Int)?
        for (r, score) in scores.enumerated() where score > 0 && score > (best?.score ?? 0) { best = (r, score) }
        return best.map { rules[$0.rule].topic }
    }

    static func matches(_ keyword: String, _ word: String) -> Bool {
        if keyword.hasSuffix("*") { return word.hasPrefix(keyword.dropLast()) }
        return keyword == word
    }

    /// The lexicon used when the corpus folder has no `topics.tsv`.
    public static let defaultText = """
    # Dossier topic lexicon: topic <TAB> keywords separated by |
    # A keyword ending in * matches any word that starts with it. The topic whose keywords occur most often
    # in a passage wins, unless the passage starts with its own label ("Culture: ...") or has a heading.
    Diplomatic relations	diplomatic relations | established diplomatic | establishment of diplomatic | ambassador* | recogni* | normaliz* | normalis*
    High-level exchanges	visit* | met | meet* | talks | phone | conversation | spoke | summit* | premier | president | prime minister | king | queen | princess | state councilor | foreign minister | video meeting
    Consular affairs	consul* | visa* | citizens abroad | passport*
    Trade	trade | export* | import* | tariff* | goods | commerc*
    Investment	invest*
    Economic cooperation	econom* | business* | compan* | enterprise* | industr* | financ*
    Science and technology	scien* | technolog* | research* | innovation | laborator*
    Culture	cultur* | festival* | art | arts | museum* | film* | parade* | exhibition* | music*
    Education	educat* | universit* | student* | school* | confucius | scholarship*
    Transportation	flight* | airline* | railway* | train* | ship* | cargo | logistic* | freight | route*
    Tourism	touris* | travel*
    Local cooperation	sister cit* | sister province* | municipal* | twin* | local cooperation
    Health	epidemic* | pandemic* | health | medical | vaccine* | hospital*
    Giant pandas	panda*
    Environment and climate	climate | environment* | energy | emission*
    Military and security	militar* | defen* | security | army | navy
    """

    public static let `default` = TopicLexicon(parsing: defaultText)
}
