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
    }

    /// The best topic for the folded words of a passage, or nil if no keyword occurs.
    public func infer(_ words: [String]) -> String? {
        var best: (topic: String, score: Int)?
        for rule in rules {
            var score = 0
            for keyword in rule.keywords {
                guard let first = keyword.first else { continue }
                var i = 0
                while i + keyword.count <= words.count {
                    if Self.matches(first, words[i]) {
                        var all = true
                        for (k, w) in keyword.enumerated().dropFirst() where !Self.matches(w, words[i + k]) {
                            all = false
                            break
                        }
                        if all { score += 1 }
                    }
                    i += 1
                }
            }
            if score > 0, score > (best?.score ?? 0) { best = (rule.topic, score) }
        }
        return best?.topic
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
