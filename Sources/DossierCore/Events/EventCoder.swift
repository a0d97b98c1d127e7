/// Codes the events a passage's sentences report, in the manner of the dictionary coders of the field (TABARI,
/// PETRARCH) but over Dossier's own tokens, entities and dates instead of a parse tree:
///
/// 1. **Verbs.** A word (or words: "meet with") of the CAMEO verb dictionary, not inside a name and not a noun after
///    an article ("the visit"), is an event candidate. Its block's patterns are tried (words before the verb, words
///    after it, in order, compared in their singular form); the most specific one that matches gives the CAMEO code,
///    else the verb's own code. `---` and CAMEO's statements and appeals (01, 02; PLOVER drops them) are no event,
///    except symbolic acts (017: attending a ceremony).
/// 2. **Actors.** The entities of the sentence (persons with the title and country written before them, places,
///    organizations) and demonyms ("Belgian") are actors; joined by "and" or commas they are one compound actor.
///    Source: the actor nearest before the verb in its clause (a verb with none takes the previous verb's: "visited
///    Belgium and met King Philippe"); target: the first actor after it. "was visited by X" turns them round. A city
///    after "in" or "at" is where it happened, not a party.
/// 3. **Status.** Negation before the verb (not, never, no) → negated; will, would, plans to, expected to,
///    scheduled to → planned; could, might, may, if, unlikely → hypothetical.
/// 4. **Date.** The dates written after the verb in its clause ("visited China in 2000, November 2004 and June 2007":
///    one event each), else the first after it in the sentence, else the last before it (the date tagger's, implicit
///    years included), else the last date before the sentence in the passage ("exchanged messages on this"); nil
///    without any.
struct EventCoder: Sendable {
    /// Version of the rules and tables: part of `Tagger.dataHash`.
    static let dataVersion = "events-7/" + EventData.version  // 4: "by" and an -ing form is a verb; 5: "called" names; 6, 7: a bare 040 needs two parties

    /// An actor found in a sentence and the tokens it spans (title and country included).
    struct Found {
        var actor: CodedEvent.Actor
        var tokens: Range<Int>
        /// A city or region after "in", "at": where something happened.
        var isLocative: Bool
    }

    static let negations: Set<String> = ["not", "never", "no", "n't", "neither", "nor", "without", "refused", "failed", "declined"]
    static let futures: Set<String> = ["will", "shall", "would", "'ll", "plan", "plans", "planned", "planning", "expected",
                                       "scheduled", "intends", "intend", "intended", "set", "due", "going", "upcoming"]
    static let hypotheticals: Set<String> = ["could", "might", "may", "if", "unlikely", "likely", "possible", "possibly", "perhaps", "whether"]
    static let articles: Set<String> = ["the", "a", "an", "this", "that", "his", "her", "its", "their", "our", "whose", "of"]
    static let joiners: Set<String> = ["and", ",", "as well as", "&"]
    static let clauseBreaks: Set<String> = [";", ":", "which", "who", "while", "whereas", "but", "although", "after", "before", "when", "during", "since", "because"]
    static let locatives: Set<String> = ["in", "at", "near", "inside"]
    static let beVerbs: Set<String> = ["was", "were", "is", "are", "been", "being", "be"]

    /// The events of a tagged passage. `folded` is each token folded (punctuation as written); `dates` every date
    /// the date tagger found, in order.
    static func code(tokens: [Token], folded: [String], sentences: [Sentence], dates: [DateMention],
                     mentions: [EntityTagger.Mention], text: String) -> [CodedEvent] {
        var events: [CodedEvent] = []
        var m = 0, d = 0
        var lastDate: EventDate?
        var lastSubject: [Found] = []
        for sentence in sentences {
            while m < mentions.count, mentions[m].tokens.lowerBound < sentence.tokens.lowerBound { m += 1 }
            var k = m
            while k < mentions.count, mentions[k].tokens.upperBound <= sentence.tokens.upperBound { k += 1 }
            while d < dates.count, dates[d].token < sentence.tokens.lowerBound { d += 1 }
            var e = d
            while e < dates.count, dates[e].token < sentence.tokens.upperBound { e += 1 }
            let sentenceDates = Array(dates[d..<e])
            if sentence.tokens.count(where: { tokens[$0].isWord }) >= 4 {
                let coded = codeSentence(sentence, tokens: tokens, folded: folded, mentions: Array(mentions[m..<k]),
                                         dates: sentenceDates, context: lastDate,
                                         lastSubject: lastSubject, text: text)
                events += coded.events
                if !coded.subject.isEmpty { lastSubject = coded.subject }
            }
            if let last = sentenceDates.last { lastDate = last.date }
        }
        return events
    }

    /// A verb found in a sentence and its code.
    struct Verb {
        let at: Int
        let end: Int
        let code: String
        let lemma: String
        /// The lemma's first word ("meet" of "meet with"), as `EventTables.VerbForm.base`.
        let base: String
        /// Whether the code comes from one of the verb's patterns ("held … meetings") or a light verb's noun,
        /// rather than from the verb or its block alone ("held", "went").
        var patterned = false
    }

    /// Words for an occasion that are no verbs: after an organization's name ("the G20 summit") they make it where,
    /// not who ("the European Union talks with China" is the Union talking).
    static let occasionNouns: Set<String> = ["summit", "summits", "forum", "conference", "games", "olympics", "expo",
                                             "festival", "ceremony", "exhibition", "session", "fair", "biennale",
                                             "parade", "cup", "championship", "championships"]
    /// Words after which a verb's base form is a verb ("to visit", "will sign"), not a noun ("a visit").
    static let verbLeads: Set<String> = ["to", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "did",
                                         "do", "does", "not", "n't", "they", "we", "i", "you", "also", "jointly", "formally",
                                         "officially", "then", "later", "subsequently", "both", "never", "often", "and"]
    /// Words after which an -ing form is a verb ("when meeting", "while visiting", "is signing", "responded by
    /// recalling its ambassador": the means of the subject's act).
    static let ingLeads: Set<String> = ["when", "while", "after", "before", "on", "without", "also", "further", "since",
                                        "is", "are", "was", "were", "been", "be", "jointly", "and", "upon", "by"]
    /// Words after which an -s form is a verb ("he visits"), besides an actor's name.
    static let sLeads: Set<String> = ["he", "she", "it", "also", "often", "regularly", "then", "now", "still", "which", "who", "that"]
    /// Organizations that are occasions, not parties: "China-EU Summit", "Asia-Europe Meeting", "Olympic Games".
    static let occasions: Set<String> = ["summit", "meeting", "forum", "games", "olympics", "expo", "week", "festival", "conference",
                                         "dialogue", "biennale", "fair", "ceremony", "parade", "parades", "exhibition", "session",
                                         "talks", "round", "cup", "championship", "championships", "year", "visit"]

