import Xapian

/// A question in plain English, read by rules (no model, no network): its shape, and what it names.
public struct Question: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case who, when, `where`, what, which
        case howMuch = "how_much"
        case howMany = "how_many"
    }

    public var text: String
    /// Nil when it is not a question Dossier can answer from events (the search falls back to passages).
    public var kind: Kind?
    /// People, places and organizations it names (canonical, as the entity tagger and the gazetteer give them).
    public var entities: [Entity] = []
    /// Countries it names by a demonym ("Belgian prime ministers"), as ISO 3166 alpha-3 codes.
    public var countries: [String] = []
    /// CAMEO codes of its verbs and event nouns ("visited" 042, "agreements" 057).
    public var cameos: [String] = []
    /// Titles it asks about ("prime minister"), folded and singular.
    public var roles: [String] = []
    /// The period it asks about: "in 2015", "since 2016", "before 2010", "between 2010 and 2015", "in June 2015".
    public var from: EventDate?
    public var to: EventDate?
    /// It asks for people ("Which Chinese leaders", "Who"): places and bodies are no answer when people are.
    public var wantsPeople = false
    /// It asks for countries ("Which countries …").
    public var wantsCountries = false
    /// "How many" counts people ("How many Belgian prime ministers visited China?"), not events ("How many times …",
    /// "How many visits …").
    public var countsPeople = false
    /// The names among `entities` that no gazetteer knows (taken as persons' names, or the names of things such as
    /// agreements): the sentence must name them, but they need not be a party.
    public var unknown: Set<String> = []
    /// Its content words (no question words, no auxiliaries): the search when it asks for a figure, or falls back.
    public var words: [String] = []
}

/// One answer and the sentences it rests on.
public struct Answer: Sendable, Equatable {
    public struct Evidence: Sendable, Equatable {
        public let id: String
        public let file: String
        public let paragraph: Int
        public let sentence: String
        public let date: EventDate?
    }

    public var answer: String
    /// person, place, organization, date, amount, count or action.
    public var kind: String
    public var count: Int
    public var evidence: [Evidence]
}

public struct AskResult: Sendable, Equatable {
    public var question: Question
    /// Answers ranked by evidence (most first; ties oldest first).
    public var answers: [Answer]
    /// True when no answer was found: `passages` holds the ranked passages instead.
    public var fallback: Bool
    public var passages: SearchResult?
}

/// Reads questions and answers them from the coded events, dates and figures of an index.
public enum Asker {
    static let whWords: [String: Question.Kind] = ["who": .who, "whom": .who, "whose": .who, "when": .when, "where": .where,
                                                   "what": .what, "which": .which]
    /// Words that say nothing of the answer: question words, auxiliaries, articles.
    static let functionWords: Set<String> = [
        "who", "whom", "whose", "when", "where", "what", "which", "how", "much", "many", "did", "does", "do", "was", "were",
        "is", "are", "has", "have", "had", "the", "a", "an", "of", "in", "to", "and", "with", "since", "before", "after",
        "between", "by", "on", "at", "from", "until", "year", "years", "times", "time", "date", "there", "any", "ever", "been",
        "be", "that", "it", "its", "their", "they", "each", "other", "both", "countries", "two",
    ]
    /// Event nouns and the CAMEO code they ask about ("What agreements…", "How many visits…").
    static let eventNouns: [String: String] = [
        "visit": "042", "visits": "042", "trip": "042", "trips": "042", "agreement": "057", "agreements": "057",
        "treaty": "057", "treaties": "057", "memorandum": "057", "deal": "057", "deals": "057", "meeting": "040",
        "meetings": "040", "call": "041", "calls": "041", "talks": "046", "summit": "04",
    ]

