import Xapian

/// Builds the Xapian document of a passage, following `Schema`. Owns a term generator: one builder per thread.
public final class DocumentBuilder {
    let facetKeys: FacetKeys
    /// The index being updated, whose facet dictionary `facetKeys` extends (nil for a new index).
    let stored: Database?
    /// Encodes the stored records, compressed with the index's dictionary.
    let records: RecordWriter
    /// Where the generators add words to the spelling data, and whether they buffer them.
    let spellingDatabase: WritableDatabase?
    let bufferSpelling: Bool
    /// How many times a title's words count in the text (`Schema.titleWeight`).
    let titleWeight: UInt32
    /// A term generator per Snowball stemmer, made when a passage of its language first comes.
    private var generators: [String: TermGenerator] = [:]

    /// Words are also added to `database`'s spelling data ("did you mean"); with `bufferSpelling`, only by
    /// `flushSpelling()` (a full build, where that saves a tenth of the CPU).
    init(spellingInto database: WritableDatabase?, bufferSpelling: Bool = false, facetKeys: FacetKeys,
         stored: Database?, dictionary: RecordDictionary?, titleWeight: Int = Schema.titleWeight) throws(XapianError) {
        self.facetKeys = facetKeys
        self.titleWeight = UInt32(clamping: max(1, titleWeight))
        self.stored = stored
        records = try RecordWriter(dictionary)
        spellingDatabase = database
        self.bufferSpelling = bufferSpelling
        cjkGenerator = try TermGenerator()
        try cjkGenerator.enableCJKNgrams()
        _ = try generator(for: "en")
    }

    /// The term generator of a passage language: its stemmer, Dossier's strategy and positionless words.
    func generator(for language: String) throws(XapianError) -> TermGenerator {
        let stemmer = Schema.stemmer(for: language)
        if let generator = generators[stemmer] { return generator }
        let generator = try TermGenerator()
        try generator.setStemmer(stemmer)
        try generator.setStemmingStrategy(Schema.stemming)
        try generator.setPositionlessWords(Schema.positionlessWords)
        if let spellingDatabase { try generator.enableSpelling(into: spellingDatabase, buffered: bufferSpelling) }
        try generator.enableCJKNgrams()
        generators[stemmer] = generator
        return generator
    }

    /// Indexes the CJK runs of a passage again as Xapian's one- and two-character terms, unstemmed and without
    /// positions: the terms Xapian's query parser looks for (see `CJKText`); the main generator's `Z` terms, with
    /// positions, serve phrases.
    let cjkGenerator: TermGenerator

    /// Writes the buffered spelling data to the database: before its commit.
    func flushSpelling() throws(XapianError) {
        for generator in generators.values { try generator.flushSpelling() }
    }

    func document(for record: PassageRecord, extraText: String? = nil) throws -> Document {
        let doc = try Document()
        let termGenerator = try generator(for: record.language)
        try termGenerator.setDocument(doc)
        if let title = record.title, !title.isEmpty {
            let folded = TextFolding.stripDiacritics(title)
            try termGenerator.indexText(folded, prefix: Schema.titlePrefix)
            try termGenerator.increaseTermPosition()
            try termGenerator.indexText(folded, wdfIncrement: titleWeight)
            try termGenerator.increaseTermPosition()
        }
        try termGenerator.indexText(Elision.strip(TextFolding.stripDiacritics(record.text), language: record.language))
        if let cjk = CJKText.runs(record.text) {
            try cjkGenerator.setDocument(doc)
            try cjkGenerator.indexTextWithoutPositions(cjk)
        }
        if let extraText, !extraText.isEmpty {
            try termGenerator.increaseTermPosition()
            try termGenerator.indexText(Elision.strip(TextFolding.stripDiacritics(extraText), language: record.language))
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