    /// Whether only "and", commas, dates and their prepositions lie in `range` ("in June 2015, "), with a comma or "and".
    static func isCoordination(_ range: Range<Int>, _ tokens: [Token], _ folded: [String]) -> Bool {
        range.contains { folded[$0] == "and" || folded[$0] == "," }
            && range.allSatisfy { ["and", ",", "in", "on", "of", "etc", "."].contains(folded[$0]) || tokens[$0].isNumber || DateTagger.months[folded[$0]] != nil }
    }

    static func codeSentence(_ s: Sentence, tokens: [Token], folded: [String], mentions: [EntityTagger.Mention],
                             dates: [DateMention], context: EventDate?, lastSubject: [Found] = [], text: String)
        -> (events: [CodedEvent], subject: [Found]) {
        let range = s.tokens
        let forms = EventTables.verbs.forms
        // most sentences have no verb of the dictionary in lower case: nothing more to look at
        guard range.contains(where: { tokens[$0].isWord && !tokens[$0].isCapitalized && (forms[folded[$0]] != nil || lightVerbForms[folded[$0]] != nil) }) else {
            return ([], [])
        }
        let actors = findActors(range, tokens: tokens, folded: folded, mentions: mentions)
        // an event needs a party: no name, no demonym and no pronoun for the last subject, no event
        if actors.isEmpty, lastSubject.isEmpty || !range.contains(where: { ["he", "she", "they"].contains(folded[$0]) }) {
            return ([], [])
        }
        // each word in its singular form, for the verb patterns (made when a verb first needs them)
        var singularForms: [String]?
        var covered = [Bool](repeating: false, count: range.count)  // tokens inside a name
        for r in mentions.map(\.tokens) + actors.map(\.tokens) {
            for k in r where range.contains(k) { covered[k - range.lowerBound] = true }
        }
        // where a subject ends: an actor not in a prepositional phrase ("… to Singapore back in 1986" is no subject)
        // (a quantity's "of" heads a subject: "Thousands of Iranians protested")
        let actorEnds = Set(actors.filter { a in
            let k = a.tokens.lowerBound
            return k == range.lowerBound || !objectStops.contains(folded[k - 1]) || folded[k - 1] == "and"
                || folded[k - 1] == "of" && k - 2 >= range.lowerBound && (quantities.contains(folded[k - 2]) || tokens[k - 2].isNumber)
        }.map(\.tokens.upperBound))
        // 1. verbs: a word of the dictionary in lower case (capitals are names and months: "March", "Visit Belgium"),
        //    in a verb's place
        var verbs: [Verb] = []
        var i = range.lowerBound
        while i < range.upperBound {
            defer { i += 1 }
            guard tokens[i].isWord, !covered[i - range.lowerBound] else { continue }
            guard let candidates = forms[folded[i]] ?? lightVerbForms[folded[i]] else { continue }
            guard !tokens[i].isCapitalized || i == range.lowerBound else { continue }
            let previous = i > range.lowerBound ? folded[i - 1] : ""
            let beforePrevious = i - 1 > range.lowerBound ? folded[i - 2] : ""
            let afterActor = actorEnds.contains(i) || (i - 1 > range.lowerBound && actorEnds.contains(i - 1) && previous == ",")
            // a noun after an article ("the visit", "a state visit"), unless a name comes just before
            if !afterActor, articles.contains(previous) || articles.contains(beforePrevious) && !verbLeads.contains(previous) { continue }
            let word = folded[i], base = candidates[0].base
            if word == base {
                guard verbLeads.contains(previous) || afterActor || i == range.lowerBound else { continue }
            } else if word.hasSuffix("ing") && !base.hasSuffix("ing") {
                guard ingLeads.contains(previous) || afterActor || previous == "," else { continue }
            } else if word == base + "s" || word == base + "es" || (base.hasSuffix("y") && word == base.dropLast() + "ies") {
                guard sLeads.contains(previous) || afterActor else { continue }
            }
            // an infinitive is an event only when it is intended ("plans to visit"), not after a noun ("an attempt
            // to overthrow", "efforts to improve")
            // ("the first head of state to visit Chad" is a visit made)
            if previous == "to", !futures.contains(beforePrevious) && !["agreed", "decided", "pledged", "promised", "vowed", "agree", "decide"].contains(beforePrevious),
               !isFirstToDo(at: i - 1, range, tokens, folded) {
                continue
            }
            // the word may be a form of verbs of several blocks ("broke": break, break off): the most specific
            // pattern that matches decides, then the longest form
            var chosen: (form: EventTables.VerbForm, code: String, weight: Int)?
            let singulars = singularForms ?? range.map { EventTables.singular(folded[$0]) }
            singularForms = singulars
            for f in candidates where f.rest.enumerated().allSatisfy({ j, w in i + 1 + j < range.upperBound && folded[i + 1 + j] == w }) {
                let (code, weight) = f.block >= 0
                    ? bestCode(f, block: EventTables.allPatterns[f.block], at: i - range.lowerBound, end: i + 1 + f.rest.count - range.lowerBound, words: singulars)
                    : (f.code, 0)
                if chosen == nil || weight > chosen!.weight { chosen = (f, code, weight) }
            }
            guard let (form, code0, weight) = chosen else { continue }
            var code = code0
            var patterned = weight > 0
            if let c = lightVerbCode(form, at: i, range: range, folded: folded) {
                code = c
                patterned = true
            }
            if form.lemma == "call", code == "041", !isPhoneCall(at: i + 1 + form.rest.count, range: range, tokens: tokens, folded: folded, actors: actors) {
                code = "---"
            }
            let end = i + 1 + form.rest.count
            verbs.append(Verb(at: i, end: end, code: code, lemma: form.lemma, base: form.base, patterned: patterned))
            i = end - 1
        }
        let visits = nominalVisits(s, actors: actors, tokens: tokens, folded: folded, dates: dates, context: context)
        guard !verbs.isEmpty else { return (visits, []) }
        var events: [CodedEvent] = []
        var previousSource: [Found] = []
        var previousTarget: [Found] = []
        var lastSource = lastSubject
        for (vi, verb) in verbs.enumerated() {
            let previousEnd = vi > 0 ? verbs[vi - 1].end : range.lowerBound
            let nextStart = vi + 1 < verbs.count ? verbs[vi + 1].at : range.upperBound
            // 2. actors: source before the verb in its clause, target after it
            var clauseStart = previousEnd
            for j in stride(from: verb.at - 1, through: previousEnd, by: -1) where clauseBreaks.contains(folded[j]) && j > range.lowerBound + 2 {
                clauseStart = j + 1
                break
            }
            var source = nearestGroup(actors.filter { $0.tokens.lowerBound >= clauseStart && $0.tokens.upperBound <= verb.at && !$0.isLocative },
                                      before: verb.at, folded: folded)
            // a verb of no event ("said", "include") is looked at no further: its subject may be the next verb's
            // a verb of saying before the verb of an event it reports ("said that it would impose sanctions"): the
            // event is the second verb's, not the first's patterns' ("said … sanctions"); "announced sanctions on
            // Russia, and Russian troops attacked" keeps both
            let reportsNext = reportingVerbs.contains(folded[verb.at]) && vi + 1 < verbs.count
                && EventTables.cameo[verbs[vi + 1].code] != nil
                && (verb.end..<verbs[vi + 1].at).contains { ["that", "would", "will", "shall"].contains(folded[$0]) }
            let codable = (EventTables.cameo[verb.code] != nil || verb.code == "017") && !reportsNext
            if !codable {
                if source.isEmpty { source = previousSource }
                previousSource = source
                previousTarget = []
                if !source.isEmpty { lastSource = source }
                continue
            }
            var clauseEnd = nextStart
            if let stop = (verb.end..<nextStart).first(where: { clauseBreaks.contains(folded[$0]) && $0 > verb.end }) { clauseEnd = stop }
            let after = actors.filter { $0.tokens.lowerBound >= verb.end && $0.tokens.upperBound <= clauseEnd }
            var place: String?
            var targetCandidates = after.filter { !$0.isLocative }
            // where: a city or region after "in" or "at", in the clause or the phrases after it ("met … during the
            // summit in Brussels")
            if let loc = actors.first(where: { $0.isLocative && $0.tokens.lowerBound >= verb.end && $0.tokens.upperBound <= nextStart }) {
                place = loc.actor.name
            }
            if targetCandidates.isEmpty, verb.code == "042", let loc = after.first(where: { $0.isLocative }) {
                targetCandidates = [loc]  // "visited Beijing": the host is the city's country
                place = loc.actor.name
            }
            var target = firstGroup(targetCandidates, folded: folded)
            // passive: "was visited by X"; without "by", the subject is what the event was done to and the doer is
            // not said ("the centre was unveiled", "relations were established"): no source
            let passive = verb.at > range.lowerBound && folded[verb.at].hasSuffix("ed")
                && (beVerbs.contains(folded[verb.at - 1]) || (verb.at - 2 >= range.lowerBound && beVerbs.contains(folded[verb.at - 2])))
            if passive {
                if let by = (verb.end..<min(clauseEnd, verb.end + 3)).first(where: { folded[$0] == "by" }),
                   let agent = after.first(where: { $0.tokens.lowerBound == by + 1 }) {
                    target = source
                    source = firstGroup(after.filter { $0.tokens.lowerBound >= agent.tokens.lowerBound }, folded: folded)
                } else {
                    target = source
                    source = []
                }
            }
            // "met with Member of the Political Bureau … and Director of the Office … Wang Yi": the bodies named in a
            // title are not the party, the person is
            if let first = target.first, first.actor.kind == .organization,
               let person = targetCandidates.first(where: { $0.actor.kind == .person && $0.tokens.lowerBound >= first.tokens.upperBound }),
               (first.tokens.upperBound..<person.tokens.lowerBound).allSatisfy({ tokens[$0].isCapitalized || ["of", "the", "and", "for"].contains(folded[$0]) }) {
                target = [person]
            }
            // a verb joined to the one before ("declared war on Bolivia and occupied …", "visited Belgium in June
            // 2015, attended …") has its subject, not its object
            if (source.isEmpty && !passive) || (vi > 0 && !previousTarget.isEmpty && source.map(\.actor.name) == previousTarget.map(\.actor.name)
                                  && source.last!.tokens.upperBound <= verb.at && isCoordination(source.last!.tokens.upperBound..<verb.at, tokens, folded)) {
                source = previousSource
            }
            // "he", "she", "they" opening a clause: the last subject of the passage
            if source.isEmpty, !passive, (clauseStart..<verb.at).contains(where: { ["he", "she", "they"].contains(folded[$0]) }) {
                source = lastSource
            }
            // "Zhang Guoqing, special representative of President Xi Jinping, …, met with": the name before the
            // apposition is the subject
            let inClause = actors.filter { $0.tokens.lowerBound >= clauseStart && $0.tokens.upperBound <= verb.at && !$0.isLocative }
            if let first = inClause.first, first.actor.kind == .person, source.first.map({ $0.tokens != first.tokens }) ?? false,
               first.tokens.upperBound < verb.at, folded[first.tokens.upperBound] == ",", verb.at - 1 > first.tokens.upperBound, folded[verb.at - 1] == "," {
                source = [first]
            }
            previousSource = source
            previousTarget = target
            if !source.isEmpty { lastSource = source }
            // PLOVER's events, and CAMEO's symbolic acts (017: attending a ceremony, laying a wreath), which PLOVER
            // drops but analysts of diplomacy keep; CAMEO's statements and appeals (01, 02) are not coded
            guard EventTables.cameo[verb.code] != nil || verb.code == "017", !source.isEmpty else { continue }
            target.removeAll { t in source.contains { $0.actor.name == t.actor.name } }
            // 3. status, from the words between the clause's start (or the source) and the verb
            let from = max(clauseStart, source.map(\.tokens.upperBound).max() ?? clauseStart, verb.at - 5)
            let window = (min(from, verb.at)..<verb.at).map { folded[$0] }
            var status = CodedEvent.Status.done
            if window.contains(where: negations.contains) { status = .negated }
            else if window.contains(where: futures.contains) { status = .planned }
            else if window.contains(where: hypotheticals.contains) { status = .hypothetical }
            // the action's kind from the verb's own words ("paid a working visit"), not the sentence's
            let object = objectPhrase(after: verb.end, limit: clauseEnd, tokens: tokens, folded: folded)
            let clauseWords = (max(range.lowerBound, verb.at - 2)..<min(clauseEnd, verb.end + 8)).map { folded[$0] }
            // CAMEO codes "make a visit" as an intent to meet (036), as news report plans; a visit made is a visit
            var cameo = verb.code
            if cameo == "036", status == .done, folded[verb.at] != verb.lemma, folded[verb.at].hasSuffix("ed") || ["made", "paid", "took"].contains(folded[verb.at]),
               object.split(separator: " ").contains(where: { ["visit", "visits", "trip", "trips", "tour", "tours"].contains(TextFolding.fold($0)) }) {
                cameo = "042"
            }
            // an actor's announcement of its own future act ("X said it would …") is, in CAMEO, an intent to
            // cooperate or yield (03) or a threat (13), made when announced; a future only reported stays planned
            if status == .planned, let said = (max(range.lowerBound, verb.at - 20)..<verb.at).last(where: { announcements.contains(folded[$0]) }),
               announcesOwnAct(said: said, source: source, actors: actors), let intent = Self.intent(of: cameo) {
                cameo = intent
                status = .done
            }
            // CAMEO's bare consultation (040) from a verb that is no meeting by itself ("went", "left", "arrived",
            // "joined", "considered": GO_SOMEWHERE, ARRIVE, CONSIDER, … with none of their patterns) takes two
            // parties: one actor going nowhere named ("The delegation departed", "…, leaving 54 soldiers dead") is no
            // event. A meeting whose other party the entity rules missed ("Rice met with Gaddafi") stays, and so does
            // one a pattern names ("The Mixed Committee has held 20 meetings").
            if cameo == "040", target.isEmpty, !verb.patterned, Set(source.map(\.actor.name)).count < 2,
               !Self.consultationVerbs.contains(verb.base) { continue }
            let action = EventActions.action(cameo: cameo, lemma: verb.lemma, words: clauseWords,
                                             phrase: (verb.at..<min(clauseEnd, verb.end + 8)).map { folded[$0] })
            let clauseTokens = verb.at..<clauseEnd
            let amounts = findAmounts(clauseTokens, tokens: tokens, folded: folded, period: nil)
            // 4. dates: those after the verb in its clause ("in 2000, November 2004 and June 2007": one event each),
            //    else the first after it, else the last before it, else the passage's last year
            var when: [EventDate] = []
            for m in dates where m.token >= verb.end && m.token < nextStart {
                if when.isEmpty { when.append(m.date); continue }
                guard [",", "and"].contains(folded[m.token - 1]), !when.contains(m.date) else { break }
                when.append(m.date)
            }
            if when.isEmpty, let next = dates.first(where: { $0.token >= verb.end }) { when = [next.date] }
            if when.isEmpty, let before = dates.last(where: { $0.token < verb.at }) { when = [before.date] }
            if when.isEmpty, let context { when = [context] }
            for date in when.isEmpty ? [nil] : when.map(Optional.some) {
                var dated = amounts
                for k in dated.indices { dated[k].period = date?.description }
                var event = CodedEvent(start: s.start, end: s.end, date: date, action: action, cameo: cameo,
                                       source: source.map { written($0, tokens) }, target: target.map { written($0, tokens) }, place: place,
                                       amounts: dated, status: status)
                event.verb = textOf(tokens[verb.at..<verb.end])
                event.object = object
                // one event per action and actors: a second verb of the same event ("paid … a visit") adds nothing
                if let same = events.firstIndex(where: { $0.cameo == event.cameo && $0.source == event.source && $0.date == event.date
                                                         && ($0.target == event.target || $0.target.isEmpty || event.target.isEmpty) }) {
                    if events[same].target.isEmpty { events[same] = event }
                    continue
                }
                events.append(event)
            }
        }
        for visit in visits where !events.contains(where: { $0.cameo == visit.cameo && $0.source == visit.source && $0.target == visit.target }) {
            events.append(visit)
        }
        return (events, lastSource)
    }