    /// Reads a question. `resolve` names an entity from its words (the index's gazetteer, then the built-in one).
    public static func parse(_ text: String, resolve: (String) -> Entity?) -> Question {
        var q = Question(text: text)
        let trimmed = text.trimming(" \t\n")
        let tokens = Tokenizer.tokenize(trimmed)
        let folded = tokens.map(\.lookupForm)
        let words = tokens.indices.filter { tokens[$0].isWord || tokens[$0].isNumber }
        guard !words.isEmpty else { return q }
        // the shape: its first question word ("In which year did …" too)
        for (n, i) in words.prefix(4).enumerated() {
            let w = folded[i]
            if w == "how", n + 1 < words.count {
                let next = folded[words[n + 1]]
                if next == "much" { q.kind = .howMuch } else if next == "many" { q.kind = .howMany }
                if q.kind != nil { break }
            }
            if let kind = whWords[w] {
                q.kind = kind
                // "what year", "which year", "what date" ask when
                if (kind == .what || kind == .which), n + 1 < words.count, ["year", "date", "month", "day"].contains(folded[words[n + 1]]) {
                    q.kind = .when
                }
                break
            }
        }
        (q.entities, q.unknown) = entities(tokens, folded: folded, resolve: resolve)
        // dates: the range it asks about
        let dates = DateTagger.tag(tokens, sentences: SentenceSplitter.split(tokens)).mentions
        for m in dates {
            let lead = m.token > 0 ? folded[m.token - 1] : ""
            let lead2 = m.token > 1 ? folded[m.token - 2] : ""
            switch lead {
            case "since", "from": q.from = m.date
            case "after": q.from = m.date.month == nil ? EventDate(year: m.date.year + 1) : m.date
            case "before": q.to = m.date.month == nil ? EventDate(year: m.date.year - 1) : m.date
            case "until", "till": q.to = m.date
            case "and" where lead2 != "" && q.from != nil && q.to == nil: q.to = m.date
            default:
                if q.from == nil { q.from = m.date; q.to = m.date } else { q.to = m.date }
            }
        }
        if let from = q.from, let to = q.to, from.year == to.year, from.month == nil, to.month != nil { q.from = to }
        // "between 2010 and 2015", "from 2004 to 2008": the date tagger keeps a range's start; its end is here
        for i in tokens.indices.dropLast(3) where ["between", "from"].contains(folded[i]) {
            if let y1 = DateTagger.isYear(tokens, i + 1), ["and", "to", "-", "–"].contains(folded[i + 2]), let y2 = DateTagger.isYear(tokens, i + 3), y2 >= y1 {
                q.from = EventDate(year: y1)
                q.to = EventDate(year: y2)
            }
        }
        // verbs and event nouns (compared with the patterns in their singular form)
        let singulars = folded.map(EventTables.singular)
        let verbs = EventTables.verbs(startingWith: Set(folded))
        for i in words where tokens[i].isWord {
            let w = folded[i]
            if let code = eventNouns[w] {
                // "held a video meeting": the light verb's noun is its event, not one of its own
                let lightBefore = (max(0, i - 4)..<i).contains { EventCoder.lightVerbForms[folded[$0]] != nil }
                if !lightBefore, !q.cameos.contains(code) { q.cameos.append(code) }
                continue
            }
            guard !functionWords.contains(w), let forms = verbs.forms[w] ?? EventCoder.lightVerbForms[w] else { continue }
            var best: (code: String, weight: Int)?
            for f in forms where f.rest.enumerated().allSatisfy({ j, r in i + 1 + j < folded.count && folded[i + 1 + j] == r }) {
                let block = EventTables.PatternBlock(f.block >= 0 ? EventTables.parsePatterns(verbs.patternLines[f.block]) : [])
                var c = EventCoder.bestCode(f, block: block, at: i, end: i + 1 + f.rest.count, words: singulars)
                if let light = EventCoder.lightVerbCode(f, at: i, range: 0..<tokens.count, folded: folded) { c = (light, c.weight + 1) }
                if best == nil || c.weight > best!.weight { best = c }
            }
            if let best, EventTables.cameo[best.code] != nil {
                // a general code (040 consult, 060 cooperate) asks for its whole family; a precise one (042 visit)
                // for itself
                let code = best.code.count == 3 && best.code.hasSuffix("0") ? String(best.code.prefix(2)) : String(best.code.prefix(3))
                if !q.cameos.contains(code) { q.cameos.append(code) }
            }
        }
        // roles and demonyms
        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            guard tokens[i].isWord else { continue }
            if let c = EventTables.countries.demonyms[folded[i]] { q.countries.append(c) }
            for n in [3, 2, 1] where i + n <= tokens.count {
                let phrase = (i..<(i + n)).map { EventTables.singular(folded[$0]) }.joined(separator: " ")
                if EntityTagger.titles.contains(where: { $0.joined(separator: " ") == phrase }) {
                    // a title the question asks about, not one that is part of a name ("Prime Minister Michel")
                    let next = i + n
                    let beforeName = next < tokens.count && tokens[next].isCapitalized && q.entities.contains { $0.kind == .person }
                    // a word for any office ("leaders", "officials") asks for no title in particular
                    if !beforeName, !["leader", "official", "representative", "member"].contains(phrase) { q.roles.append(phrase) }
                    i = next - 1
                    break
                }
            }
        }
        q.wantsCountries = words.contains { ["countries", "country", "nations", "nation", "states"].contains(folded[$0]) }
        q.wantsPeople = !q.roles.isEmpty || words.contains { ["leader", "leaders", "official", "officials", "people", "persons", "person",
                                                              "ministers", "presidents", "kings", "premiers", "diplomats"].contains(folded[$0]) }
        q.countsPeople = q.kind == .howMany && q.wantsPeople
            && !words.contains { ["times", "time"].contains(folded[$0]) || eventNouns[folded[$0]] != nil }
        var content: [String] = []
        for i in words where !functionWords.contains(folded[i]) && folded[i].count > 1 { content.append(String(tokens[i].text)) }
        q.words = content
        if q.kind == nil, trimmed.hasSuffix("?") { q.kind = .what }
        return q
    }

    /// The entities a question names: the longest runs of capitalized words (with "of", "the", hyphens) that the
    /// gazetteers know, titles left out ("Prime Minister Michel" is Michel); a run they do not know is a person's name
    /// ("Zhang Guoqing").
    static func entities(_ tokens: [Token], folded: [String], resolve: (String) -> Entity?) -> (all: [Entity], unknown: Set<String>) {
        var found: [Entity] = []
        var unknown: Set<String> = []
        var i = 0
        while i < tokens.count {
            guard tokens[i].isCapitalized, !functionWords.contains(folded[i]), !EntityTagger.titleWords.contains(folded[i]),
                  EventTables.countries.demonyms[folded[i]] == nil else {
                i += 1
                continue
            }
            var end = i + 1  // the run: capitalized words, and "of", "the", "-" between them
            while end < tokens.count, tokens[end].isCapitalized || (["of", "the", "-", "–", "'s"].contains(folded[end]) && end + 1 < tokens.count && tokens[end + 1].isCapitalized) {
                if folded[end] == "'s" { break }
                end += 1
            }
            var matched = false
            for n in stride(from: end - i, through: 1, by: -1) {
                let name = EventCoder.textOf(tokens[i..<(i + n)])
                if let e = resolve(name) {
                    if !found.contains(e) { found.append(e) }
                    i += n
                    matched = true
                    break
                }
            }
            if !matched {
                let name = EventCoder.textOf(tokens[i..<end])
                if !found.contains(where: { $0.key == TextFolding.key(name) }) { found.append(Entity(name: name, kind: .person)) }
                unknown.insert(TextFolding.key(name))
                i = end
            }
        }
        return (found, unknown)
    }

    /// A name of the question, with what comparing it to an event's actors takes, worked out once.
    struct Name {
        let entity: Entity
        let key: String
        /// The country it names (ISO 3166 alpha-3), if it is one.
        let country: String?

        init(_ entity: Entity) {
            self.entity = entity
            key = entity.key
            country = entity.kind == .place ? EventTables.countryCode(named: entity.name) : nil
        }

        /// Whether `actor` (whose name's key is `actorKey`) is this entity: the same canonical name, an actor of the
        /// country it names, or a person's surname ("Michel" for Charles Michel).
        func names(_ actor: CodedEvent.Actor, actorKey a: String) -> Bool {
            if a == key { return true }
            // a country stands for its bodies: "China" is the Ministry of Education of China too (not for its people:
            // "Who visited China?" is not answered by Li Keqiang's visits to Belgium)
            if let country, actor.kind == .organization, actor.country == country { return true }
            guard actor.kind == .person || entity.kind == .person else { return false }
            // a surname, or a Chinese family name written first: "Michel" is Charles Michel, "Xi" Xi Jinping
            return a.hasSuffix(" " + key) || key.hasSuffix(" " + a) || (!key.contains(" ") && a.hasPrefix(key + " "))
        }
    }
}

