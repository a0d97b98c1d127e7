import Xapian

/// A passage as stored in the index's document data: everything search prints, without re-reading the corpus.
public struct PassageRecord: Codable, Sendable, Equatable {
    /// A dated event: the date and the sentence it comes from (UTF-8 byte offsets into `text`).
    public struct Event: Codable, Sendable, Equatable {
        public let date: EventDate
        public let start: Int
        public let end: Int
        /// Indexes into the passage's `entities` of the entities named in that sentence.
        public let entities: [Int]
    }

    public let id: String
    public let file: String
    /// 1-based position of the paragraph in its file.
    public var paragraph: Int
    /// 1-based line where it starts.
    public var line: Int
    /// Topics from the vocabulary, best first (at least one).
    public let topics: [String]
    /// The primary topic.
    public var topic: String { topics.first ?? TopicLexicon.fallback }
    /// The passage's label or the headings above it, as written ("Disputes > Cyprus dispute").
    public let section: String?
    /// The document title, for passages from JSONL collections.
    public var title: String? = nil
    /// The page it starts on, in a PDF; nil for other files.
    public var page: Int? = nil
    public let text: String
    public let years: [Int]
    public let dates: [EventDate]
    public let entities: [Entity]
    public let events: [Event]
    /// The events its sentences report, coded in CAMEO and PLOVER.
    public var codedEvents: [CodedEvent] = []
    /// Its language, an ISO 639-1 code ("en", "fr", "zh").
    public var language = "en"
    /// Hash of section and text: a change means the passage must be tagged again.
    public let hash: String

    /// The sentence of `event`, without surrounding spaces.
    public func sentence(of event: Event) -> String {
        let utf8 = Array(text.utf8)
        let start = max(0, min(event.start, utf8.count))
        let end = max(start, min(event.end, utf8.count))
        return String(decoding: utf8[start..<end], as: UTF8.self).trimming(" \t")
    }

    /// The entities named in the sentence of `event`.
    public func entities(of event: Event) -> [Entity] {
        event.entities.compactMap { $0 < entities.count ? entities[$0] : nil }
    }

    /// Builds the record of a tagged paragraph.
    public init(id: String, file: String, paragraph: Int, source: Paragraph, tags: Tags, hash: String) {
        self.id = id
        self.file = file
        self.paragraph = paragraph
        self.line = source.line
        self.topics = tags.topics
        self.section = tags.section
        self.title = source.title
        self.page = source.page
        self.text = source.text
        self.years = tags.years
        self.dates = tags.dates
        self.entities = tags.entities
        let index = Dictionary(tags.entities.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
        self.events = tags.events.map { event in
            let s = tags.sentences[event.sentence]
            let named = (tags.sentenceEntities[event.sentence] ?? []).compactMap { index[$0] }
            return Event(date: event.date, start: s.start, end: s.end, entities: named)
        }
        self.codedEvents = tags.codedEvents
        self.language = tags.language
        self.hash = hash
    }

    /// A record with every field given (decoding).
    init(id: String, file: String, paragraph: Int, line: Int, topics: [String], section: String?, title: String?,
         text: String, years: [Int], dates: [EventDate], entities: [Entity], events: [Event], hash: String) {
        self.id = id
        self.file = file
        self.paragraph = paragraph
        self.line = line
        self.topics = topics
        self.section = section
        self.title = title
        self.text = text
        self.years = years
        self.dates = dates
        self.entities = entities
        self.events = events
        self.hash = hash
    }

    /// The stored form (document data), see `RecordCodec`.
    public func encoded() -> [UInt8] { RecordCodec.encode(self) }

    public static func decode(_ bytes: [UInt8]) throws -> PassageRecord { try RecordCodec.decode(bytes) }

    /// Which fields a reader decodes from the stored record.
    public enum Fields: Sendable, Equatable {
        /// Every field.
        case all
        /// What reading events needs (`Searcher.events`, `ask`): id, file, paragraph, line, page, text, coded events
        /// and language. Topics, section, title, years, dates, entities, dated sentences and hash are skipped and
        /// left empty: such a record is never shown or stored as a passage.
        case events
    }
}