    /// Verbs that report a consultation by themselves: MEET (head of CAMEO's MEET_PEOPLE), and CONFER, DISCUSS
    /// and DEBATE, which CAMEO codes 040 on their own line.
    static let consultationVerbs: Set<String> = ["meet", "confer", "discuss", "debate"]

    /// Words of a quantity before "of" and a party: "thousands of Iranians", "some of the Chinese officials".
    static let quantities: Set<String> = ["thousands", "hundreds", "dozens", "millions", "scores", "tens", "many", "some",
                                          "most", "all", "several", "few", "both", "groups", "crowds"]

    /// Words after a visit's noun that say it did not take place: "The visit … was cancelled".
    static let cancellations: Set<String> = ["cancelled", "canceled", "postponed", "called", "scrapped", "aborted", "shelved"]

    /// Nouns of a visit, and the words that say its kind ("a state visit"), which may stand between an article or a
    /// possessive and the noun.
    static let visitNouns: Set<String> = ["visit", "visits", "trip"]
    static let visitKinds: Set<String> = ["state", "official", "working", "private", "surprise", "first", "historic", "recent",
                                          "two-day", "three-day", "four-day", "five-day", "week-long", "return", "reciprocal"]

    /// Visits named by a noun, with their visitor and host: "during a state visit by President X to Y", "a visit to
    /// Abidjan by Emir X", "the visit of X to Y", "X's visit to Y" (CAMEO 042, visitor → host). Only when the noun's
    /// own phrase names both; "his visit to China" is left (the pronoun may point forward to the sentence's subject).
    static func nominalVisits(_ s: Sentence, actors: [Found], tokens: [Token], folded: [String], dates: [DateMention],
                              context: EventDate?) -> [CodedEvent] {
        let range = s.tokens
        var visits: [CodedEvent] = []
        for i in range where (4...6).contains(folded[i].utf8.count) && visitNouns.contains(folded[i]) && !tokens[i].isCapitalized {
            // the words of its kind before it, then an article or a possessive: a noun
            var j = i - 1
            while j > range.lowerBound, visitKinds.contains(folded[j]) { j -= 1 }
            guard j >= range.lowerBound, articles.contains(folded[j]) || folded[j] == "'s" else { continue }
            var visitor = folded[j] == "'s" ? actors.last(where: { $0.tokens.upperBound == j && !$0.isLocative }) : nil
            var host: Found?
            // "by X", "of X", "to Y", each right after the noun or the last of them
            func actor(after k: Int) -> Found? {
                let start = k < range.upperBound && folded[k] == "the" ? k + 1 : k
                return actors.first { $0.tokens.lowerBound == start }
            }
            var k = i + 1
            while k + 1 < range.upperBound {
                if visitor == nil, folded[k] == "by" || folded[k] == "of", let a = actor(after: k + 1) {
                    visitor = a
                    k = a.tokens.upperBound
                } else if host == nil, folded[k] == "to", let a = actor(after: k + 1) {
                    host = a
                    k = a.tokens.upperBound
                } else {
                    break
                }
                // a country's office after it: "the visit of Bangladesh prime minister to India"
                while k < range.upperBound, !tokens[k].isCapitalized, isRoleWord(folded[k])
                        || k + 1 < range.upperBound && isRoleWord(folded[k + 1]) && tokens[k].isWord && !objectStops.contains(folded[k]) {
                    k += 1
                }
            }
            guard let visitor, let host, visitor.actor.country != host.actor.country || visitor.actor.country == nil else { continue }
            let date = dates.first(where: { $0.token > i && range.contains($0.token) })?.date
                ?? dates.last(where: { $0.token < i && range.contains($0.token) })?.date ?? context
            let before = (max(range.lowerBound, j - 4)..<j).map { folded[$0] }
            let after = (k..<min(range.upperBound, k + 12)).lazy.map { folded[$0] }  // its clause, not the whole text
            let status: CodedEvent.Status = after.contains(where: cancellations.contains) ? .negated
                : before.contains(where: futures.contains) ? .planned : .done
            let words = (max(range.lowerBound, i - 3)...i).map { folded[$0] }
            var event = CodedEvent(start: s.start, end: s.end, date: date,
                                   action: EventActions.action(cameo: "042", lemma: "visit", words: words, phrase: words),
                                   cameo: "042", source: [written(visitor, tokens)], target: [written(host, tokens)], place: nil,
                                   amounts: [], status: status)
            event.verb = textOf(tokens[i...i])
            visits.append(event)
        }
        return visits
    }

