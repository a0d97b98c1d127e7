import Xapian

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
        try termGenerator.enableCJKNgrams()
        cjkGenerator = try TermGenerator()
        try cjkGenerator.enableCJKNgrams()
    }

    /// Indexes the CJK runs of a passage again as Xapian's one- and two-character terms, unstemmed and without
    /// positions: the terms Xapian's query parser looks for (see `CJKText`); the main generator's `Z` terms, with
    /// positions, serve phrases.
    let cjkGenerator: TermGenerator

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
        if let cjk = CJKText.runs(record.text) {
            try cjkGenerator.setDocument(doc)
            try cjkGenerator.indexTextWithoutPositions(cjk)
        }
        if let extraText, !extraText.isEmpty {
            try termGenerator.increaseTermPosition()
            try termGenerator.indexText(TextFolding.stripDiacritics(extraText))
        }
        try termGenerator.increaseTermPosition()
        // topic words match `topic:` queries but weigh nothing (wdf 0): a passage's one to three topics leave its
        // length, and so the ranking of its words, as they are
        for topic in record.topics {
            try termGenerator.indexTextWithoutPositions(TextFolding.stripDiacritics(topic), wdfIncrement: 0, prefix: Schema.topicWordsPrefix)
        }

        try doc.addBooleanTerm(Schema.idPrefix + record.id)
        try doc.addBooleanTerm(Schema.fileTerm(record.file))
        for topic in record.topics { try doc.addBooleanTerm(Schema.termSafe(Schema.topicPrefix + TextFolding.key(topic))) }
        for term in Schema.sectionTerms(record.section) { try doc.addBooleanTerm(term) }
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
        var actions: [String] = [], plovers: [String] = []
        for event in record.codedEvents {
            if !actions.contains(event.action) { actions.append(event.action) }
            if let p = event.plover?.event, !plovers.contains(p) { plovers.append(p) }
            for term in Schema.eventTerms(event) { try doc.addBooleanTerm(term) }
        }
        try doc.addBooleanTerm(Schema.languagePrefix + record.language)
        let keys = try facetKeys.keys(years: record.years, topics: record.topics, section: record.section, entities: record.entities,
                                      actions: actions, plovers: plovers, language: record.language, stored: stored)
        try doc.setValue(Schema.facetsSlot, KeyList.encode(keys))
        try doc.setData(try records.encode(record))
        return doc
    }
}
