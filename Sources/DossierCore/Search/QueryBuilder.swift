#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
import Dispatch
#else
import Foundation
#endif
import Xapian

/// A user's query turned into Xapian queries.
struct ParsedQuery {
    /// Every word required (Dossier's default).
    let query: Query
    /// Any word (used when no passage has them all); nil for one-word and empty queries. Parsed only when
    /// needed: a second parse (spelling and synonym look-ups) would cost every search.
    let anyQuery: (() -> Query?)?
    /// The spelling data's correction of the query string, if it has one.
    let correction: String?
    /// Words to highlight in snippets.
    let highlightWords: [String]
    /// A question or description in plain words, matched as a bag of words (any word, ranked).
    var naturalLanguage = false
}

extension Searcher {
    /// Query-language fields whose values are entity names, resolved through the gazetteer.
    static let entityFields: [String: [String]] = [
        Schema.Field.person: [Schema.entityPrefix(for: .person)],
        Schema.Field.place: [Schema.entityPrefix(for: .place)],
        Schema.Field.org: [Schema.entityPrefix(for: .organization)],
        "organization": [Schema.entityPrefix(for: .organization)],
        // several prefixes for one field: the parser ORs their terms
        Schema.Field.entity: EntityKind.allCases.map(Schema.entityPrefix(for:)),
    ]
    static let operators: Set<String> = ["and", "or", "not", "xor", "near", "adj"]

    func makeParser(defaultOperator: Query.Operator, stemmer: String = Schema.language) throws -> QueryParser {
        let qp = try QueryParser()
        try qp.setStemmer(stemmer)
        try qp.setStemmingStrategy(Schema.stemming)
        try qp.setDefaultOperator(defaultOperator)
        try qp.setPositionlessTerms(Schema.positionlessTerms)
        try qp.setDatabase(parserDatabase)
        try qp.addIntegerTermRange(field: "", prefix: Schema.yearPrefix)
        try qp.addPrefix(Schema.Field.topic, Schema.topicWordsPrefix)
        try qp.addPrefix(Schema.Field.title, Schema.titlePrefix)
        try qp.addPrefix(Schema.Field.stemWildcard, Schema.stemPrefix)
        try qp.addBooleanPrefix(Schema.Field.year, Schema.yearPrefix)
        try qp.addBooleanPrefix(Schema.Field.month, Schema.monthPrefix)
        try qp.addBooleanPrefix(Schema.Field.date, Schema.dayPrefix)
        try qp.addBooleanPrefix(Schema.Field.file, Schema.filePrefix)
        try qp.addBooleanPrefix("id", Schema.idPrefix)
        for (field, prefixes) in Self.entityFields {
            for prefix in prefixes { try qp.addBooleanPrefix(field, prefix) }
        }
        return qp
    }

    static let flags: QueryParser.Flags = [
        .boolean, .phrase, .loveHate, .booleanAnyCase, .wildcard, .pureNot, .autoSynonyms, .autoMultiwordSynonyms,
        .spellingCorrection, .cjkNgram,
    ]

