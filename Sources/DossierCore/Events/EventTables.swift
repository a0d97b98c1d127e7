/// The event coder's tables, read once from `EventData` (written by `Tools/events/generate.py` from the CAMEO and
/// PLOVER dictionaries): verb forms and patterns, CAMEO codes' PLOVER event and label, actors' countries and sectors,
/// role words' sectors. Each table is read the first time it is used (search reads only `cameo`).
public enum EventTables {
    /// A CAMEO code's PLOVER event, mode and context (2021 table) and the CAMEO event's label.
    public struct Plover: Sendable, Equatable {
        public let event: String
        public let mode: String?
        public let context: String?
        public let label: String
    }

    /// Every CAMEO code of the 2021 table. Codes outside it (CAMEO's statements and appeals, 01 and 02) are not events
    /// in PLOVER, and Dossier does not code them.
    public static let cameo: [String: Plover] = {
        var table: [String: Plover] = [:]
        for f in EventData.cameo.tableRows() {
            guard f.count >= 5, !f[1].isEmpty else { continue }
            table[String(f[0])] = Plover(event: String(f[1]), mode: f[2].isEmpty ? nil : String(f[2]),
                                         context: f[3].isEmpty ? nil : String(f[3]), label: String(f[4]))
        }
        return table
    }()

    /// A pattern of a verb block: words that must come before and after the verb, in order. Each element is a list of
    /// alternatives, each a sequence of words in their singular form.
    struct Pattern: Sendable {
        let code: String
        let before: [[[String]]]
        let after: [[[String]]]
        /// How many words it asks for: the most specific pattern that matches wins.
        let weight: Int
    }

    /// A verb form (one word or several: "meet with") and what it codes.
    struct VerbForm: Sendable {
        /// The words after the first.
        let rest: [String]
        /// The verb's own code, else its block's.
        let code: String
        let block: Int
        /// The verb's base form (for Dossier's action names: "met" → "meet").
        let lemma: String
        /// Its first word ("meet" of "meet with").
        let base: String

        init(rest: [String], code: String, block: Int, lemma: String) {
            self.rest = rest
            self.code = code
            self.block = block
            self.lemma = lemma
            self.base = lemma.firstWord(separatedBy: UInt8(ascii: " ")).map(String.init) ?? lemma
        }
    }

    struct Verbs: Sendable {
        /// By the form's first word (folded), longest forms first.
        let forms: WordTable<[VerbForm]>
        /// Each block's pattern lines, parsed when a block is first needed (`patterns(of:)`, `allPatterns`).
        let patternLines: [[Substring]]
    }

    /// The verb forms of every block; their patterns stay text until asked for (a question reads a few blocks).
    static let verbs = readVerbs { _ in true }

    /// The verb forms whose first word is one of `words`, and the pattern lines of their blocks: what a question
    /// needs (`Asker.parse`), without building the forms of the whole table (~6 ms of every `dossier ask`).
    static func verbs(startingWith words: Set<String>) -> Verbs {
        let keys = Set(words.map { Substring($0) })  // looked up without making a String of every word of the table
        return readVerbs { keys.contains($0) }
    }

