/// What the entity rules ask of a word (is it a stop word, a title, an organization word, a given name, the first
/// word of a gazetteer alias, …), as bits. `EntityTagger` looks each token up once in a table of these
/// (`WordClass.table`) instead of once per rule in a dozen sets: most of its time had gone to hashing the same
/// words again.
struct WordClass: OptionSet, Sendable {
    let rawValue: UInt32

    static let stop = WordClass(rawValue: 1 << 0)
    /// A stop word that is no adjective: may not start or continue a multi-word name.
    static let function = WordClass(rawValue: 1 << 1)
    /// `EntityTagger.adjectives`: inside a longer name only.
    static let adjective = WordClass(rawValue: 1 << 2)
    static let titleWord = WordClass(rawValue: 1 << 3)
    /// The first word of a title ("prime" of "prime minister").
    static let titleStart = WordClass(rawValue: 1 << 4)
    static let lowercaseTitle = WordClass(rawValue: 1 << 5)
    static let particle = WordClass(rawValue: 1 << 6)
    static let connector = WordClass(rawValue: 1 << 7)
    static let innerConnector = WordClass(rawValue: 1 << 8)
    static let organization = WordClass(rawValue: 1 << 9)
    static let event = WordClass(rawValue: 1 << 10)
    static let placeWord = WordClass(rawValue: 1 << 11)
    static let placeHead = WordClass(rawValue: 1 << 12)
    static let placeNoun = WordClass(rawValue: 1 << 13)
    static let stateHead = WordClass(rawValue: 1 << 14)
    static let placeLead = WordClass(rawValue: 1 << 15)
    static let placePreposition = WordClass(rawValue: 1 << 16)
    static let compass = WordClass(rawValue: 1 << 17)
    static let portfolio = WordClass(rawValue: 1 << 18)
    static let month = WordClass(rawValue: 1 << 19)
    // from the gazetteer
    static let givenName = WordClass(rawValue: 1 << 20)
    static let demonym = WordClass(rawValue: 1 << 21)
    /// A demonym's plural ("Somalis").
    static let demonymPlural = WordClass(rawValue: 1 << 22)
    /// The first word of an alias.
    static let aliasStart = WordClass(rawValue: 1 << 23)
    /// A given name that is also a place's one-word name ("Vladimir", "Florence").
    static let givenPlace = WordClass(rawValue: 1 << 24)

    /// A demonym or adjective ("Canadian", "South Korean", "Somalis"): never an entity alone.
    static let adjectiveLike: WordClass = [.adjective, .compass, .demonym, .demonymPlural]

    var isAdjectiveLike: Bool { !isDisjoint(with: .adjectiveLike) }

    /// The classes of the rules' own word lists (no gazetteer).
    static let ruleWords: [String: WordClass] = {
        var table: [String: WordClass] = [:]
        func mark(_ words: some Sequence<String>, _ c: WordClass) {
            for w in words { table[w, default: []].insert(c) }
        }
        typealias T = EntityTagger
        mark(T.stopWords, .stop)
        mark(T.functionWords, .function)
        mark(T.adjectives, .adjective)
        mark(T.titleWords, .titleWord)
        mark(T.titles.map { $0[0] }, .titleStart)
        mark(T.lowercaseTitles, .lowercaseTitle)
        mark(T.particles, .particle)
        mark(T.connectors, .connector)
        mark(T.innerConnectors, .innerConnector)
        mark(T.organizationWords, .organization)
        mark(T.eventWords, .event)
        mark(T.placeWords, .placeWord)
        mark(T.placeHeads, .placeHead)
        mark(T.placeNouns, .placeNoun)
        mark(T.stateHeads, .stateHead)
        mark(T.placeLeads, .placeLead)
        mark(T.placePrepositions, .placePreposition)
        mark(T.compass, .compass)
        mark(T.portfolioWords, .portfolio)
        mark(DateTagger.months.keys, .month)
        return table
    }()

    /// The rules' words and `gazetteer`'s given names, demonyms and aliases' first words.
    static func table(_ gazetteer: Gazetteer) -> [String: WordClass] {
        var table = ruleWords
        for name in gazetteer.givenNames { table[name, default: []].insert(.givenName) }
        for demonym in gazetteer.demonyms.keys {
            table[demonym, default: []].insert(.demonym)
            table[demonym + "s", default: []].insert(.demonymPlural)
        }
        for first in gazetteer.aliasFirstWords { table[first, default: []].insert(.aliasStart) }
        for name in gazetteer.givenPlaceNames { table[name, default: []].insert(.givenPlace) }
        return table
    }
}
