import Xapian

/// The kind of a named entity.
public enum EntityKind: String, Sendable, Codable, CaseIterable, Comparable {
    case person
    case place
    case organization

    /// Accepts the full names and short forms used in gazetteer files and query fields.
    public init?(name: String) {
        switch name.lowercased() {
        case "person", "people", "per", "p": self = .person
        case "place", "location", "loc", "gpe", "l": self = .place
        case "organization", "organisation", "org", "event", "o": self = .organization
        default: return nil
        }
    }

    public static func < (a: EntityKind, b: EntityKind) -> Bool { a.rawValue < b.rawValue }
}

/// A named entity: canonical name and kind.
public struct Entity: Sendable, Hashable, Codable {
    public let name: String
    public let kind: EntityKind

    public init(name: String, kind: EntityKind) {
        self.name = name
        self.kind = kind
    }

    /// The folded key used in terms.
    public var key: String { TextFolding.key(name) }
}

/// An editable list of entities and their aliases (`gazetteer.tsv` in the corpus folder):
///
///     # kind <TAB> canonical name <TAB> alias | alias | …
///     person	Charles Michel	Prime Minister Michel | Michel
///
/// Matching is case- and diacritic-insensitive on whole words; the longest alias wins. An alias written in
/// capitals ("UK", "U.S.") is an abbreviation: it matches only capitals (so "Us" or "us" is not the United States).
/// A `demonym` line (`demonym<TAB>Canada<TAB>Canadian`) names adjectives of a place: they are not entities, but a
/// search for one finds the place.
///
/// Dossier's built-in gazetteer (`BuiltinGazetteer`, generated from public data) is always there; the corpus
/// folder's file adds to it and overrides it (`Gazetteer.withBuiltin`).
public struct Gazetteer: Sendable {
    public struct Alias: Sendable {
        /// Folded words of the alias.
        public let words: [String]
        public let entity: Entity
        /// Written in capitals: matches only words written in capitals.
        public let capitals: Bool
    }

    /// The gazetteer's file name in the corpus folder.
    public static let fileName = "gazetteer.tsv"

    public private(set) var entities: [Entity] = []
    /// Aliases by their first folded word, longest first.
    private(set) var byFirstWord: [String: [Alias]] = [:]
    /// Canonical entity by folded alias key.
    private(set) var byKey: [String: Entity] = [:]
    /// The text it was read from.
    public private(set) var source: String = ""
    /// Problems found while reading (line number and message).
    public private(set) var problems: [(line: Int, message: String)] = []
    /// The place of each demonym, by folded demonym ("canadian" → Canada).
    public private(set) var demonyms: [String: Entity] = [:]
    /// Folded given names (`given<TAB><TAB>name|name` lines): evidence that an unknown name is a person's.
    public private(set) var givenNames: Set<String> = []
    /// Folded given names that are also a place's name (`given-place<TAB><TAB>name|name`: "Vladimir", "Florence"):
    /// before a surname, a person's name, not the place.
    public private(set) var givenPlaceNames: Set<String> = []

    public init() {}

    /// The built-in gazetteer, parsed once, the first time it is needed.
    public static let builtin = Gazetteer(parsing: BuiltinGazetteer.text, builtin: true)

    /// The built-in gazetteer's entity for a name (any case), without parsing the whole built-in gazetteer: one scan
    /// of its text comparing each alias with the name, both reduced to lower-case ASCII letters and digits between
    /// single spaces. A name with other letters falls back to the parsed gazetteer (built once per process).
    /// For a search: `dossier search --entity U.S.` pays about a millisecond, not the tens a parse costs.
    public static func resolveBuiltin(_ name: String) -> Entity? {
        guard name.utf8.allSatisfy({ $0 < 0x80 }) else { return builtin.resolve(name) }
        let target = asciiKey(name.utf8[...])
        guard !target.isEmpty else { return nil }
        var found: Entity?
        var text = BuiltinGazetteer.text
        text.withUTF8 { bytes in
            var lineStart = 0
            while lineStart < bytes.count, found == nil {
                var lineEnd = lineStart
                while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
                let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
                lineStart = lineEnd + 1
                // kind <TAB> canonical <TAB> alias|alias (demonym and given-name lines are no entities)
                guard let tab1 = line.firstIndex(of: 0x09) else { continue }
                let kindName = String(decoding: UnsafeBufferPointer(rebasing: line[..<tab1]), as: UTF8.self)
                guard let kind = EntityKind(name: kindName) else { continue }
                let rest = line[(tab1 + 1)...]
                let tab2 = rest.firstIndex(of: 0x09) ?? line.count
                let canonical = line[(tab1 + 1)..<tab2]
                var matched = asciiKey(canonical) == target
                if !matched, tab2 < line.count {
                    var k = tab2 + 1
                    while k <= line.count, !matched {
                        var e = k
                        while e < line.count, line[e] != 0x7C { e += 1 }
                        matched = asciiKey(line[k..<e]) == target
                        k = e + 1
                    }
                }
                if matched {
                    found = Entity(name: String(decoding: UnsafeBufferPointer(rebasing: canonical), as: UTF8.self), kind: kind)
                }
            }
        }
        return found
    }