    /// Verbs of saying, whose own code (from the dictionary's patterns) gives way to a verb of an event after them
    /// ("declared" is left out: "declared a state of emergency" is the act itself).
    static let reportingVerbs: Set<String> = ["said", "says", "say", "announced", "announces", "stated", "states",
                                              "told", "confirmed", "added", "noted"]

    /// Verbs by which an actor announces what it will do: "said it would", "warned that it would".
    static let announcements: Set<String> = ["said", "says", "announced", "announces", "stated", "declared", "pledged",
                                             "promised", "vowed", "warned", "threatened", "told", "confirmed"]

    /// Whether the act a verb of saying at `said` announces is its subject's own: the source stands before the verb
    /// of saying ("Japan said it would …"), or is of the announcer's country ("the Kremlin said that Putin would …").
    /// "Analysts said China will …" and "the UN warned that Russia will …" report another's plan.
    static func announcesOwnAct(said: Int, source: [Found], actors: [Found]) -> Bool {
        guard !source.isEmpty else { return false }
        if source.allSatisfy({ $0.tokens.upperBound <= said }) { return true }
        guard let announcer = actors.last(where: { $0.tokens.upperBound <= said && !$0.isLocative }),
              let country = announcer.actor.country else { return false }
        return source.allSatisfy { $0.actor.country == country }
    }

