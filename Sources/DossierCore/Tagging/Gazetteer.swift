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
/// Matching is case- and diacritic-insensitive on whole words; the longest alias wins.
public struct Gazetteer: Sendable {
    public struct Alias: Sendable {
        /// Folded words of the alias.
        public let words: [String]
        public let entity: Entity
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

    public init() {}

    /// Parses the gazetteer format; bad lines are recorded in `problems` and skipped.
    public init(parsing text: String) {
        source = text
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimming(" \r")
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimming(" ") }
            guard fields.count >= 2, let kind = EntityKind(name: fields[0]), !fields[1].isEmpty else {
                problems.append((number + 1, "expected: kind<TAB>name<TAB>aliases"))
                continue
            }
            let aliases = fields.count > 2 ? fields[2].split(separator: "|").map { $0.trimming(" ") } : []
            add(Entity(name: fields[1], kind: kind), aliases: aliases)
        }
    }

    public mutating func add(_ entity: Entity, aliases: [String]) {
        entities.append(entity)
        for alias in [entity.name] + aliases where !alias.isEmpty {
            let words = Tokenizer.tokenize(alias).filter { $0.kind != .punctuation || $0.text == "&" }.map(\.folded)
            guard let first = words.first else { continue }
            let key = words.joined(separator: " ")
            if byKey[key] == nil { byKey[key] = entity }
            byFirstWord[first, default: []].append(Alias(words: words, entity: entity))
            byFirstWord[first]!.sort { $0.words.count > $1.words.count }
        }
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
        guard tokens[i].isWord, let candidates = byFirstWord[folded[i]] else { return nil }
        // The first letter must be a capital or a digit: "xi" in running text is not Xi Jinping.
        guard let c = tokens[i].text.first, c.isUppercase || c.isNumber else { return nil }
        outer: for alias in candidates {
            var k = i
            for word in alias.words {
                // skip punctuation inside names, except sentence stops
                while k < tokens.count, tokens[k].kind == .punctuation, tokens[k].text != "." {
                    if word == tokens[k].folded { break }
                    k += 1
                }
                guard k < tokens.count, folded[k] == word else { continue outer }
                k += 1
            }
            return (alias.entity, k - i)
        }
        return nil
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
    }
}

extension StringProtocol {
    func trimming(_ set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
