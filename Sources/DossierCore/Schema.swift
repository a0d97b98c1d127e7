import Xapian

/// Every term prefix, value slot and metadata key of a Dossier index: the one place that names them.
///
/// Prefixes follow Omega's conventions: `Q` for the unique id, `X…` for Dossier's own fields, and a single
/// capital letter for the common ones. Terms after a prefix are folded (lowercase, no diacritics) except
/// file paths, which are kept as written.
public enum Schema {
    /// Version of this layout; an index written with another version is rebuilt.
    public static let version = "11"

    /// Snowball stemmer of English text, and of the words Dossier's own English-only features compare (questions,
    /// the positionless words).
    public static let language = "english"
    /// Each passage is stemmed in its own language (`LanguageDetector`): a French passage's "accords commerciaux"
    /// are indexed as `Zaccord Zcommercial`, as "accord commercial" is. A query is parsed once per stemmer of the
    /// languages it targets (`Searcher.parse`). Chinese passages' Latin words are English.
    public static let stemmers: [String: String] = [
        "en": "english", "fr": "french", "nl": "dutch", "de": "german", "es": "spanish", "it": "italian",
        "pt": "portuguese", "zh": "english",
    ]

    /// The Snowball stemmer of a language code (English for one Dossier does not know).
    public static func stemmer(for language: String) -> String { stemmers[language] ?? Schema.language }
    /// Every word is indexed once, stemmed, with the `Z` prefix and positions (phrases match stemmed words).
    /// Half the terms of Xapian's default (`STEM_SOME` adds every word unstemmed too): a smaller, faster index.
    public static let stemming = StemmingStrategy.allZ
    /// Prefix of stemmed words.
    public static let stemPrefix = "Z"
    /// The commonest function words are indexed without positions (their terms and counts as usual, but the words
    /// around them take adjacent positions): their position lists were a fifth of the position table. Phrases
    /// and NEAR groups leave them out (`positionlessTerms`), so "port of Antwerp" finds "port of Antwerp" (and
    /// "port in Antwerp"); everything else, ranking included, is as before. Words that are also names or
    /// acronyms (who, us, it, will, may) keep their positions.
    public static let positionlessWords = [
        "the", "of", "and", "a", "an", "to", "in", "on", "for", "with", "at", "by", "from", "as", "is", "was", "were",
        "are", "be", "been", "that", "this", "or", "which", "has", "have", "had",
    ]
    /// The terms of `positionlessWords` as the query parser writes them in the fields indexed from free text.
    public static let positionlessTerms: [String] = positionlessWords.flatMap { word in
        let stemmed = (try? stem(word, language: language)) ?? word
        return ["", titlePrefix, topicWordsPrefix].map { stemPrefix + $0 + stemmed }
    }

    // MARK: Term prefixes

    /// Unique passage id: `Q` + id.
    public static let idPrefix = "Q"
    /// Year mentioned: `Y` + 4 digits (boolean).
    public static let yearPrefix = "Y"
    /// Month of a dated event: `M` + `YYYY-MM` (boolean).
    public static let monthPrefix = "M"
    /// Day of a dated event: `D` + `YYYY-MM-DD` (boolean).
    public static let dayPrefix = "D"
    /// Exact topic: `K` + folded topic (boolean).
    public static let topicPrefix = "K"
    /// Section: `XS` + folded section as written ("Disputes > Cyprus dispute"), and one for each of its headings
    /// ("Disputes", "Cyprus dispute"), so that `--section` finds a heading and everything under it (boolean).
    public static let sectionPrefix = "XS"
    /// Words of the topic, searchable with `topic:` (free text).
    public static let topicWordsPrefix = "XT"
    /// Source file: `F` + path relative to the corpus folder, as written (boolean).
    public static let filePrefix = "F"
    /// Title words (JSONL collections), searchable with `title:` (free text).
    public static let titlePrefix = "S"
    /// How many times the words of a document's title (JSONL collections' `title`) count in its text: a word of the
    /// title says more of what the document is about than one of its body. Chosen with the ranking defaults, by
    /// leaving each test collection out in turn (`Benchmarks/relevance_cv.py`, BENCHMARKS.md); `dossier eval
    /// --title-weight` tries others.
    public static let titleWeight = 3
    /// Action of a coded event: `XA` + folded action name, and one for each broader action ("state visit" also
    /// gets "visit"), boolean.
    public static let actionPrefix = "XA"
    /// PLOVER event type of a coded event: `XV` + folded type ("consult"), boolean.
    public static let ploverPrefix = "XV"
    /// CAMEO code of a coded event: `XC` + the code and its two-digit root ("042", "04"), boolean.
    public static let cameoPrefix = "XC"
    /// Country of a coded event's source or target: `XN` + folded ISO 3166 alpha-3 code ("bel"), boolean.
    public static let eventCountryPrefix = "XN"
    /// Language of the passage: `XG` + ISO 639-1 code ("fr"), boolean.
    public static let languagePrefix = "XG"

    /// Entity: person `XP`, place `XL`, organization `XO` + folded canonical name (boolean). One term per entity
    /// (layout 6 dropped a second, kind-less `XE` term: a tenth of the build's work); `entity:` searches all three.
    public static func entityPrefix(for kind: EntityKind) -> String {
        switch kind {
        case .person: "XP"
        case .place: "XL"
        case .organization: "XO"
        }
    }

    /// The terms of an entity name under every kind (a name given without its kind).
    public static func entityTerms(_ key: String) -> [String] {
        EntityKind.allCases.map { termSafe(entityPrefix(for: $0) + key) }
    }

    // MARK: Value slots