    /// The CAMEO code of the intent to do `cameo`'s act (an actor's announcement of its own future act), from the
    /// codebook's pairs: meeting and consulting (04) → 036 (mediating 039); material cooperation (06) → 031x; aid
    /// (07) → 033x; yielding (08) → 034x and 035x; reducing relations (16) → 131x–136; coercion (17) → 13x;
    /// violence (18–20) → 138x. A code of four digits without a pair of its own takes its three-digit parent's. Nil for
    /// the others, which keep their own code.
    static func intent(of cameo: String) -> String? {
        (intents[cameo] ?? intents[String(cameo.prefix(3))]).flatMap { EventTables.cameo[$0] != nil ? $0 : nil }
    }

    /// `intent(of:)`'s pairs.
    static let intents: [String: String] = [
        "040": "036", "041": "036", "042": "036", "043": "036", "044": "036", "045": "039", "046": "036",
        "060": "031", "061": "0311", "062": "0312", "063": "0313", "064": "0314",
        "070": "033", "071": "0331", "072": "0332", "073": "0333", "074": "0334", "075": "033",
        "080": "035", "081": "0351", "082": "0352", "083": "034", "0831": "0341", "0832": "0342", "0833": "0343",
        "0834": "0344", "084": "0353", "085": "0354", "086": "0355", "087": "0356",
        "160": "131", "161": "1313", "162": "1311", "163": "1312", "164": "134", "165": "135", "166": "136",
        "170": "130", "171": "130", "172": "132", "1721": "1321", "1722": "1322", "1723": "1323", "1724": "1324",
        "173": "130", "174": "130", "175": "137",
        "180": "1383", "181": "1383", "182": "1383", "183": "1383", "184": "1383", "185": "1383", "186": "1383",
        "190": "1384", "191": "1381", "192": "1382", "193": "1384", "194": "1384", "195": "1384", "196": "1384",
        "200": "138", "201": "138", "202": "138", "203": "138", "204": "1385",
    ]

    /// A word of a title or role: "president", "minister", "government", "ambassadors" (the entity rules' title words,
    /// and Phoenix's role words).
    static func isRoleWord(_ w: String) -> Bool {
        EntityTagger.titleWords.contains(w) || EventTables.sector(of: w) != nil
    }

    /// The sector of a title, from its longest ending that is a role phrase of Phoenix's agents ("foreign minister" →
    /// GOV); `words` are folded.
    static func sector(ofTitle words: [String]) -> String? {
        for n in stride(from: min(3, words.count), through: 1, by: -1) {
            if let s = EventTables.sector(ofPhrase: words.suffix(n)) { return s }
        }
        return nil
    }

    /// "the first Cape Verdean minister to", "the last head of state to", "the only country to": a person or state
    /// ranked before "to" (at `to`), with no punctuation between; not "last month, … tried to", "the only way to".
    static func isFirstToDo(at to: Int, _ range: Range<Int>, _ tokens: [Token], _ folded: [String]) -> Bool {
        var j = to - 1
        var role = false
        while j > range.lowerBound, to - j <= 8, tokens[j].kind != .punctuation {
            let w = folded[j]
            if ["first", "last", "only"].contains(w) { return role && folded[j - 1] == "the" }
            if isRoleWord(w) || statePeople.contains(w) || ["country", "nation", "state", "leader", "head"].contains(w) { role = true }
            j -= 1
        }
        return false
    }

    /// Words that end a verb's object phrase.
    static let objectStops: Set<String> = ["with", "in", "on", "at", "to", "for", "during", "from", "by", "between", "as",
                                           "after", "before", "since", "when", "which", "who", "that", "and", "of", "into",
                                           "while", "until", "under", "over", "against", "among", "through", "via"]

    /// The words after a verb up to the next preposition, punctuation or number, without a leading article.
    static func objectPhrase(after start: Int, limit: Int, tokens: [Token], folded: [String]) -> String {
        var i = start
        while i < limit, ["a", "an", "the", "its", "their", "his", "her"].contains(folded[i]) { i += 1 }
        var end = i
        while end < limit, end - i < 8, tokens[end].isWord, !objectStops.contains(folded[end]) { end += 1 }
        return textOf(tokens[i..<end])
    }

    /// The code of a verb form at `at`: its most specific matching pattern's, else its own.
    /// `words` are the sentence's words in their singular form; `at` and `end` the verb's place among them.
    static func bestCode(_ form: EventTables.VerbForm, block: EventTables.PatternBlock, at: Int, end: Int, words: [String]) -> (code: String, weight: Int) {
        guard !block.patterns.isEmpty else { return (form.code, 0) }
        let before = Array(words[max(0, at - 8)..<at])
        let after = Array(words[end..<min(words.count, end + 10)])
        var tried = Set<Int>()
        var best: EventTables.Pattern?
        for w in before + after {
            for n in block.byAnchor[w] ?? [] where tried.insert(n).inserted {
                let p = block.patterns[n]
                guard p.weight > (best?.weight ?? 0) else { continue }
                // a pattern that is only a particle is a phrasal verb, whose particle stands right after it:
                // "called on X to" is an appeal, "called X on Monday" is not ("placed X on alert" is another pattern)
                if p.before.isEmpty, p.after.count == 1, let first = p.after.first,
                   first.allSatisfy({ $0.count == 1 && phrasalParticles.contains($0[0]) }),
                   !(after.first.map { w in first.contains { $0[0] == w } } ?? false) { continue }
                if matches(p.before, in: before) && matches(p.after, in: after) { best = p }
            }
        }
        return (best?.code ?? form.code, best?.weight ?? 0)
    }