    /// The other names of `entity` as the gazetteers write them (the built-in one, then the user's file `userSource`,
    /// which may add some), for display; one scan of their text, nothing parsed.
    public static func aliases(of entity: Entity, userSource: String) -> [String] {
        var found: [String] = []
        for text in [BuiltinGazetteer.text, userSource] {
            for line in text.split(separator: "\n") {
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
                guard fields.count >= 3, fields[1] == entity.name, EntityKind(name: String(fields[0])) == entity.kind else { continue }
                for alias in fields[2].split(separator: "|") {
                    let name = alias.trimming(" \r")
                    if !name.isEmpty, name != entity.name, !found.contains(name) { found.append(name) }
                }
            }
        }
        return found
    }

    /// Lower-case ASCII letters, digits and "&", runs of anything else as one space, no space at either end.
    static func asciiKey<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
        var key: [UInt8] = []
        key.reserveCapacity(bytes.count)
        var space = false
        for b in bytes {
            let lower = b | 0x20
            if (lower >= 0x61 && lower <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x26 || b >= 0x80 {
                if space && !key.isEmpty { key.append(0x20) }
                space = false
                key.append(b >= 0x41 && b <= 0x5A ? lower : b)
            } else {
                space = true
            }
        }
        return key
    }

    /// The built-in gazetteer with `user`'s entries over it: a user's alias replaces a built-in alias of the same
    /// words. `source` and `problems` stay the user's (the built-in text is compiled in, not stored in an index).
    public static func withBuiltin(_ user: Gazetteer) -> Gazetteer {
        var merged = builtin
        merged.source = user.source
        merged.problems = user.problems
        merged.parse(user.source, overriding: true)
        return merged
    }

    /// Parses the gazetteer format; bad lines are recorded in `problems` and skipped.
    public init(parsing text: String) {
        self.init(parsing: text, builtin: false)
    }

    private init(parsing text: String, builtin: Bool) {
        if !builtin { source = text }
        sorted = !builtin
        parse(text, overriding: false, recordProblems: !builtin)
        if builtin {  // sorted once, not after every entry
            for key in byFirstWord.keys { byFirstWord[key]!.sort { $0.words.count > $1.words.count } }
        }
        sorted = true
    }

    /// Whether `byFirstWord`'s lists are sorted longest first (the built-in text is sorted once at the end).
    private var sorted = false