    /// The verb table, with the forms whose first word `keep` accepts, and the pattern lines of the blocks that have
    /// such a form (the others are left empty: nothing can match them). The generator writes each block's verbs
    /// before its patterns.
    private static func readVerbs(keeping keep: (Substring) -> Bool) -> Verbs {
        var forms: [String: [VerbForm]] = [:]
        var lines: [[Substring]] = []
        var blockCode = "---"
        var blockKept = false  // a form of the current block was kept: its patterns are needed
        /// Whether `keep` accepts the first word of one of a verb line's forms (`base|form|…`, words separated by
        /// spaces), found without splitting the rest: most lines have none that is kept.
        func keepsAny(_ formsField: Substring) -> Bool {
            var kept = false
            formsField.forEachPart(separatedBy: UInt8(ascii: "|")) { form in
                if !kept, let first = form.firstWord(separatedBy: UInt8(ascii: " ")) { kept = keep(first) }
            }
            return kept
        }
        EventData.verbs.forEachPart(separatedBy: UInt8(ascii: "\n")) { line in
            switch line.utf8.first {
            case UInt8(ascii: "B"):
                let f = line.parts(separatedBy: UInt8(ascii: "\t"))
                blockCode = f.count > 1 ? String(f[1]) : "---"
                blockKept = false
                lines.append([])
            case UInt8(ascii: "V") where !lines.isEmpty:
                let f = line.parts(separatedBy: UInt8(ascii: "\t"))
                guard f.count >= 3, keepsAny(f[2]) else { return }
                let all = f[2].words(separatedBy: UInt8(ascii: "|")).map { $0.words(separatedBy: UInt8(ascii: " ")) }
                let code = f[1].isEmpty ? blockCode : String(f[1])
                let lemma = all.first?.joined(separator: " ") ?? ""  // the base form comes first
                for words in all where words.first.map(keep) ?? false {
                    forms[String(words[0]), default: []].append(VerbForm(rest: words.dropFirst().map(String.init), code: code,
                                                                         block: lines.count - 1, lemma: lemma))
                    blockKept = true
                }
            case UInt8(ascii: "P") where blockKept:
                lines[lines.count - 1].append(line)
            default:
                return  // comments, and what the blocks kept do not need
            }
        }
        for key in forms.keys { forms[key]!.sort { $0.rest.count > $1.rest.count } }
        return Verbs(forms: WordTable(forms), patternLines: lines)
    }

    /// A block's patterns, and which of them a word of the sentence can start to match: each pattern is filed under
    /// the first words of its element with the fewest alternatives (it cannot match without one of them), so that a
    /// verb tries only the patterns whose words are near it.
    struct PatternBlock: Sendable {
        let patterns: [Pattern]
        let byAnchor: WordTable<[Int]>

        init(_ patterns: [Pattern]) {
            self.patterns = patterns
            var index: [String: [Int]] = [:]
            for (n, p) in patterns.enumerated() {
                guard let element = (p.before + p.after).min(by: { $0.count < $1.count }) else { continue }
                for first in Set(element.compactMap(\.first)) { index[first, default: []].append(n) }
            }
            byAnchor = WordTable(index)
        }
    }

    /// Every block's patterns (the event coder's: it meets most blocks).
    static let allPatterns: [PatternBlock] = verbs.patternLines.map { PatternBlock(parsePatterns($0)) }

    /// A block's patterns, parsed now.
    static func parsePatterns(_ lines: [Substring]) -> [Pattern] {
        func elements(_ field: Substring) -> [[[String]]] {
            field.words(separatedBy: UInt8(ascii: ";")).map { element in
                element.words(separatedBy: UInt8(ascii: "|")).map { alt in alt.words(separatedBy: UInt8(ascii: " ")).map { singular(String($0)) } }
                    .filter { !$0.isEmpty }
            }.filter { !$0.isEmpty }
        }
        var patterns: [Pattern] = []
        for line in lines {
            let f = line.parts(separatedBy: UInt8(ascii: "\t"))
            guard f.count >= 4 else { continue }
            let before = elements(f[2]), after = elements(f[3])
            guard !before.isEmpty || !after.isEmpty else { continue }
            // two a noun, one a particle, doubled: a pattern the generator derived (`derived`, Tools/events/generate.py)
            // weighs one less than the dictionary's own of the same words, which win a tie
            var weight = 0
            for element in before + after { weight += element.map { $0.reduce(0) { $0 + (particles.contains($1) ? 2 : 4) } }.min() ?? 0 }
            if f.count > 4, f[4] == "derived" { weight -= 1 }
            patterns.append(Pattern(code: String(f[1]), before: before, after: after, weight: weight))
        }
        return patterns
    }

    /// Prepositions and particles: a pattern's nouns say more than they ("break … relations" 161 before "break with"
    /// 130).
    static let particles: Set<String> = ["with", "to", "on", "in", "at", "for", "from", "of", "by", "against", "into", "over",
                                         "about", "off", "away", "up", "down", "out", "under", "between", "among", "through"]

    /// Countries: names by ISO 3166 alpha-3 code, and codes by folded name ("belgium" → BEL) and by folded demonym
    /// ("belgian" → BEL).
    struct Countries: Sendable {
        let names: [String: String]
        let codes: [String: String]
        let demonyms: WordTable<String>
    }