    /// Particles of phrasal verbs in the patterns ("call on", "call upon"), which also open dates ("on Monday").
    static let phrasalParticles: Set<String> = ["on", "upon"]

    /// Whether each element occurs in `words`, in order.
    static func matches(_ elements: [[[String]]], in words: [String]) -> Bool {
        var i = 0
        for element in elements {
            var found = false
            while i < words.count && !found {
                for alt in element where i + alt.count <= words.count {
                    if alt.indices.allSatisfy({ words[i + $0] == alt[$0] }) {
                        found = true
                        i += alt.count
                        break
                    }
                }
                if !found { i += 1 }
            }
            if !found { return false }
        }
        return true
    }

    /// The group of actors nearest before `before`: the last actor and those joined to it by "and" or commas.
    static func nearestGroup(_ actors: [Found], before: Int, folded: [String]) -> [Found] {
        guard let last = actors.last else { return [] }
        var group = [last]
        var i = actors.count - 2
        while i >= 0, joined(actors[i].tokens.upperBound, group[0].tokens.lowerBound, folded) {
            group.insert(actors[i], at: 0)
            i -= 1
        }
        return group
    }

    /// The first group of actors: the first and those joined after it.
    static func firstGroup(_ actors: [Found], folded: [String]) -> [Found] {
        guard let first = actors.first else { return [] }
        var group = [first]
        var i = 1
        while i < actors.count, joined(group.last!.tokens.upperBound, actors[i].tokens.lowerBound, folded) {
            group.append(actors[i])
            i += 1
        }
        return group
    }

    /// Whether only "and", commas or "as well as" lie between two actors.
    static func joined(_ end: Int, _ start: Int, _ folded: [String]) -> Bool {
        guard start > end, start - end <= 3 else { return false }
        return (end..<start).allSatisfy { ["and", ",", "as", "well", "&", "the"].contains(folded[$0]) } && (end..<start).contains { folded[$0] != "the" }
    }

    /// The actors of a sentence: its entities, with the title and country written before a person, and demonyms.
    static func findActors(_ range: Range<Int>, tokens: [Token], folded: [String], mentions: [EntityTagger.Mention]) -> [Found] {
        let tables = EventTables.actors
        var found: [Found] = []
        var taken = [Bool](repeating: false, count: range.count)  // tokens of the sentence inside an actor found
        var ofCountry: Range<Int>?  // "of Belgium" after a person: part of the person
        for mention in mentions {
            if let skip = ofCountry, skip == mention.tokens { continue }
            let e = mention.entity
            if e.kind == .organization, occasions.contains(TextFolding.fold(e.name[(e.name.lastIndex(of: " ").map { e.name.index(after: $0) } ?? e.name.startIndex)...]))
                || mention.tokens.upperBound < range.upperBound && occasionNouns.contains(folded[mention.tokens.upperBound]) {
                continue  // an occasion, not a party ("the China-EU Summit", "the G20 summit")
            }
            let info = tables.known[e.kind]?[TextFolding.fold(e.name)]
            var start = mention.tokens.lowerBound
            var country = info?.country
            var sector = info?.sector
            var title: String?
            if e.kind == .person {
                // a title the entity tagger kept inside the mention: "President Xi Jinping"
                var k = start
                while k < mention.tokens.upperBound - 1, EntityTagger.titleWords.contains(folded[k]) || folded[k] == "and" { k += 1 }
                if k > start {
                    title = textOf(tokens[start..<k])
                }
            }
            if e.kind == .place, start - 2 >= range.lowerBound, folded[start - 1] == "of" {
                // a title of the country: "the Sultan of Brunei", "the President of France", "the government of Belarus"
                var j = start - 2
                while j >= range.lowerBound, tokens[j].isWord, isRoleWord(folded[j]) {
                    j -= 1
                }
                if j + 1 < start - 1, found.last.map({ $0.tokens.upperBound <= j + 1 }) ?? true {
                    let words = Array(folded[(j + 1)..<(start - 1)])
                    if let s = Self.sector(ofTitle: words) { sector = s }
                    sector = sector ?? words.lazy.compactMap(EventTables.sector(of:)).first ?? "GOV"
                    title = textOf(tokens[(j + 1)..<(start - 1)])
                    start = j + 1
                }
            }
            if e.kind == .person || e.kind == .organization {
                // the title before a person: "State Councilor and Foreign Minister Wang Yi", "Belgian King Philippe"
                var j = start - 1
                var titleStart = start
                while j >= range.lowerBound, tokens[j].isWord,
                      isRoleWord(folded[j])
                        || (folded[j] == "and" && j + 1 < start && j - 1 >= range.lowerBound && EntityTagger.titleWords.contains(folded[j - 1])) {
                    if tokens[j].isCapitalized || EntityTagger.lowercaseTitles.contains(folded[j]) { titleStart = j }
                    j -= 1
                }
                if titleStart < start || title != nil, e.kind == .person {
                    if titleStart < start { title = textOf(tokens[titleStart..<start]) + (title.map { " " + $0 } ?? "") }
                    while let t = title, let last = t.split(separator: " ").last, ["of", "and", "the"].contains(last) {
                        title = String(t.dropLast(last.count + 1))
                    }
                    if title?.isEmpty ?? false { title = nil }
                    if let s = Self.sector(ofTitle: (title ?? "").split(separator: " ").map { TextFolding.fold($0) }) { sector = s }
                    start = titleStart
                }
                // the country before it: a demonym ("Chinese"), or a country's possessive ("Belgium's")
                let k = start - 1
                if k - 1 >= range.lowerBound, let (c, length) = demonym(at: k - 1, range, folded), length == 2 {
                    country = c  // "South Korean President Yoon Suk Yeol"
                    start = k - 1
                } else if k >= range.lowerBound, let (c, _) = demonym(at: k, range, folded) {
                    country = c
                    start = k
                } else if k >= range.lowerBound + 1, folded[k] == "'s", let prev = found.last, prev.tokens.upperBound == k, prev.actor.kind == .place {
                    country = prev.actor.country
                    start = prev.tokens.lowerBound
                    found.removeLast()
                } else if title != nil, let prev = found.last, prev.tokens.upperBound == start, prev.actor.kind == .place,
                          let c = prev.actor.country, EventTables.countryCode(named: prev.actor.name) != nil,
                          !(prev.tokens.lowerBound > range.lowerBound && locatives.contains(folded[prev.tokens.lowerBound - 1])) {
                    // a country's name before the title: "U.S. President Barack Obama", "ROC President Chen Shui-bian"
                    country = c
                    start = prev.tokens.lowerBound
                    found.removeLast()
                }
                if e.kind == .person, sector == nil, title != nil { sector = "GOV" }
                // "Queen Mathilde of Belgium": the country after the name
                if e.kind == .person, mention.tokens.upperBound + 1 < range.upperBound, folded[mention.tokens.upperBound] == "of",
                   let next = mentions.first(where: { $0.tokens.lowerBound == mention.tokens.upperBound + 1 && $0.entity.kind == .place }),
                   let c = EventTables.countryCode(named: next.entity.name) {
                    country = c
                    ofCountry = next.tokens
                }
            }
            // the rest of the name after an alias that is a title and part of it ("President Xi" Jinping, "Professor
            // Peng" Liyuan)
            var end = ofCountry.map { $0.lowerBound == mention.tokens.upperBound + 1 ? $0.upperBound : mention.tokens.upperBound } ?? mention.tokens.upperBound
            if end < range.upperBound, tokens[end].isCapitalized {
                let nameWords = Set(e.name.split(separator: " ").map { TextFolding.fold($0) })
                while end < range.upperBound, tokens[end].isCapitalized, nameWords.contains(folded[end]) { end += 1 }
            }
            // ("in Brussels", "in the Galwan Valley")
            let lead = start > range.lowerBound && folded[start - 1] == "the" ? start - 2 : start - 1
            let isLocative = e.kind == .place && lead >= range.lowerBound && locatives.contains(folded[lead])
                && EventTables.countryCode(named: e.name) == nil  // a city or region, not a country
            if e.kind == .organization, mention.tokens.lowerBound >= range.lowerBound + 2 {
                // part of a title: "member of the Political Bureau", "Vice Premier of the State Council"
                var k = mention.tokens.lowerBound - 1
                if folded[k] == "the", k > range.lowerBound { k -= 1 }
                if folded[k] == "of", k > range.lowerBound, isRoleWord(folded[k - 1]) {
                    continue
                }
            }
            // the words that name it are written out for the actors of an event only (`text` is filled then)
            let actor = CodedEvent.Actor(name: e.name, text: "", kind: e.kind, country: country, sector: sector, title: title)
            found.append(Found(actor: actor, tokens: start..<end, isLocative: isLocative))
            for k in start..<end where range.contains(k) { taken[k - range.lowerBound] = true }
        }
        // demonyms not before a name, before a word for a state's people or bodies: "Belgian and Chinese officials",
        // "the Chinese side" (not "Chinese culture courses")
        var i = range.lowerBound
        while i < range.upperBound {
            guard tokens[i].isCapitalized, !taken[i - range.lowerBound],
                  let (c, length) = demonym(at: i, range, folded) ?? pluralDemonym(folded[i]).map({ ($0, 1) }),
                  let name = EventTables.countries.names[c] else {
                i += 1
                continue
            }
            var k = i + length
            while k < range.upperBound, folded[k] == "and" || folded[k] == "," { k += 1 }
            while k < range.upperBound, let (_, n) = demonym(at: k, range, folded) {
                k += n
                while k < range.upperBound, folded[k] == "and" || folded[k] == "," { k += 1 }
            }
            let role = k < range.upperBound && tokens[k].isWord ? rolePhrase(at: k, range, folded) : nil
            guard let role else {
                // a demonym that is a plural noun is the country's people: "Iranians protested"
                if length == 1, pluralDemonym(folded[i]) != nil {
                    found.append(Found(actor: CodedEvent.Actor(name: name, text: "", kind: .place, country: c), tokens: i..<(i + 1),
                                       isLocative: false))
                }
                i += length
                continue
            }
            // the words up to the noun belong to the last actor ("Iranian forces"), so that none of them is read as a
            // verb; a demonym joined to the next ("Indian and Chinese troops") is an actor of its own words, so that
            // the two make one group
            let joinedToNext = i + length < range.upperBound && (folded[i + length] == "and" || folded[i + length] == ",")
            let actor = CodedEvent.Actor(name: name, text: "", kind: .place, country: c, sector: role.sector)
            found.append(Found(actor: actor, tokens: i..<(joinedToNext ? i + length : k + role.length), isLocative: false))
            i += length
        }
        return found.sorted { $0.tokens.lowerBound < $1.tokens.lowerBound }
    }