    /// The request's query for the passages it targets: those of its languages, else every language of the index.
    /// Passages are stemmed in their own language (`Schema.stemmers`), so the query is parsed once per stemmer; where
    /// the parses differ ("accords" is `Zaccord` in English and French, "commerciaux" is not), each is restricted to
    /// its languages' passages and the parses are ORed: every passage (each has one language term) meets the query
    /// stemmed as it was, and is weighed once.
    func parse(_ request: SearchRequest) throws -> ParsedQuery {
        var groups: [(stemmer: String, languages: [String])] = []
        for language in request.languages.isEmpty ? languages : request.languages {
            let stemmer = Schema.stemmer(for: language)
            if let i = groups.firstIndex(where: { $0.stemmer == stemmer }) {
                groups[i].languages.append(language)
            } else {
                groups.append((stemmer, [language]))
            }
        }
        guard groups.count > 1 else { return try parse(request, language: groups.first?.languages[0] ?? "en") }
        var parses: [(parsed: ParsedQuery, languages: [String])] = []
        let words = Self.plainWords(Tokenizer.tokenize(TextFolding.stripDiacritics(request.query))).map(TextFolding.fold)
        for group in groups {
            // a language whose stemmer and stop words treat every word of the query as the first's would parse it
            // the same: no parse ("visit" is `Zvisit` in English, French and Dutch)
            if !parses.isEmpty, Self.parsesAlike(words, groups[0].languages[0], group.languages[0]) {
                parses[0].languages += group.languages
                continue
            }
            // the correction comes from the first parse (English's when the index has English)
            let parsed = try parse(request, language: group.languages[0], spelling: parses.isEmpty)
            let description = parsed.query.description
            if let i = parses.firstIndex(where: { $0.parsed.query.description == description }) {
                parses[i].languages += group.languages
            } else {
                parses.append((parsed, group.languages))
            }
        }
        guard parses.count > 1 else { return parses[0].parsed }
        // The parse of the most passages is restricted by leaving out the others' languages (short lists), not by
        // its own (a list of nearly every passage, which the match would have to walk)
        let size = Dictionary(languagePassages, uniquingKeysWith: +)
        let passages = parses.map { $0.languages.reduce(0) { $0 + (size[$1] ?? 0) } }
        let largest = passages.indices.max { passages[$0] < passages[$1] }!
        func restricted(_ query: (ParsedQuery) -> Query?) throws -> Query? {
            var branches: [Query] = []
            for (i, (parsed, languages)) in parses.enumerated() {
                guard let q = query(parsed) else { continue }
                if i == largest {
                    let others = parses.indices.filter { $0 != i }.flatMap { parses[$0].languages }
                    branches.append(try Query(.andNot, [q, anyOf(others.map { Schema.languagePrefix + $0 })]))
                } else {
                    branches.append(try combine(q, anyOf(languages.map { Schema.languagePrefix + $0 })))
                }
            }
            return branches.isEmpty ? nil : try Query(.or, branches)
        }
        let first = parses[0].parsed
        let anyQuery: (() -> Query?)? = parses.contains { $0.parsed.anyQuery != nil }
            ? { try? restricted { $0.anyQuery?() ?? $0.query } } : nil
        return ParsedQuery(query: try restricted(\.query)!, anyQuery: anyQuery, correction: first.correction,
                           highlightWords: first.highlightWords, naturalLanguage: first.naturalLanguage)
    }

    /// True when every one of `words` (folded) has the same stem in languages `a` and `b`, and is a stop word in both
    /// or in neither.
    static func parsesAlike(_ words: [String], _ a: String, _ b: String) -> Bool {
        let (stemA, stemB) = (Schema.stemmer(for: a), Schema.stemmer(for: b))
        let (stopA, stopB) = (StopWords.forQuery(a), StopWords.forQuery(b))
        return words.allSatisfy { w in
            Elision.strip(w, language: a) == Elision.strip(w, language: b) &&
            stopA.contains(w) == stopB.contains(w) && (try? stem(w, language: stemA)) == (try? stem(w, language: stemB))
        }
    }