    /// Earliest date as a sortable number (yyyymmdd, with 00 for unknown month or day); passages without a
    /// date get 99999999, so that they come last oldest-first.
    public static let dateSlot: UInt32 = 0
    /// Latest date, the same way; empty without a date, so that they come last newest-first.
    public static let latestDateSlot: UInt32 = 6
    /// Facet keys of the passage (years, topics, section, entities, event actions and PLOVER types) as small integers (see `FacetKeys`): a `KeyList` of
    /// `facetKey(n, kind)`. A few bytes a passage where the names took ~150, and counted in an array instead of a
    /// hash table.
    public static let facetsSlot: UInt32 = 1

    /// What a facet key names: a year (the key holds it), or the ordinal of a topic, a section, an entity, an event
    /// action or a PLOVER type in the index's facet dictionary (named by the metadata entry `facetNamePrefix` + the
    /// key in decimal). Three bits since layout 10 (events).
    public enum FacetKind: UInt64, Sendable, CaseIterable {
        case year = 0, topic = 1, entity = 2, section = 3, action = 4, plover = 5, language = 6
    }

    /// The key of `n` of `kind`: `n << 3 | kind`.
    public static func facetKey(_ n: Int, _ kind: FacetKind) -> UInt64 { UInt64(n) << 3 | kind.rawValue }

    /// The number and kind of a facet key (nil for a kind Dossier does not write).
    public static func facetKeyParts(_ key: UInt64) -> (n: UInt64, kind: FacetKind)? {
        FacetKind(rawValue: key & 7).map { (key >> 3, $0) }
    }
    // Slots 2 and 3 (topic, entities as text) were replaced by the facet keys in layout 6; slots 4 and 5
    // (file, paragraph) were dropped in layout 5.

    // MARK: Metadata keys

    /// Layout version of the index.
    public static let versionKey = "dossier:version"
    /// Hash of the tagging data (gazetteer and topic lexicon) the passages were tagged with.
    public static let taggingDataKey = "dossier:tagging"
    /// Hash of the languages given to folders (`FolderLanguages`); empty when none is.
    public static let folderLanguagesKey = "dossier:folder-languages"
    /// How many times a document title's words count in the passage's text (`titleWeight`); empty in an index
    /// written before it was stored, which counted them once.
    public static let titleWeightKey = "dossier:title-weight"
    /// Absolute path of the corpus folder the index was built from.
    public static let corpusKey = "dossier:corpus"
    /// The preset dictionary passage records are compressed with (`RecordDictionary`).
    public static let recordDictionaryKey = "dossier:record-dictionary"
    /// The gazetteer, stored so that search can resolve aliases without the corpus.
    public static let gazetteerKey = "dossier:gazetteer"
    /// Size and mtime of every indexed file, one `path<TAB>size<TAB>mtime` per line: a cheap staleness check.
    public static let statsKey = "dossier:stats"
    /// Name of a facet key (topic, section or entity ordinal): `facet:` + key in decimal → the topic, the section,
    /// or `kind<TAB>name`.
    public static let facetNamePrefix = "facet:"
    /// The key of a facet name, for the writer (first shard only): `facet-key:` + `t` topic, `s` section or
    /// `e` `kind<TAB>name`
    /// → key in decimal.
    public static let facetKeyPrefix = "facet-key:"
    /// Which facet dictionary the shard's facet keys belong to: a random id written to every shard by a full
    /// build and kept by updates (layout 8). Shards with the same id share their keys; indexes built separately
    /// and searched as one have different ids, and their keys are named shard group by shard group.
    public static let facetDictionaryKey = "dossier:facet-dictionary"
    /// The next free ordinals, `topics entities` (first shard only; sections take theirs from the topics' series).
    public static let facetNextKey = "dossier:facet-next"
    /// Per-file state: `file:` + relative path → JSON `FileState`.
    public static let fileStatePrefix = "file:"

    /// Field names of the query language.
    public enum Field {
        public static let year = "year"
        public static let topic = "topic"
        public static let section = "section"
        public static let person = "person"
        public static let place = "place"
        public static let org = "org"
        public static let entity = "entity"
        public static let file = "file"
        public static let title = "title"
        public static let month = "month"
        public static let date = "date"
        public static let action = "action"
        public static let plover = "plover"
        public static let cameo = "cameo"
        public static let country = "country"
        public static let language = "language"
        /// Internal: `pand*` is rewritten to `xstem:pand*`, a wildcard over stemmed words.
        static let stemWildcard = "xstem"
    }
}

extension Schema {
    /// The boolean terms of a coded event: its action and the broader ones, PLOVER type, CAMEO code and root, and its
    /// actors' countries.
    public static func eventTerms(_ event: CodedEvent) -> [String] {
        var terms = EventActions.withParents(event.action).map { termSafe(actionPrefix + TextFolding.key($0)) }
        if let p = event.plover?.event { terms.append(ploverPrefix + TextFolding.key(p)) }
        terms.append(cameoPrefix + event.cameo)
        if event.cameo.count > 2 { terms.append(cameoPrefix + event.cameo.prefix(2)) }
        for actor in event.source + event.target {
            if let c = actor.country { terms.append(eventCountryPrefix + TextFolding.key(c)) }
        }
        return terms
    }

    /// The terms of a section: the whole path, and each heading in it.
    public static func sectionTerms(_ section: String?) -> [String] {
        guard let section, !section.isEmpty else { return [] }
        let parts = section.components(separatedBy: Paragraph.sectionSeparator)
        var terms = [termSafe(sectionPrefix + TextFolding.key(section))]
        if parts.count > 1 {
            for part in parts where !part.isEmpty {
                let term = termSafe(sectionPrefix + TextFolding.key(part))
                if !terms.contains(term) { terms.append(term) }
            }
        }
        return terms
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