extension Asker {
    /// Whether a search's words are a question: a question word first ("who", "when", "how much") or a closing "?".
    public static func looksLikeQuestion(_ text: String) -> Bool {
        let trimmed = text.trimming(" \t\n")
        if trimmed.hasSuffix("?") { return true }
        guard let first = trimmed.split(separator: " ").first.map({ TextFolding.fold(String($0)) }) else { return false }
        return whWords[first] != nil || first == "how"
    }
}

extension Searcher {
    /// The answer card of a search that is a question (`Asker.looksLikeQuestion`): nil for other searches and for
    /// questions the texts do not answer.
    public func answer(for request: SearchRequest) throws -> AskResult? {
        guard Asker.looksLikeQuestion(request.query), request.query.count <= 1000 else { return nil }
        var filters = request
        filters.query = ""
        let result = try ask(request.query, filters: filters, limit: 5)
        return result.answers.isEmpty ? nil : result
    }

    /// Answers a question from the index's events and figures; without an answer, the ranked passages.
    public func ask(_ text: String, filters: SearchRequest = SearchRequest(), limit: Int = 10) throws -> AskResult {
        let gazetteer = self.gazetteer
        var question = Asker.parse(text) { gazetteer.resolve($0) ?? Gazetteer.resolveBuiltin($0) }
        if filters.from != nil || filters.to != nil {
            question.from = filters.from ?? question.from
            question.to = filters.to ?? question.to
        }
        var answers: [Answer] = []
        if let kind = question.kind {
            answers = kind == .howMuch ? try figures(question, filters: filters) : try fromEvents(question, kind: kind, filters: filters)
        }
        // ranked by evidence: the sentences that give them, then how many of the question's words they share ("the
        // separation agreement"), then oldest first
        let wanted = Set(question.words.map { (try? stem(TextFolding.fold($0), language: Schema.language)) ?? $0 })
        func overlap(_ a: Answer) -> Int {
            a.evidence.map { e in
                Set(Tokenizer.tokenize(e.sentence).filter(\.isWord).map { (try? stem($0.folded, language: Schema.language)) ?? $0.folded })
                    .intersection(wanted).count
            }.max() ?? 0
        }
        // the overlaps of answers that tie on their count (the only ones compared by it)
        let tied = Dictionary(grouping: answers, by: \.count).values.filter { $0.count > 1 }.flatMap { $0 }
        let overlaps = Dictionary(tied.map { ($0.answer, overlap($0)) }, uniquingKeysWith: max)
        answers.sort {
            if $0.count != $1.count { return $0.count > $1.count }
            if overlaps[$0.answer, default: 0] != overlaps[$1.answer, default: 0] {
                return overlaps[$0.answer, default: 0] > overlaps[$1.answer, default: 0]
            }
            return ($0.evidence.first?.date?.sortKey ?? Int.max) < ($1.evidence.first?.date?.sortKey ?? Int.max)
        }
        answers = Array(answers.prefix(limit))
        if !answers.isEmpty { return AskResult(question: question, answers: answers, fallback: false, passages: nil) }
        // the passages that have the question's own words (its names, verbs and nouns), all of them if any passage
        // has them all: the texts an analyst would read for the answer. Not ranked as a bag of words with feedback,
        // which over a large index reads most of it for words as common as "visit" and "Belgium" (640 against 17 ms
        // at 1,000,000 passages)
        var r = filters
        r.query = question.words.joined(separator: " ")
        r.keywords = true
        if r.query.isEmpty { r.query = text.trimming(" \t\n?") }
        r.limit = limit
        r.facetLimit = 0
        r.exactTotal = false
        let passages = try search(r)
        return AskResult(question: question, answers: [], fallback: true, passages: passages)
    }