    static let countries: Countries = {
        var names: [String: String] = [:], codes: [String: String] = [:], demonyms: [String: String] = [:]
        for row in EventData.countries.tableRows() {
            let f = row.map(String.init)
            guard f.count >= 3 else { continue }
            names[f[0]] = f[1]
            codes[TextFolding.fold(f[1])] = f[0]
            for d in row[2].words(separatedBy: UInt8(ascii: "|")) { demonyms[TextFolding.fold(String(d))] = f[0] }
        }
        return Countries(names: names, codes: codes, demonyms: WordTable(demonyms))
    }()

    /// What the tables know of an actor: its country (ISO 3166 alpha-3) and sector.
    struct ActorInfo: Sendable {
        let country: String?
        let sector: String?
    }

    struct Actors: Sendable {
        /// By kind and folded canonical name.
        let known: [EntityKind: [String: ActorInfo]]
    }

    static let actors: Actors = {
        var known: [EntityKind: [String: ActorInfo]] = [:]
        for f in EventData.actors.tableRows() {
            guard f.count >= 4 else { continue }
            let info = ActorInfo(country: f[2].isEmpty ? nil : String(f[2]), sector: f[3].isEmpty ? nil : String(f[3]))
            if let kind = EntityKind(rawValue: String(f[0])) {
                let key = TextFolding.fold(String(f[1]))
                if known[kind]?[key] == nil { known[kind, default: [:]][key] = info }
            }
        }
        return Actors(known: known)
    }()

    /// A country's canonical name by its ISO 3166 alpha-3 code.
    public static var countryNames: [String: String] { countries.names }

    /// The code of a country named by its canonical name ("Belgium" → BEL); nil for any other name (cities, regions).
    public static func countryCode(named name: String) -> String? {
        countries.codes[TextFolding.fold(name)]
    }

    /// The country (alpha-3) of a place the tables know.
    public static func country(ofPlace name: String) -> String? {
        actors.known[.place]?[TextFolding.fold(name)]?.country
    }

    /// Role words (folded, singular) → sector (GOV, MIL, BUS, EDU, …), Phoenix's agents.
    static let agents: [String: String] = {
        var table: [String: String] = [:]
        for f in EventData.agents.tableRows() {
            guard f.count == 2, !f[0].isEmpty, !f[1].isEmpty else { continue }
            let key = f[0].words(separatedBy: UInt8(ascii: " ")).map { singular(String($0)) }.joined(separator: " ")
            if table[key] == nil { table[key] = String(f[1]) }
        }
        return table
    }()

    /// The sector of a role phrase of several words ("foreign minister", "coast guards"), each word made singular.
    static func sector(ofPhrase words: some Sequence<String>) -> String? {
        agents[words.map(singular).joined(separator: " ")]
    }

    /// The first words of the keys of several words ("coast" of "coast guard", "south" of "south korean"): only after
    /// one of those is a phrase worth looking up.
    static func firstWords(ofPhrases keys: some Sequence<String>) -> Set<String> {
        Set(keys.compactMap { key in key.firstIndex(of: " ").map { String(key[..<$0]) } })
    }

    /// The sector of a role word ("premier" GOV, "ministers" GOV), nil for other words.
    static func sector(of word: String) -> String? {
        if let s = agents[word] { return s }
        return word.utf8.last == UInt8(ascii: "s") ? agents[singular(word)] : nil
    }

    /// A word's singular form for pattern matching: "talks" → "talk", "treaties" → "treaty", "glasses" → "glass".
    static func singular(_ w: String) -> String {
        let u = w.utf8
        guard u.count > 3, u.last == UInt8(ascii: "s") else { return w }
        if w.hasSuffix("ies"), u.count > 4 { return String(w.dropLast(3)) + "y" }
        if w.hasSuffix("sses") || w.hasSuffix("shes") || w.hasSuffix("ches") || w.hasSuffix("xes") { return String(w.dropLast(2)) }
        if w.hasSuffix("ss") || w.hasSuffix("us") || w.hasSuffix("is") { return w }
        return String(w.dropLast())
    }
}
