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
    public let topic: String
    /// The document title, for passages from JSONL collections.
    public var title: String? = nil
    public let text: String
    public let years: [Int]
    public let dates: [EventDate]
    public let entities: [Entity]
    public let events: [Event]
    /// Hash of heading and text: a change means the passage must be tagged again.
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
        self.topic = tags.topic
        self.title = source.title
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
        self.hash = hash
    }

    /// A record with every field given (decoding).
    init(id: String, file: String, paragraph: Int, line: Int, topic: String, title: String?, text: String, years: [Int],
         dates: [EventDate], entities: [Entity], events: [Event], hash: String) {
        self.id = id
        self.file = file
        self.paragraph = paragraph
        self.line = line
        self.topic = topic
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
}

/// Builds the Xapian document of a passage, following `Schema`. Owns a term generator: one builder per thread.
public final class DocumentBuilder {
    let termGenerator: TermGenerator
    let facetKeys: FacetKeys
    /// The index being updated, whose facet dictionary `facetKeys` extends (nil for a new index).
    let stored: Database?
    /// Encodes the stored records, compressed with the index's dictionary.
    let records: RecordWriter

    /// Words are also added to `database`'s spelling data ("did you mean"); with `bufferSpelling`, only by
    /// `flushSpelling()` (a full build, where that saves a tenth of the CPU).
    init(spellingInto database: WritableDatabase?, bufferSpelling: Bool = false, facetKeys: FacetKeys,
         stored: Database?, dictionary: RecordDictionary?) throws(XapianError) {
        self.facetKeys = facetKeys
        self.stored = stored
        records = try RecordWriter(dictionary)
        termGenerator = try TermGenerator()
        try termGenerator.setStemmer(Schema.language)
        try termGenerator.setStemmingStrategy(Schema.stemming)
        try termGenerator.setPositionlessWords(Schema.positionlessWords)
        if let database { try termGenerator.enableSpelling(into: database, buffered: bufferSpelling) }
    }

    /// Writes the buffered spelling data to the database: before its commit.
    func flushSpelling() throws(XapianError) {
        try termGenerator.flushSpelling()
    }

    func document(for record: PassageRecord, extraText: String? = nil) throws -> Document {
        let doc = try Document()
        try termGenerator.setDocument(doc)
        if let title = record.title, !title.isEmpty {
            let folded = TextFolding.stripDiacritics(title)
            try termGenerator.indexText(folded, prefix: Schema.titlePrefix)
            try termGenerator.increaseTermPosition()
            try termGenerator.indexText(folded)
            try termGenerator.increaseTermPosition()
        }
        try termGenerator.indexText(TextFolding.stripDiacritics(record.text))
        if let extraText, !extraText.isEmpty {
            try termGenerator.increaseTermPosition()
            try termGenerator.indexText(TextFolding.stripDiacritics(extraText))
        }
        try termGenerator.increaseTermPosition()
        try termGenerator.indexTextWithoutPositions(TextFolding.stripDiacritics(record.topic), prefix: Schema.topicWordsPrefix)

        try doc.addBooleanTerm(Schema.idPrefix + record.id)
        try doc.addBooleanTerm(Schema.fileTerm(record.file))
        try doc.addBooleanTerm(Schema.termSafe(Schema.topicPrefix + TextFolding.key(record.topic)))
        for year in record.years { try doc.addBooleanTerm(Schema.yearPrefix + String(year)) }
        for date in record.dates {
            if let m = date.month {
                try doc.addBooleanTerm(Schema.monthPrefix + EventDate(year: date.year, month: m).description)
                if date.day != nil { try doc.addBooleanTerm(Schema.dayPrefix + date.description) }
            }
        }
        for entity in record.entities {
            try doc.addBooleanTerm(Schema.termSafe(Schema.entityPrefix(for: entity.kind) + entity.key))
        }

        try doc.setValue(Schema.dateSlot, sortableSerialise(Double(record.dates.first?.sortKey ?? 99_999_999)))
        if let last = record.dates.last {
            try doc.setValue(Schema.latestDateSlot, sortableSerialise(Double(last.sortKey)))
        }
        let keys = try facetKeys.keys(years: record.years, topic: record.topic, entities: record.entities, stored: stored)
        try doc.setValue(Schema.facetsSlot, FacetCounts.encode(keys))
        try doc.setData(try records.encode(record))
        return doc
    }
}

extension Schema {
    /// Xapian rejects terms over 245 bytes: longer ones are cut and given a hash suffix, so they stay unique.
    public static func termSafe(_ term: String) -> String {
        guard term.utf8.count > 240 else { return term }
        var cut = ""
        for c in term {
            if cut.utf8.count + c.utf8.count > 220 { break }
            cut.append(c)
        }
        return cut + "#" + FNV1a.hash(term).hex
    }

    /// The boolean term of a source file.
    public static func fileTerm(_ path: String) -> String { termSafe(filePrefix + path) }
}