    /// The request's query parsed for passages in `language` (an ISO 639-1 code): its stemmer and stop words;
    /// with `spelling`, the spelling data's correction too.
    func parse(_ request: SearchRequest, language: String, spelling: Bool = true) throws -> ParsedQuery {
        let stemmer = Schema.stemmer(for: language)
        let flags = spelling ? Self.flags : Self.flags.subtracting(.spellingCorrection)
        let correcting: QueryParser.Flags = spelling ? [.spellingCorrection] : []
        let raw = request.query.trimming(" \t\n")
        guard !raw.isEmpty else {
            return ParsedQuery(query: try Query.matchAll(), anyQuery: nil, correction: nil, highlightWords: [])
        }
        // `year:2013..2016` is a range over year terms (Xapian would read it as one boolean term)
        // A query typed all in capitals ("MEASUREMENT OF DIELECTRIC CONSTANT AND LOSS") is read as words: its AND, OR
        // and NOT cannot be told from the words around them, and Xapian would leave capitalised words unstemmed.
        let shouted = (TextFolding.capitalLetters(raw) ?? 0) > 1 && raw.contains(" ")
        var text = rewriteEntityFields(Elision.strip(TextFolding.stripDiacritics(shouted ? raw.lowercased() : raw), language: language))
        if text.lowercased().contains("year:") {  // compiling the regular expression costs more than the search
            let range = try Regex(#"(?i)\byear:(\d{0,4}\.\.\d{0,4})"#)
            text = text.replacing(range) { $0.output[1].substring.map(String.init) ?? "" }
        }
        if text.lowercased().contains(Schema.Field.topic + ":") { text = Self.rewriteTopicFields(text) }
        text = Self.rewriteWildcards(text, stemmer: stemmer)
        if text.contains("\""), CJKText.runs(text) != nil { text = CJKText.unquotingPhrases(text) }
        let tokens = Tokenizer.tokenize(text)
        let words = Self.plainWords(tokens)
        func dropped(_ list: Set<String>) -> Set<String> {
            !ranking.stopWords || words.allSatisfy { list.contains(TextFolding.fold($0)) } ? [] : list
        }
        let bagStopWords = dropped(StopWords.forQuery(language))
        // A keyword query drops English's stop words whatever the language it is parsed for ("port of Antwerp" is
        // typed in English, and French passages are no likelier to have "of"): other languages' lists hold a few
        // nouns ("etat") that a keyword query means
        let stopWords = dropped(StopWords.english)
        if !request.keywords, Self.isNaturalLanguage(tokens, minWords: ranking.naturalLanguageWords) {
            let qp = try makeParser(defaultOperator: .or, stemmer: stemmer)
            try qp.setStopWords(bagStopWords)
            let bag = Self.bagOfWords(tokens)
            let query = try qp.parse(bag, flags: ranking.synonyms ? correcting.union([.autoSynonyms, .autoMultiwordSynonyms]) : correcting)
            if !query.isEmpty {
                return ParsedQuery(query: query, anyQuery: nil, correction: spelling ? try? qp.correctedQuery() : nil, highlightWords: words,
                                   naturalLanguage: true)
            }
        }
        let qp = try makeParser(defaultOperator: .and, stemmer: stemmer)
        try qp.setStopWords(stopWords)
        var lenient = false
        var query = try parseOrNil(qp, text, flags: flags) ?? {
            // Retry as plain words: `foo AND`, `NOT foo`, `AND AND`.
            lenient = true
            return try qp.parse(words.joined(separator: " "), flags: [.autoSynonyms, .autoMultiwordSynonyms])
        }()
        if query.isEmpty {
            if !lenient, !words.isEmpty {
                query = try qp.parse(words.joined(separator: " "), flags: [.autoSynonyms])
            }
            guard !query.isEmpty else {
                throw DossierError(.query, "nothing to search for in \"\(DossierError.quoted(raw))\": use words, \"phrases\", or field:value")
            }
        }
        let correction = spelling ? try? qp.correctedQuery() : nil
        var anyQuery: (() -> Query?)?
        if words.count > 1 {
            anyQuery = { [self] in
                guard let any = try? makeParser(defaultOperator: .or, stemmer: stemmer), (try? any.setStopWords(stopWords)) != nil else { return nil }
                return try? any.parse(lenient ? words.joined(separator: " ") : text, flags: lenient ? [.autoSynonyms, .cjkNgram] : flags)
            }
        }
        return ParsedQuery(query: query, anyQuery: anyQuery, correction: correction, highlightWords: words)
    }

    /// The parsed query, or nil when Xapian rejects its syntax.
    func parseOrNil(_ qp: QueryParser, _ text: String, flags: QueryParser.Flags) throws -> Query? {
        do {
            return try qp.parse(text, flags: flags)
        } catch {
            if error.code == .querySyntax { return nil }
            throw error
        }
    }

    /// `person:Xi` → `person:"xi jinping"`: entity field values are resolved through the gazetteer and folded,
    /// matching the boolean terms written by the indexer.
    func rewriteEntityFields(_ text: String) -> String {
        let chars = Array(text)
        var out = ""
        var i = 0
        while i < chars.count {
            // a field name starts at the beginning or after a space, bracket, + or -
            let atWordStart = i == 0 || " (+-\t".contains(chars[i - 1])
            var j = i
            while atWordStart, j < chars.count, chars[j].isLetter { j += 1 }
            guard atWordStart, j > i, j < chars.count, chars[j] == ":",
                  Self.entityFields[String(chars[i..<j]).lowercased()] != nil else {
                out.append(chars[i])
                i += 1
                continue
            }
            let field = String(chars[i..<j]).lowercased()
            var k = j + 1
            let value: String
            if k < chars.count, chars[k] == "\"" {
                let close = chars[(k + 1)...].firstIndex(of: "\"") ?? chars.count
                value = String(chars[(k + 1)..<close])
                k = min(close + 1, chars.count)
            } else {
                let end = chars[k...].firstIndex(where: { $0 == " " || $0 == ")" }) ?? chars.count
                value = String(chars[k..<end])
                k = end
            }
            if value.isEmpty {
                out += field + " "  // `person:` alone: the word itself
            } else {
                // a surname may stand for several people: terms of one boolean prefix, ORed by the parser
                let keys = field == Schema.Field.person || field == Schema.Field.entity ? entityKeys(value) : [resolveEntity(value).key]
                let terms = keys.map { field + ":\"" + String(String.UnicodeScalarView($0.unicodeScalars.filter { $0 != "\"" })) + "\"" }
                out += terms.count == 1 ? terms[0] : "(" + terms.joined(separator: " ") + ")"
            }
            i = k
        }
        return out
    }

    /// True for a question or description in plain words: at least `minWords` words that are not stop words,
    /// and nothing of the query language (quotes, `field:value`, `+word`, `-word`, wildcards, operators in
    /// capitals). Such queries are matched as a bag of words: requiring every word of a sentence would find
    /// nothing, and ranking does the work.
    static func isNaturalLanguage(_ tokens: [Token], minWords: Int) -> Bool {
        guard minWords > 0 else { return false }
        var content = 0
        for (i, t) in tokens.enumerated() {
            let next = i + 1 < tokens.count ? tokens[i + 1] : nil
            switch t.kind {
            case .punctuation:
                if t.text == "\"" || t.text == "*" || t.text == "\u{201C}" { return false }
                if t.text == ":", !t.spaceBefore, let next, !next.spaceBefore, !next.isPunctuation(":") { return false }
                if t.text == "+" || t.text == "-", t.spaceBefore, let next, !next.spaceBefore, next.kind != .punctuation { return false }
            case .word:
                if t.text.count > 1, operators.contains(t.text.lowercased()), t.text == t.text.uppercased() { return false }
                // a run of Chinese or Japanese characters (a token each) is one word of the query: "国事访问"
                if CJKText.isIdeographToken(t) {
                    if i > 0, !t.spaceBefore, CJKText.isIdeographToken(tokens[i - 1]) { continue }
                    content += 1
                } else if !StopWords.english.contains(t.folded) {
                    content += 1
                }
            case .number:
                content += 1
            }
        }
        return content >= minWords
    }

    /// The words and numbers of a query's tokens, lowercased, hyphenated words split, punctuation dropped: a query Xapian's
    /// parser reads as plain stemmed terms (it keeps capitalized words unstemmed, and makes words joined by
    /// hyphens, dots or slashes phrases).
    static func bagOfWords(_ tokens: [Token]) -> String {
        var out: [String] = []
        for t in tokens where t.isWord || t.isNumber {
            for part in t.text.split(whereSeparator: { "-\u{2010}\u{2011}".contains($0) }) {
                out.append(part.lowercased())
            }
        }
        return out.joined(separator: " ")
    }

    /// `topic:"high-level exchanges"` → `(topic:high AND topic:level AND topic:exchanges)`: a topic's words are
    /// indexed without positions (they weigh nothing), so a phrase of them, quoted or hyphenated, would match
    /// nothing; every word of the value is required instead, as `--topic` requires them.
    static func rewriteTopicFields(_ text: String) -> String {
        // the field at the start or after a space, a bracket, + or - (Swift's Regex has no look-behind)
        guard let field = try? Regex(#"(?i)(^|[\s(+\-])topic:("[^"]*"|[^\s()"]+)"#) else { return text }
        return text.replacing(field) { match in
            let whole = text[match.range]
            let lead = whole.first.map { $0.isLetter ? "" : String($0) } ?? ""
            let value = String(whole.dropFirst(lead.count + Schema.Field.topic.count + 1)).trimming("\"")
            // "high-level" is one token, and would be a phrase to Xapian: its parts
            let words = Tokenizer.tokenize(value).filter(\.isWord).flatMap { $0.folded.split(whereSeparator: { "-'’".contains($0) }).map(String.init) }
            guard words.count > 1 else { return lead + (words.first.map { Schema.Field.topic + ":" + $0 } ?? "") }
            return lead + "(" + words.map { Schema.Field.topic + ":" + $0 }.joined(separator: " AND ") + ")"
        }
    }

    /// `pand*` → `xstem:pand*`: words are indexed stemmed (`Zpanda`), so a wildcard must expand over stemmed
    /// terms. The prefix searched is the word's stem when that is a prefix of the word ("arrive" → "arriv"),
    /// else what the word and its stem share ("happy" → "happ").
    static func rewriteWildcards(_ text: String, stemmer: String = Schema.language) -> String {
        guard text.contains("*") else { return text }
        var out = ""
        var word = ""
        var inQuotes = false
        var previous: Character = " "
        var wordStart: Character = " "
        for c in text {
            if c == "\"" { inQuotes.toggle() }
            if c.isLetter || c.isNumber {
                if word.isEmpty { wordStart = previous }
                word.append(c)
            } else {
                if c == "*", !word.isEmpty, !inQuotes, wordStart != ":" {
                    out += Schema.Field.stemWildcard + ":" + wildcardStem(word, stemmer: stemmer)
                } else {
                    out += word
                }
                word = ""
                out.append(c)
            }
            previous = c
        }
        return out + word
    }

    static func wildcardStem(_ word: String, stemmer: String = Schema.language) -> String {
        let lower = TextFolding.fold(word)
        guard let stemmed = try? stem(lower, language: stemmer), !stemmed.isEmpty else { return lower }
        if lower.hasPrefix(stemmed) { return stemmed }
        return String(zip(lower, stemmed).prefix(while: { $0 == $1 }).map(\.0))
    }

    /// The words of a query, without operators, field names or punctuation (for lenient parsing and snippets).
    static func plainWords(_ tokens: [Token]) -> [String] {
        var words: [String] = []
        // without field names ("year:2014" → "2014"), unless nothing else is left ("year:" → "year")
        var result: [String] = []
        for (i, t) in tokens.enumerated() where t.isWord || t.isNumber {
            let w = String(t.text)
            if operators.contains(w.lowercased()) && w == w.uppercased() { continue }
            words.append(w)
            if i + 1 < tokens.count, tokens[i + 1].isPunctuation(":"), !tokens[i + 1].spaceBefore { continue }
            result.append(w)
        }
        return result.isEmpty ? words : result
    }
}