    /// Who, when, where, what, which and how many: from the events that match the question's verbs, names and dates.
    func fromEvents(_ q: Question, kind: Question.Kind, filters: SearchRequest) throws -> [Answer] {
        var request = EventRequest()
        request.search = filters
        request.search.from = q.from
        request.search.to = q.to
        request.search.cameos = q.cameos
        // the passages name every entity of the question the gazetteers know (events are checked one by one below);
        // 2,000 of them are read, in the order of the index (the best-ranked when names are searched as words)
        request.search.allEntities = q.entities.filter { !q.unknown.contains($0.key) }.map(\.name)
        // and the names they do not know as words ("Li Keqiang" as a phrase): an event below must have them in its
        // sentence or among its parties, so the passages read are those that write them out
        request.search.query = q.entities.filter { q.unknown.contains($0.key) }.map { "\"\($0.name)\"" }.joined(separator: " ")
        request.search.keywords = true
        request.limit = Int.max
        request.statuses = [.done]
        let (records, events) = try matchingEvents(request, maxPassages: 2_000)
        var answers: [String: Answer] = [:]
        var order: [String] = []
        let known = q.entities.filter { !q.unknown.contains($0.key) }
        struct EvidenceKey: Hashable {
            let answer: String, id: String, date: EventDate?
        }
        var seen: Set<EvidenceKey> = []  // an answer's evidence: each event once
        let names = q.entities.map(Asker.Name.init)
        let describesActors = !q.roles.isEmpty || !q.countries.isEmpty || q.wantsPeople
        var text: (record: Int, utf8: [UInt8]) = (-1, [])  // the bytes of the passage whose sentences are being read
        for i in Self.eventOrder(records, events) {
            let (r, n) = events[i]
            let e = records[r].codedEvents[n]
            var eventSentence: String?  // read when it is needed
            func sentence() -> String {
                if let eventSentence { return eventSentence }
                if text.record != r { text = (r, Array(records[r].text.utf8)) }
                eventSentence = records[r].sentenceAndSpan(of: e, utf8: text.utf8).sentence
                return eventSentence!
            }
            let parties = e.source + e.target
            let partyKeys = parties.map { TextFolding.key($0.name) }
            // whether each party is one of the question's names
            let named = parties.indices.map { j in names.contains { $0.names(parties[j], actorKey: partyKeys[j]) } }
            // the entities the question names: one at least is a party (or the place), and every one is in the sentence
            let place = e.place.map(TextFolding.key)
            func isParty(_ name: Asker.Name) -> Bool {
                parties.indices.contains { name.names(parties[$0], actorKey: partyKeys[$0]) } || place == name.key
            }
            var folded: String?  // the sentence, folded when a name is not a party
            func inSentence(_ name: Asker.Name) -> Bool {
                if folded == nil { folded = TextFolding.key(sentence()) }
                return TextFolding.contains(folded!, name.key)
            }
            guard (known.isEmpty ? true : names.contains(where: isParty)),
                  names.allSatisfy({ isParty($0) || inSentence($0) }) else { continue }
            // the side the question asks about: the one without its names (a visitor of Belgium: the source)
            let sources = 0..<e.source.count, targets = e.source.count..<parties.count
            let namedInSource = sources.contains { named[$0] }, namedInTarget = targets.contains { named[$0] }
            // named among several who acted together ("Singapore and Malaysia sign"): the others, and the target
            let asked = namedInSource && !namedInTarget ? sources.filter { !named[$0] } + Array(targets) : Array(sources)
            // the actors of the asked side that the question describes ("Belgian prime ministers", "Chinese leaders"):
            // who and which answer with them, and the other shapes take only the events that have one
            let described = asked.filter { !named[$0] }.map { parties[$0] }.filter { a in
                if q.wantsPeople, a.kind != .person { return false }
                if q.wantsCountries, a.kind != .place || a.country == nil || EventTables.countryCode(named: a.name) != a.country { return false }
                if !q.countries.isEmpty, q.roles.isEmpty, a.country == nil { return false }
                if !q.roles.isEmpty, !q.roles.contains(where: { role in TextFolding.contains(TextFolding.fold(a.title ?? ""), role) }) { return false }
                if !q.countries.isEmpty, let c = a.country, !q.countries.contains(c) { return false }
                return true
            }
            // (not when the question names everyone on that side: "Belgian King Philippe" is described and named)
            if describesActors, kind != .who, kind != .which, described.isEmpty, asked.contains(where: { !named[$0] }) { continue }
            var values: [(String, String)] = []
            switch kind {
            case .who, .which:
                for a in described {
                    if kind == .who, a.kind == .place, asked.contains(where: { parties[$0].kind == .person }) { continue }
                    values.append((a.name, a.kind.rawValue))
                }
            case .when:
                if let d = e.date { values.append((d.description, "date")) }
            case .where:
                if let place = e.place { values.append((place, "place")) }
                else { for j in targets where parties[j].kind == .place && !named[j] { values.append((parties[j].name, "place")) } }
            case .what:
                values.append((e.object.isEmpty ? e.action : e.object, e.object.isEmpty ? "action" : "object"))
            case .howMany:
                if q.countsPeople {
                    for a in described { values.append((a.name, a.kind.rawValue)) }
                } else {
                    values.append(("event", "count"))
                }
            case .howMuch:
                break
            }
            guard !values.isEmpty else { continue }
            let evidence = Answer.Evidence(id: "\(records[r].id)/\(n + 1)", file: records[r].file, paragraph: records[r].paragraph,
                                           sentence: sentence(), date: e.date)
            for (value, valueKind) in values {
                let key = TextFolding.key(value)
                if answers[key] == nil {
                    answers[key] = Answer(answer: value, kind: valueKind, count: 0, evidence: [])
                    order.append(key)
                }
                if seen.insert(EvidenceKey(answer: key, id: evidence.id, date: evidence.date)).inserted {
                    answers[key]!.count += 1
                    answers[key]!.evidence.append(evidence)
                }
            }
        }
        // "who": people first; a country is the answer only when no one is named
        if kind == .who, order.contains(where: { answers[$0]?.kind == "person" }) {
            order.removeAll { answers[$0]?.kind == "place" }
        }
        if kind == .howMany, q.countsPeople {
            // distinct people: their number, on the sentences that name them (`count`, as for every answer)
            let people = order.compactMap { answers[$0] }
            guard !people.isEmpty else { return [] }
            var ids: Set<String> = []
            let evidence = people.flatMap(\.evidence).filter { ids.insert($0.id).inserted }
            return [Answer(answer: String(people.count), kind: "count", count: evidence.count, evidence: evidence)]
        }
        if kind == .howMany {
            guard let all = answers["event"], all.count > 0 else { return [] }
            // distinct events: one per date and sentence
            return [Answer(answer: String(all.count), kind: "count", count: all.count, evidence: all.evidence)]
        }
        return order.compactMap { answers[$0] }
    }