    /// The country of the demonym at `i` and its length in words: two words first ("South Korean"), then one.
    static func demonym(at i: Int, _ range: Range<Int>, _ folded: [String]) -> (country: String, length: Int)? {
        let demonyms = EventTables.countries.demonyms
        if i + 1 < range.upperBound, demonymFirstWords.contains(folded[i]), let c = demonyms[folded[i] + " " + folded[i + 1]] {
            return (c, 2)
        }
        return demonyms[folded[i]].map { ($0, 1) }
    }

    /// The country whose people a capitalized plural names: "Iranians", "Palestinians" (nil for "Swiss", which the
    /// table has as an adjective).
    static func pluralDemonym(_ word: String) -> String? {
        guard word.utf8.count > 4, word.utf8.last == UInt8(ascii: "s"), !word.hasSuffix("ss") else { return nil }
        let demonyms = EventTables.countries.demonyms
        return demonyms[String(word.dropLast())] ?? (word.hasSuffix("ans") || word.hasSuffix("is") ? demonyms[word] : nil)
    }

    /// The first words of Phoenix's role phrases of several words ("coast" of "coast guard"): only after those is a
    /// phrase looked up.
    static let agentPhraseFirstWords = EventTables.firstWords(ofPhrases: EventTables.agents.keys)

    /// The role phrase at `k` after a demonym ("coast guard", "foreign ministry", "officials", "side"): its sector
    /// (Phoenix's agents; none for the words of `statePeople` that are not agents) and its length in words, longest first.
    static func rolePhrase(at k: Int, _ range: Range<Int>, _ folded: [String]) -> (sector: String?, length: Int)? {
        if agentPhraseFirstWords.contains(folded[k]) {
            for n in stride(from: min(3, range.upperBound - k), through: 2, by: -1) {
                if let sector = EventTables.sector(ofPhrase: folded[k..<(k + n)]) { return (sector, n) }
            }
        }
        if let sector = EventTables.sector(of: folded[k]) { return (sector, 1) }
        return statePeople.contains(folded[k]) ? (nil, 1) : nil
    }

    /// The first words of the demonyms of two words or more ("south" of "south korean"): only those are joined to
    /// the next word and looked up again.
    static let demonymFirstWords = EventTables.firstWords(ofPhrases: EventTables.countries.demonyms.words)

    /// "had a phone conversation", "held talks", "conducted a video call": the noun is the event.
    static func lightVerbCode(_ form: EventTables.VerbForm, at i: Int, range: Range<Int>, folded: [String]) -> String? {
        guard ["have", "hold", "conduct"].contains(form.lemma), i + 1 < range.upperBound else { return nil }
        for k in (i + 1)..<min(range.upperBound, i + 5) {
            if let c = lightVerbNouns[folded[k]] { return c }
        }
        return nil
    }

