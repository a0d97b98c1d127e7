/// One event a sentence reports, coded in the field's standards (CAMEO and PLOVER) and Dossier's own action names.
public struct CodedEvent: Sendable, Equatable, Codable {
    /// Whether the text says the event happened.
    public enum Status: String, Sendable, Codable, CaseIterable {
        case done, negated, planned, hypothetical
    }

    /// A party to the event: an entity as the entity tagger names it, with what the coder adds.
    public struct Actor: Sendable, Equatable, Codable {
        /// Canonical name (the entity tagger's, or the country a demonym names).
        public var name: String
        /// The words of the sentence that name it, title and country included ("President Xi Jinping").
        public var text: String
        public var kind: EntityKind
        /// ISO 3166 alpha-3 code of its country; nil for international organizations and unknown countries.
        public var country: String?
        /// Sector, CAMEO's agent codes: GOV, MIL, IGO, BUS, EDU, …; nil when the text does not say.
        public var sector: String?
        /// The title as written ("Premier", "State Councilor and Foreign Minister").
        public var title: String?

        public init(name: String, text: String, kind: EntityKind, country: String? = nil, sector: String? = nil, title: String? = nil) {
            self.name = name
            self.text = text
            self.kind = kind
            self.country = country
            self.sector = sector
            self.title = title
        }
    }

    /// An amount of money or a share the sentence gives: "US$29.71 billion", "3.1%".
    public struct Amount: Sendable, Equatable, Codable {
        public var value: Double
        /// ISO 4217 code (USD, EUR, CNY, …); nil for a share or a count.
        public var currency: String?
        /// "%" for a share, or what is counted ("tons", "passengers"); nil for money.
        public var unit: String?
        /// The dates of the sentence it belongs to ("2024-01/2024-09"); nil when the sentence has none.
        public var period: String?
        /// As written.
        public var text: String
    }

    /// UTF-8 byte span of the sentence in the passage text.
    public var start: Int
    public var end: Int
    public var date: EventDate?
    /// Dossier's action name (`visit`, `state visit`, `signing`, …; see `EventActions`).
    public var action: String
    /// CAMEO event code ("042").
    public var cameo: String
    /// The verb as written ("paid", "met with").
    public var verb: String = ""
    /// What the verb takes, as written, without its article: up to the next preposition or punctuation
    /// ("state visit" of "paid a state visit to Belgium", "education exchange agreement").
    public var object: String = ""
    public var source: [Actor]
    public var target: [Actor]
    /// Where it happened, when the sentence says: a place's canonical name.
    public var place: String?
    public var amounts: [Amount]
    public var status: Status

    /// The PLOVER event, mode and context of `cameo` (2021 table).
    public var plover: EventTables.Plover? { EventTables.cameo[cameo] }
}