    private mutating func parse(_ text: String, overriding: Bool, recordProblems: Bool = true) {
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimming(" \r")
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimming(" ") }
            let aliases = fields.count > 2 ? fields[2].split(separator: "|").map { $0.trimming(" ") } : []
            if fields.count >= 3, fields[0].lowercased() == "given" {
                for name in aliases where !name.isEmpty { givenNames.insert(Self.key(name)) }
                continue
            }
            if fields.count >= 3, fields[0].lowercased() == "given-place" {
                for name in aliases where !name.isEmpty { givenPlaceNames.insert(Self.key(name)) }
                continue
            }
            if fields.count >= 3, fields[0].lowercased() == "demonym", !fields[1].isEmpty {
                let place = resolve(fields[1]) ?? Entity(name: fields[1], kind: .place)
                for alias in aliases where !alias.isEmpty { demonyms[Self.key(alias)] = place }
                continue
            }
            guard fields.count >= 2, let kind = EntityKind(name: fields[0]), !fields[1].isEmpty else {
                if recordProblems { problems.append((number + 1, "expected: kind<TAB>name<TAB>aliases")) }
                continue
            }
            add(Entity(name: fields[1], kind: kind), aliases: aliases, overriding: overriding)
        }
    }

    /// Adds an entity and its aliases. With `overriding`, an alias replaces an earlier alias of the same words.
    public mutating func add(_ entity: Entity, aliases: [String], overriding: Bool = false) {
        entities.append(entity)
        for alias in [entity.name] + aliases where !alias.isEmpty {
            let tokens = Tokenizer.tokenize(alias)
            let words = tokens.filter { $0.kind != .punctuation || $0.text == "&" }.map(\.folded)
            guard let first = words.first else { continue }
            let key = words.joined(separator: " ")
            let letters = alias.unicodeScalars.filter { $0.properties.isAlphabetic }
            let capitals = letters.count >= 2 && letters.allSatisfy { $0.properties.isUppercase }
            if overriding {
                byKey[key] = entity
                byFirstWord[first]?.removeAll { $0.words == words }
            } else if byKey[key] == nil {
                byKey[key] = entity
            } else if byKey[key] != entity {
                continue  // the built-in text's first entry of an alias wins
            }
            byFirstWord[first, default: []].append(Alias(words: words, entity: entity, capitals: capitals))
            if sorted { byFirstWord[first]!.sort { $0.words.count > $1.words.count } }
            // "Saint Petersburg" is also written "St. Petersburg" and "St Petersburg"
            if first == "saint", words.count > 1 {
                let short = ["st"] + words.dropFirst()
                let shortKey = short.joined(separator: " ")
                if byKey[shortKey] == nil || overriding { byKey[shortKey] = entity }
                byFirstWord["st", default: []].append(Alias(words: short, entity: entity, capitals: false))
                if sorted { byFirstWord["st"]!.sort { $0.words.count > $1.words.count } }
            }
        }
    }

    /// The first words of every alias (`match` finds nothing at a word that is none of them).
    var aliasFirstWords: Dictionary<String, [Alias]>.Keys { byFirstWord.keys }

    /// The place a demonym refers to ("Canadian" → Canada), if it is one.
    public func demonym(_ word: String) -> Entity? { demonyms[Self.key(word)] }

    static func key(_ name: String) -> String {
        Tokenizer.tokenize(name).filter { $0.kind != .punctuation }.map(\.folded).joined(separator: " ")
    }

    /// The entity an alias or canonical name refers to (any case, with or without diacritics).
    public func resolve(_ name: String) -> Entity? {
        let words = Tokenizer.tokenize(name).filter { $0.kind != .punctuation }.map(\.folded)
        return resolve(key: words.joined(separator: " "))
    }

    /// The entity of a key: folded words joined by single spaces.
    func resolve(key: String) -> Entity? { byKey[key] }

    /// The longest alias starting at token `i`, as (entity, number of tokens).
    func match(_ tokens: [Token], folded: [String], at i: Int) -> (Entity, Int)? {
        // The first letter must be a capital or a digit: "xi" in running text is not Xi Jinping (`EntityTagger` calls
        // this only for capitalized words and numbers: most words are lower case, and need no look-up).
        guard tokens[i].kind != .punctuation, let candidates = byFirstWord[folded[i]] else { return nil }
        outer: for alias in candidates {
            var k = i
            for (n, word) in alias.words.enumerated() {
                // skip punctuation inside names, except sentence stops; the dots of "U.S." and "St. Lucia" are inside
                while k < tokens.count, tokens[k].kind == .punctuation,
                      tokens[k].text != "." || (n > 0 && Self.isInitialDot(tokens, k)) {
                    if word == tokens[k].folded { break }
                    k += 1
                }
                guard k < tokens.count, folded[k] == word else { continue outer }
                if alias.capitals, tokens[k].text.contains(where: \.isLowercase) { continue outer }
                k += 1
            }
            // "U.S." ends with its dot (unless the dot ends the sentence too: then it is left to the sentence)
            if k < tokens.count, tokens[k].text == ".", !tokens[k].spaceBefore, tokens[k - 1].text.count == 1,
               k + 1 < tokens.count, !(tokens[k + 1].isCapitalized && tokens[k + 1].spaceBefore) { k += 1 }
            return (alias.entity, k - i)
        }
        return nil
    }

    /// A dot after an abbreviation or initial, inside a name: "U.S.", "St. Lucia", "John G. Diefenbaker".
    static func isInitialDot(_ tokens: [Token], _ k: Int) -> Bool {
        guard k > 0, tokens[k].text == ".", !tokens[k].spaceBefore, k + 1 < tokens.count, tokens[k + 1].isWord else { return false }
        let before = tokens[k - 1].text
        return before.count == 1 || before == "St" || before == "Ste" || before == "Mt" || before == "Ft"
    }

    /// Aliases (folded, several words joined by spaces) and their entity, for query expansion.
    public var aliasKeys: [(alias: String, entity: Entity)] {
        byKey.map { (alias: $0.key, entity: $0.value) }.sorted { $0.alias < $1.alias }
    }

    /// Each alias as a Xapian synonym of its entity's term (the query parser then finds the entity by any name).
    func storeSynonyms(in db: WritableDatabase) throws(XapianError) {
        for (alias, entity) in aliasKeys {
            try db.addSynonym(alias, Schema.termSafe(Schema.entityPrefix(for: entity.kind) + entity.key))
        }
        for (demonym, place) in demonyms {
            try db.addSynonym(demonym, Schema.termSafe(Schema.entityPrefix(for: place.kind) + place.key))
        }
    }
}

extension StringProtocol {
    public func trimming(_ set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