    /// How much: the amounts of the sentences that share the most words with the question, in its period.
    func figures(_ q: Question, filters: SearchRequest) throws -> [Answer] {
        var r = filters
        r.query = q.words.filter { Int($0) == nil }.joined(separator: " ")
        r.from = q.from
        r.to = q.to
        r.limit = 20
        r.facetLimit = 0
        r.snippets = false
        r.exactTotal = false
        let result = try search(r)
        let wanted = Set(q.words.filter { Int($0) == nil }.map { (try? stem(TextFolding.fold($0), language: Schema.language)) ?? $0 })
        let named = Set(q.entities.flatMap { $0.name.split(separator: " ").map { (try? stem(TextFolding.fold($0), language: Schema.language)) ?? TextFolding.fold($0) } })
        var best: [(score: Int, answer: Answer)] = []
        for hit in result.hits {
            let record = hit.record
            let tokens = Tokenizer.tokenize(record.text)
            let folded = tokens.map(\.lookupForm)
            let sentences = SentenceSplitter.split(tokens)
            let dates = DateTagger.tag(tokens, sentences: sentences)
            for (si, s) in sentences.enumerated() {
                let amounts = EventCoder.findAmounts(s.tokens, tokens: tokens, folded: folded, period: nil).filter { $0.currency != nil }
                guard !amounts.isEmpty else { continue }
                func stems(_ r: Range<Int>) -> Set<String> {
                    Set(r.filter { tokens[$0].isWord }.map { (try? stem(folded[$0], language: Schema.language)) ?? folded[$0] })
                }
                let score = wanted.intersection(stems(s.tokens)).count
                guard score > 0 else { continue }
                // the amount the question's words lead to: "China's exports amounted to US$24.85 billion …; imports
                // amounted to US$4.86 billion" answers "imports" with the second
                var bestAmount = amounts[0], bestWords = -1, segmentStart = s.tokens.lowerBound
                for amount in amounts {
                    guard let at = (segmentStart..<s.tokens.upperBound).first(where: { EventCoder.textOf(tokens[$0..<min(s.tokens.upperBound, $0 + 8)]).hasPrefix(amount.text) }) else { continue }
                    // the question's names weigh less than its other words: "China" is everywhere, "imports" is not
                    let n = wanted.intersection(stems(segmentStart..<at)).reduce(0) { $0 + (named.contains($1) ? 1 : 2) }
                    if n > bestWords { bestAmount = amount; bestWords = n }
                    segmentStart = at + 1
                }
                let date = dates.events.first { $0.sentence == si }?.date
                if let from = q.from, let d = date, d.span.hi < from.span.lo { continue }
                if let to = q.to, let d = date, d.span.lo > to.span.hi { continue }
                let sentence = String(decoding: Array(record.text.utf8)[s.start..<s.end], as: UTF8.self).trimming(" \t")
                let evidence = Answer.Evidence(id: record.id, file: record.file, paragraph: record.paragraph, sentence: sentence, date: date)
                best.append((score, Answer(answer: bestAmount.text, kind: "amount", count: 1, evidence: [evidence])))
            }
        }
        // the best-matching sentences only: a figure about something else in the same passage is not the answer
        guard let top = best.map(\.score).max() else { return [] }
        return best.filter { $0.score == top }.map(\.answer)
    }
}