    /// Whether "called X" (the verb's bare sense in CAMEO, 041) is a phone call. The verb more often names or
    /// describes: "a station in Mexico City called Metro Etiopía", "also called", "what he called", "called Cuba 'a
    /// revolutionary democracy'", "called it a milestone". A call has a subject (a party, a role word such as
    /// "minister", or a pronoun) just before the verb, a party named just after it (its name or titles in
    /// capitals), and after that the end of the clause or words saying when, how or why ("called Premier Li
    /// Keqiang on 3 May to discuss trade", "called Putin."). `next`: the token after the verb.
    static func isPhoneCall(at next: Int, range: Range<Int>, tokens: [Token], folded: [String], actors: [Found]) -> Bool {
        let verb = next - 1
        guard verb > range.lowerBound else { return false }
        let previous = folded[verb - 1]
        if namingLeads.contains(previous) { return false }
        if verb - 1 > range.lowerBound, folded[verb - 2] == "what" { return false }  // "what he called"
        let subject = actors.contains { !$0.isLocative && $0.tokens.upperBound == verb } || ["he", "she", "they", "who", "and"].contains(previous)
            || EventTables.sector(of: previous) != nil
        guard subject, next < range.upperBound, tokens[next].isWord, tokens[next].isCapitalized else { return false }
        var after = next
        while after < range.upperBound, tokens[after].isWord, tokens[after].isCapitalized { after += 1 }
        guard after < range.upperBound else { return true }
        if tokens[after].kind == .punctuation { return [".", ",", ";", "!", "?", ")"].contains(folded[after]) }
        return phoneFollowers.contains(folded[after])
    }

    /// Words before "called" that make it a name ("so called", "also called", "is called", "what he called").
    static let namingLeads: Set<String> = ["so", "also", "sometimes", "often", "commonly", "formally", "officially", "popularly",
                                           "widely", "locally", "now", "once", "then", "what", "is", "was", "are", "were",
                                           "be", "been", "being"]
    /// Words after a call's party that end its clause or say when, how or why it was made.
    static let phoneFollowers: Set<String> = ["to", "on", "by", "and", "in", "at", "over", "about", "after", "before", "during",
                                              "for", "late", "early", "yesterday", "today", "last", "this", "that", "while",
                                              "following", "amid", "ahead", "with", "but"]

    /// "have", "hold" and "conduct" as verb forms of no code of their own: `lightVerbCode` gives theirs.
    static let lightVerbForms: WordTable<[EventTables.VerbForm]> = {
        var forms: [String: [EventTables.VerbForm]] = [:]
        for (lemma, words) in [("have", ["have", "has", "had", "having"]), ("hold", ["hold", "holds", "held", "holding"]),
                               ("conduct", ["conduct", "conducts", "conducted", "conducting"])] {
            for w in words { forms[w] = [EventTables.VerbForm(rest: [], code: "---", block: -1, lemma: lemma)] }
        }
        return WordTable(forms)
    }()

    /// Nouns that make "had", "held" or "conducted" an event: CAMEO codes.
    static let lightVerbNouns: [String: String] = [
        "phone": "041", "telephone": "041", "video": "041", "talks": "046", "consultations": "046", "negotiations": "046",
        "meeting": "040", "meetings": "040", "summit": "040", "exercises": "062", "exercise": "062",
    ]

    /// Words after a demonym that make it a state's party: "the Chinese side", "Belgian officials".
    static let statePeople: Set<String> = ["side", "sides", "government", "governments", "leaders", "leader", "officials",
                                           "official", "authorities", "delegation", "delegations", "troops", "forces",
                                           "army", "navy", "police", "diplomats", "embassy", "state", "people", "counterpart",
                                           "agents", "soldiers", "planes", "jets", "aircraft", "ships", "warships", "militants"]

    /// An event's actor as it stands in the record: the words that name it, and an organization's country from its
    /// name when the tables gave none ("Chinese Ministry of Commerce", "Government of Chad").
    static func written(_ f: Found, _ tokens: [Token]) -> CodedEvent.Actor {
        var actor = f.actor
        actor.text = textOf(tokens[f.tokens])
        if actor.kind == .organization, actor.country == nil { actor.country = country(named: actor.name) }
        return actor
    }

    /// The country named inside an organization's name: a demonym, or a country's name.
    static func country(named name: String) -> String? {
        let words = name.split(separator: " ").map { TextFolding.fold($0) }
        for n in 1...max(1, min(4, words.count)) where n <= words.count {
            for k in 0...(words.count - n) {
                let phrase = words[k..<(k + n)].joined(separator: " ")
                if n == 1, let c = EventTables.countries.demonyms[phrase] { return c }
                if let c = EventTables.countries.codes[phrase] { return c }
            }
        }
        return nil
    }

    /// The text of tokens, with their spaces.
    static func textOf(_ tokens: ArraySlice<Token>) -> String {
        var s = ""
        for (n, t) in tokens.enumerated() {
            if n > 0, t.spaceBefore { s += " " }
            s += t.text
        }
        return s
    }

    static let scales: [String: Double] = ["thousand": 1e3, "million": 1e6, "mln": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12]
    static let currencySymbols: [String: String] = ["$": "USD", "€": "EUR", "£": "GBP", "¥": "CNY", "us$": "USD", "usd": "USD",
                                                   "eur": "EUR", "rmb": "CNY", "cny": "CNY", "gbp": "GBP", "jpy": "JPY"]
    static let currencyWords: [String: String] = ["dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR", "yuan": "CNY",
                                                 "renminbi": "CNY", "pounds": "GBP", "yen": "JPY", "usd": "USD", "eur": "EUR"]

    /// Money and shares in a sentence: "US$29.71 billion", "5 billion euros", "3.1%", "3.1 percent".
    static func findAmounts(_ range: Range<Int>, tokens: [Token], folded: [String], period: EventDate?) -> [CodedEvent.Amount] {
        var out: [CodedEvent.Amount] = []
        var i = range.lowerBound
        while i < range.upperBound {
            defer { i += 1 }
            guard tokens[i].isNumber, let number = Double(tokens[i].text.filter { $0 != "," }) else { continue }
            var start = i, end = i + 1
            var currency: String?
            var unit: String?
            var value = number
            // a currency before: "$", "US$", "US $", "EUR"
            if i - 1 >= range.lowerBound, let c = currencySymbols[folded[i - 1]] {
                currency = c
                start = i - 1
                if c == "USD", folded[i - 1] == "$", i - 2 >= range.lowerBound, folded[i - 2] == "us" { start = i - 2 }
            }
            if end < range.upperBound, let scale = scales[folded[end]] {
                value *= scale
                end += 1
            }
            if end < range.upperBound, let c = currencyWords[folded[end]] {
                currency = currency ?? c
                end += 1
            } else if end < range.upperBound, folded[end] == "%" || folded[end] == "percent" {
                unit = "%"
                end += 1
            } else if end + 1 < range.upperBound, folded[end] == "per", folded[end + 1] == "cent" {
                unit = "%"
                end += 2
            }
            guard currency != nil || unit != nil else { continue }
            out.append(CodedEvent.Amount(value: value, currency: currency, unit: unit, period: period?.description,
                                         text: textOf(tokens[start..<end])))
            i = end - 1
        }
        return out
    }
}
