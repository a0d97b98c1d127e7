/// Finds the people, places and organizations of a passage: first every gazetteer alias (longest first), then
/// rules for names the gazetteer lacks: a name after a title ("Premier Li Keqiang"), capitalized multi-word
/// names (kind from words such as Ministry, Summit, Province), and places after "in", "to", "at".
/// Month names, titles alone, sentence openers ("In April", "The Chinese", "Among them") are never entities.
public struct EntityTagger: Sendable {
    public let gazetteer: Gazetteer

    /// What the rules ask of each word they know (`WordClass`), from their word lists and the gazetteer.
    let classes: WordTable<WordClass>

    public init(gazetteer: Gazetteer) {
        self.gazetteer = gazetteer
        self.classes = WordTable(WordClass.table(gazetteer))
    }

    /// Version of the rules and the built-in gazetteer: part of `Tagger.dataHash`, so a change re-tags the index.
    static let dataVersion = "rules-9/" + BuiltinGazetteer.version

    /// A found entity and the tokens it spans.
    public struct Mention: Sendable, Equatable {
        public let entity: Entity
        public let tokens: Range<Int>
    }

    /// Titles that introduce a person, folded, as word sequences (longest first).
    static let titles: [[String]] = ([
        "deputy prime minister", "prime minister", "vice premier", "vice president", "vice chairman",
        "foreign minister", "state councilor", "state councillor", "crown prince", "crown princess",
        "secretary-general", "secretary general", "secretary of state", "grand duke",
        "president", "premier", "king", "queen", "princess", "prince", "minister", "professor", "prof",
        "chancellor", "ambassador", "chairman", "chairwoman", "mayor", "governor", "senator", "emperor",
        "empress", "pope", "sultan", "sheikh", "dr", "mr", "mrs", "ms", "general", "admiral", "commissioner",
        "consul", "consul-general", "envoy", "director", "director-general", "speaker", "duke", "duchess", "count",
        "baron", "lord", "lady", "sir", "cardinal", "archbishop", "bishop", "chief executive", "councillor",
        "pm", "leader", "supreme leader", "dictator", "candidate", "tun", "emir", "amir", "foreign secretary",
        "general secretary", "chief minister", "president-elect", "spokesman", "spokeswoman", "shri", "sri", "smt",
        "chief of staff", "chief of general staff", "kaiser", "tsar", "czar",
    ] + frenchAndDutchTitles).map { $0.split(separator: " ").map(String.init) }.sorted { $0.count > $1.count }

    /// French and Dutch titles, folded, typed here as the English ones are (no data set reachable offline lists
    /// them; the Phoenix role words are English): "le roi Philippe", "Premier ministre Charles Michel", "koning
    /// Filip", "vicepremier Didier Reynders". In those languages a title is written in lower case before a name.
    static let frenchAndDutchTitles = [
        "premier ministre", "vice-premier ministre", "vice-premier", "president", "presidente", "vice-president",
        "roi", "reine", "princesse", "ministre", "ministre des affaires etrangeres", "ambassadeur", "ambassadrice",
        "chancelier", "chanceliere", "secretaire general", "maire", "gouverneur", "empereur", "pape", "mme",
        "eerste minister", "vicepremier", "vice-eersteminister", "koning", "koningin", "prins", "prinses",
        "minister van buitenlandse zaken", "kanselier", "secretaris-generaal", "burgemeester", "keizer", "paus",
        "voorzitter", "staatssecretaris", "minister-president",
    ]

    /// Titles that introduce a name even in lower case: "China's president Hu Jintao".
    static let lowercaseTitles: Set<String> = Set([
        "president", "premier", "prime", "minister", "king", "queen", "ambassador", "chancellor", "leader", "supreme",
        "secretary-general", "foreign", "dictator", "candidate", "chairman", "emperor", "pm", "president-elect",
    ]).union(frenchAndDutchTitles.compactMap { $0.split(separator: " ").first.map(String.init) })

    /// The titles' words, but not a name's particles ("van" of "minister van buitenlandse zaken" is Van Rompuy's).
    static let titleWords: Set<String> = Set(titles.flatMap { $0 }).subtracting(particles).union(["deputy", "vice", "state", "foreign", "crown", "member", "special", "representative", "staff", "majesty", "highness"])

    /// Name particles allowed inside a person's name.
    static let particles: Set<String> = ["de", "van", "von", "der", "den", "di", "da", "du", "le", "la", "al", "bin", "ibn", "del", "dos", "das", "ter"]

    /// Connectors allowed inside a multi-word name ("Ministry of Education of China").
    static let connectors: Set<String> = ["of", "for", "on", "the", "de", "du", "van", "von", "der", "and", "&"]

    static let organizationWords: Set<String> = [
        "ministry", "committee", "association", "bureau", "council", "institute", "institutes", "university",
        "company", "bank", "embassy", "summit", "forum", "meeting", "conference", "dialogue", "expo", "games",
        "week", "biennale", "fair", "parade", "parades", "center", "centre", "party", "union", "government",
        "airlines", "airline", "airways", "railway", "commission", "office", "organization", "organisation",
        "group", "agency", "corporation", "inc", "ltd", "federation", "society", "foundation", "school", "college",
        "academy", "museum", "festival", "olympics", "olympic", "congress", "parliament", "assembly", "court",
        "department", "army", "navy", "force", "police", "club", "orchestra", "theatre", "theater", "zoo",
        "exhibition", "symposium", "conservation", "cargo", "port", "chamber", "fund", "alliance", "nato",
        "secretariat", "cabinet", "senate", "league", "institution", "project", "initiative", "program",
        "programme", "pavilion", "consulate", "mission", "delegation", "board", "movement", "church", "hospital",
        "brigade", "forces", "front", "army", "navy", "guard", "tribunal", "authority", "network", "news", "press",
        "times", "post", "media", "television", "radio", "bureau", "service", "services", "administration",
        "communities", "community", "coalition", "order", "legislature", "brotherhood", "units", "unit", "militia",
        "battalion", "regiment", "corps", "guards", "monarchy", "directorate", "headquarters",
    ]
    /// Words of events, documents and periods: a capitalized name holding one is not a person, place or
    /// organization, and is dropped ("Cold War", "Treaty of Vienna", "Tang Dynasty", "Arab Spring").
    static let eventWords: Set<String> = [
        "war", "wars", "battle", "siege", "treaty", "treaties", "agreement", "agreements", "accord", "accords",
        "convention", "pact", "protocol", "act", "law", "declaration", "resolution", "memorandum", "charter",
        "constitution", "doctrine", "policy", "dynasty", "era", "period", "revolution", "uprising", "crisis",
        "spring", "intifada", "election", "elections", "referendum", "independence", "article", "understanding",
        "massacre", "genocide", "incident", "goals", "plan", "strategy", "bloc", "operation",
        "dynasties", "reign", "rebellion", "conflict", "invasion", "occupation", "partition", "expedition",
    ]
    /// The event words after which a place is part of the name ("Paris Agreement", "Vietnam War"); not the others of
    /// `eventWords` ("the Ukraine Crisis", "Taiwan Independence movement", "China Strategy" keep their place).
    static let documentAndWarWords: Set<String> = [
        "war", "wars", "battle", "siege", "treaty", "treaties", "agreement", "agreements", "accord", "accords",
        "convention", "pact", "protocol", "declaration", "charter", "memorandum", "doctrine",
    ]
    static let placeWords: Set<String> = [
        "city", "province", "region", "island", "islands", "mountain", "mountains", "river", "sea", "ocean",
        "county", "state", "district", "valley", "lake", "bay", "coast", "peninsula", "square", "street",
        "avenue", "park", "harbour", "harbor", "kingdom", "republic", "prefecture", "municipality", "canton",
        "empire", "sultanate", "caliphate", "emirate", "protectorate", "colony", "territory", "territories",
        "shoal", "reef", "strait", "gulf", "desert", "plateau", "base", "airport", "cemetery", "oblast",
        "krai", "governorate", "archipelago", "highlands", "basin", "delta", "land", "somaliland", "town",
        "village", "capital", "metropolis", "cape",
    ]
    /// Place words that name a place when they open a name before "of": "Republic of Abkhazia", "Sultanate of Hobyo".
    static let placeHeads: Set<String> = [
        "republic", "kingdom", "state", "sultanate", "emirate", "principality", "duchy", "grand", "territory",
        "province", "city", "island", "islands", "gulf", "bay", "sea", "strait", "trust", "region", "commonwealth",
    ]
    /// Capitalized words that are never entities on their own, nor the start of one.
    static let stopWords: Set<String> = [
        "the", "a", "an", "in", "on", "at", "from", "to", "by", "for", "with", "during", "after", "before",
        "among", "as", "since", "until", "when", "while", "this", "these", "those", "that", "its", "his", "her",
        "their", "our", "both", "all", "each", "every", "some", "many", "most", "other", "another", "there",
        "here", "it", "he", "she", "they", "we", "i", "you", "and", "but", "or", "if", "so", "also", "then",
        "however", "moreover", "meanwhile", "currently", "recently", "today", "yesterday", "tomorrow", "of",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
        "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "chinese", "belgian", "european", "american", "french", "flemish", "dutch", "german", "british",
        "english", "japanese", "russian", "african", "asian", "indian", "western", "eastern", "northern",
        "southern", "first", "second", "third", "fourth", "fifth", "new", "old", "mutual", "bilateral", "local",
        "according", "under", "over", "between", "through", "about", "against", "within", "without", "upon",
        "etc", "mainly", "including", "such", "because", "although", "though", "yet", "not", "no", "yes",
        "member", "members", "special", "representative", "director", "head", "chief", "spokesperson",
        "at present", "bilateral trade", "culture", "education", "transportation", "science", "technology",
        "later", "earlier", "subsequently", "finally", "previously", "afterwards", "initially", "thus", "therefore",
        "instead", "still", "even", "only", "just", "already", "again", "now", "soon", "once", "despite", "following",
        "regarding", "concerning", "via", "unlike", "like", "nevertheless", "furthermore", "additionally", "overall",
        "what", "which", "who", "whom", "whose", "where", "why", "how", "one", "two", "three", "four", "five",
        "six", "seven", "eight", "nine", "ten", "is", "was", "are", "were", "be", "been", "has", "have", "had",
    ]
    /// Words that may stand inside a longer name ("Chinese New Year Parade") but are never a name alone.
    static let adjectives: Set<String> = [
        "chinese", "belgian", "european", "american", "french", "flemish", "dutch", "german", "british",
        "english", "japanese", "russian", "african", "asian", "indian", "western", "eastern", "northern",
        "southern", "new", "old", "first", "second", "third", "fourth", "fifth", "mutual", "bilateral", "local",
    ]
    /// Stop words that may not start or continue a multi-word name.
    static let functionWords: Set<String> = stopWords.subtracting(adjectives)

    /// "the region of Abyei", "the town of Kufra".
    static let placeNouns: Set<String> = ["region", "city", "town", "province", "island", "village", "district", "port", "capital", "state", "county", "municipality"]

    static let stateHeads: Set<String> = ["republic", "kingdom", "state", "principality", "sultanate", "emirate"]
    static let stateAdjectives: Set<String> = ["autonomous", "federal", "democratic", "islamic", "socialist", "people's", "united"]
    static let innerConnectors: Set<String> = ["of", "for", "on", "the", "and", "&"]

    static let placeLeads: Set<String> = ["in", "to", "at", "near", "from"]

    static let placePrepositions: Set<String> = ["in", "to", "at", "near", "including", "via", "across", "visited", "visiting", "visit"]

    /// `folded` holds each token's folded form (punctuation as it is).
    public func tag(_ tokens: [Token], folded: [String]) -> [Mention] {
        // "Ennahda Movement-affiliated", "John Key-led": the name ends with the word before the modifier's suffix
        var folded = folded
        // which tokens are capitalized, and in capitals, read once (each read of a token's text costs a retain)
        var caps = [Bool](repeating: false, count: tokens.count)
        var capitalWords = caps
        // Chinese and Japanese characters (one a token) start gazetteer aliases as capitals do: 比利时 is Belgium
        var ideographs = caps
        tokens.withUnsafeBufferPointer { t in
            for k in t.indices where t[k].kind == .word {
                if t[k].isCapitalized {
                    caps[k] = true
                    capitalWords[k] = Self.isCapitalWord(t[k])
                } else if let b = folded[k].utf8.first, b >= 0xE3, let scalar = folded[k].unicodeScalars.first {
                    ideographs[k] = CJKText.isIdeograph(scalar.value)  // the folded form: a small string, read without a retain
                }
            }
        }
        var heads = Set<Int>()
        for k in tokens.indices where caps[k] && folded[k].utf8.contains(0x2D) {
            if let suffix = Self.modifierSuffixes.first(where: { folded[k].hasSuffix($0) }) {
                folded[k] = String(folded[k].dropLast(suffix.count))
                heads.insert(k)
            }
        }
        // each word's classes, looked up once ("&" is a connector)
        var cls = [WordClass](repeating: [], count: tokens.count)
        tokens.withUnsafeBufferPointer { t in
            for k in t.indices where t[k].kind != .punctuation || folded[k] == "&" {
                cls[k] = classes[folded[k]] ?? []
            }
        }
        var taken = [Bool](repeating: false, count: tokens.count)
        var mentions: [Mention] = []
        // 0. Headings and captions in capitals are not names ("SOUTH KOREAN–TURKISH RELATIONS are ...").
        Self.blockCapitalRuns(tokens, capitalWords, &taken)

        // 1. Gazetteer aliases.
        var i = 0
        while i < tokens.count {
            if !taken[i], caps[i] || ideographs[i] || tokens[i].kind == .number, cls[i].contains(.aliasStart), let (entity, length) = gazetteer.match(tokens, folded: folded, at: i),
               !(i + length < tokens.count && tokens[i + length].text == "$" && !tokens[i + length].spaceBefore),  // US$
               // "George Washington": a place's alias after a given name is a surname (not a canonical name: "Tang China")
               !(entity.kind == .place && length == 1 && i > 0 && caps[i - 1] && !taken[i - 1] && entity.name != tokens[i].text
                 && cls[i - 1].contains(.givenName) && !cls[i - 1].contains(.function)),
               // "Vladimir Putin", "Florence Nightingale": a given name that is also a city's, before a surname, is a
               // person's (the name rules below take it)
               !(entity.kind == .place && length == 1 && cls[i].contains(.givenPlace) && isSurname(tokens, cls, caps, taken, at: i + 1)),
               // a person's short alias that another capitalized word goes on from starts another name: "Premier Li"
               // (Li Keqiang) in "Premier Li Qiang", "Michel" (Charles Michel) in "Michel Rocard"; the name rules below
               // take it ("President Xi Jinping" is Xi Jinping again). Not the full name: "Xi Jinping Thought"
               !(entity.kind == .person && i + length < tokens.count && caps[i + length] && tokens[i + length].spaceBefore
                 && !taken[i + length] && !cls[i + length].contains(.function) && !cls[i + length].contains(.titleWord)
                 && TextFolding.key(text(tokens, i..<(i + length))) != entity.key) {
                mentions.append(Mention(entity: entity, tokens: i..<(i + length)))
                for k in i..<(i + length) { taken[k] = true }
                i += length
            } else {
                i += 1
            }
        }

        // 1b. A place that starts the name of a treaty, war or other event belongs to that name, which is no entity:
        //     "Paris Agreement", "Kyoto Protocol", "Vietnam War", "Lomé Convention" (as "Treaty of Vienna" below).
        mentions.removeAll { m in
            let k = m.tokens.upperBound
            guard m.entity.kind == .place, k < tokens.count, caps[k], tokens[k].spaceBefore, Self.documentAndWarWords.contains(folded[k]) else { return false }
            for t in m.tokens.lowerBound...k { taken[t] = true }
            return true
        }

        // 1c. An organization's name goes on after "of" or "for": "Nordic Council" + "of Ministers".
        for (n, m) in mentions.enumerated() where m.entity.kind == .organization {
            var k = m.tokens.upperBound
            guard k + 1 < tokens.count, folded[k] == "of" || folded[k] == "for" else { continue }
            k += folded[k + 1] == "the" && k + 2 < tokens.count ? 2 : 1
            guard !taken[k], !cls[k].contains(.aliasStart) else { continue }
            let end = nameTail(tokens, folded, cls, from: k, mentions: mentions)
            guard end > k, !(k..<end).contains(where: { taken[$0] }) else { continue }
            let range = m.tokens.lowerBound..<end
            mentions[n] = Mention(entity: resolve(tokens, folded, range) ?? Entity(name: text(tokens, range), kind: .organization), tokens: range)
            for t in range { taken[t] = true }
        }

        // 2. A name after a title: "Premier Li Keqiang", "King Philippe", "Dr. John G. Smith".
        i = 0
        while i < tokens.count {
            guard caps[i] || cls[i].contains(.lowercaseTitle), !taken[i],
                  !(folded[i] == "sheikh" && i > 0 && cls[i - 1].contains(.givenName) && tokens[i - 1].isCapitalized),
                  let titleLength = titleLength(folded, cls, at: i) else {
                i += 1
                continue
            }
            var k = i + titleLength
            if k < tokens.count, tokens[k].isPunctuation(".") { k += 1 }  // "Dr. Smith"
            // "Ambassador to Somalia Atoshisa Takata", "Prime Minister of Japan Shinzō Abe"
            if k + 1 < tokens.count, ["to", "of", "in"].contains(folded[k]),
               let place = mentions.first(where: { $0.tokens.lowerBound == k + 1 && $0.entity.kind == .place }),
               place.tokens.upperBound < tokens.count, tokens[place.tokens.upperBound].isCapitalized,
               !taken[place.tokens.upperBound] {
                k = place.tokens.upperBound
            }
            let nameEnd = personNameEnd(tokens, folded: folded, cls: cls, from: k, taken: taken)
            let nameWords = (k..<nameEnd).filter { tokens[$0].isWord }
            if nameEnd > k, !nameWords.contains(where: { !cls[$0].isDisjoint(with: [.organization, .event, .placeWord]) }),
               !(nameWords.count == 1 && cls[nameWords[0]].isAdjectiveLike) {
                let name = text(tokens, k..<nameEnd)
                let entity = resolve(tokens, folded, k..<nameEnd) ?? Entity(name: name, kind: .person)
                mentions.append(Mention(entity: entity, tokens: k..<nameEnd))
                for t in i..<nameEnd { taken[t] = true }
                i = nameEnd
            } else {
                i += titleLength
            }
        }

        // 3. Capitalized names of several words (kind from their words), single capitalized words after "in", "to", "at".
        i = 0
        while i < tokens.count {
            guard caps[i], !taken[i] else {
                i += 1
                continue
            }
            var start = i
            // skip sentence openers and other stop words
            if cls[i].contains(.function) || cls[i].contains(.titleWord) || Self.isCompoundModifier(folded[i])
                || (i + 1 < tokens.count && tokens[i + 1].text == "$" && !tokens[i + 1].spaceBefore) {
                i += 1
                continue
            }
            var end = nameRunEnd(tokens, folded: folded, cls: cls, from: start, taken: taken, heads: heads)
            // the commonest case, one capitalized word with no place word before it nor a name or "of" after it:
            // no entity, and nothing to build
            if end == start + 1, !(end < tokens.count && (taken[end] || folded[end] == "of")),
               !(start > 0 && (folded[start - 1] == "of" || cls[start - 1].contains(.placePreposition))) {
                i = end
                continue
            }
            // a sentence's first word before "of" is a common noun unless it is a name's word: "Students of Nkata
            // University", but "Ministry of Culture", "Republic of Abkhazia"
            if start + 2 < end, folded[start + 1] == "of", Self.isSentenceStart(tokens, start),
               !cls[start].contains(.organization), !cls[start].contains(.placeWord),
               !cls[start].contains(.placeHead), !cls[start].contains(.event) {
                start += folded[start + 2] == "the" ? 3 : 2
                guard start < end, tokens[start].isCapitalized else {
                    i = end
                    continue
                }
            }
            // a person after an organization's name: "Speaker of Parliament Jassem Al-Kharafi"
            if let g = (start + 1..<end).first(where: { cls[$0].contains(.givenName) && cls[$0 - 1].contains(.organization) }) {
                end = g
            }
            // a title inside ends the name: "Belgian Prime Minister Di Rupo" (not "Sheikh" after a given name)
            // ("Foreign" before "Ministry", "State" before "Council" name a body, not a person's title)
            if let t = (start + 1..<end).first(where: { cls[$0].contains(.titleWord) && tokens[$0].isCapitalized
                && !(folded[$0] == "sheikh" && cls[$0 - 1].contains(.givenName))
                && !($0 + 1 < end && cls[$0 + 1].contains(.organization)) }),
               !(start..<t).contains(where: { cls[$0].contains(.organization) }) { end = t }
            // trim trailing connectors and dots
            while end > start + 1, cls[end - 1].contains(.connector) || tokens[end - 1].text == "." { end -= 1 }
            let words = (start..<end).filter { tokens[$0].isWord }
            let lead = start > 0 ? folded[start - 1] : ""
            // one word before "of" and a gazetteer place: "Government of Sudan", "Republic of Abkhazia"
            let beforeOfPlace = words.count == 1 && end + 1 < tokens.count && folded[end] == "of"
                && (cls[start].contains(.organization) || cls[start].contains(.placeHead) || cls[start].contains(.event))
                && mentions.contains { $0.entity.kind == .place && $0.tokens.lowerBound == (folded[end + 1] == "the" ? end + 2 : end + 1) }
            if words.count >= 2 || beforeOfPlace || colonialPlace(tokens, folded, cls, start..<end, mentions) != nil {
                let found = mentions.count
                if let entity = resolve(tokens, folded, start..<end) {
                    mentions.append(Mention(entity: entity, tokens: start..<end))
                } else if let m = placeHead(tokens, folded, cls, start..<end, mentions) {
                    // "Republic of Abkhazia": the place's own name, spelled out
                    let place = mentions[m]
                    mentions[m] = Mention(entity: place.entity, tokens: start..<place.tokens.upperBound)
                    for t in start..<place.tokens.upperBound { taken[t] = true }
                } else if let m = colonialPlace(tokens, folded, cls, start..<end, mentions) {
                    // "French Indochina", "Italian East Africa": a place of its own
                    let place = mentions[m]
                    let range = start..<place.tokens.upperBound
                    mentions[m] = Mention(entity: resolve(tokens, folded, range) ?? Entity(name: text(tokens, range), kind: .place), tokens: range)
                    for t in range { taken[t] = true }
                } else if (start..<end).contains(where: { cls[$0].contains(.event) }),
                          !(start..<end).contains(where: { cls[$0].contains(.organization) }) {
                    // "Treaty of Vienna", "Battle of Khafji": the place belongs to the event's name, which is no entity
                    var dropped = mentions
                    let range = absorbPlaces(tokens, folded, cls, start..<end, &dropped)
                    if range != start..<end { mentions = dropped }
                    for t in range { taken[t] = true }
                } else if let kind = multiWordKind(tokens, folded, cls, start..<end, lead: lead), tokens[end - 1].end - tokens[start].start <= 120 {
                    var range = start..<end
                    if kind == .organization || kind == .place { range = absorbPlaces(tokens, folded, cls, range, &mentions) }
                    let entity = kind == .organization ? institution(tokens, folded, range) : nil
                    mentions.append(Mention(entity: entity ?? Entity(name: text(tokens, range), kind: kind), tokens: range))
                    for t in range { taken[t] = true }  // the place and the words after it too ("Embassy of Japan Cultural Centre")
                } else if words.count <= 4, let last = words.last,
                          mentions.contains(where: { $0.entity.kind == .person && $0.tokens.count == 1 && folded[$0.tokens.lowerBound] == folded[last] }),
                          multiWordKind(tokens, folded, cls, start..<end, lead: "") == nil {
                    // "Tatsushi Terada" where "Minister Terada" names a person
                    mentions.append(Mention(entity: Entity(name: text(tokens, start..<end), kind: .person), tokens: start..<end))
                } else if let j = (start + 1..<end).first(where: { tokens[$0].isWord && cls[$0].contains(.givenName) }),
                          multiWordKind(tokens, folded, cls, j..<end, lead: "") == .person {
                    // "Foreign Affairs Winston Peters": the name starts at the given name
                    mentions.append(Mention(entity: Entity(name: text(tokens, j..<end), kind: .person), tokens: j..<end))
                }
                // a name of no known kind stays free for the lists and surnames below
                if mentions.count > found { for t in start..<end { taken[t] = true } }
            } else if words.count == 1,
                      start > 0 && cls[start - 1].contains(.placePreposition) || lead == "of" && start >= 2 && cls[start - 2].contains(.placeNoun),
                      isSingleName(tokens, folded, cls, start) {
                let name = String(tokens[start].text)
                let entity = resolve(tokens, folded, start..<end) ?? Entity(name: name, kind: .place)
                mentions.append(Mention(entity: entity, tokens: start..<end))
                taken[start] = true
                // a list: "in Namur and Antwerp", "in Shanghai, Guangzhou and Hong Kong"
                var k = end
                while k + 1 < tokens.count, folded[k] == "," || folded[k] == "and" {
                    var n = k + 1
                    if folded[k] == "," && folded[n] == "and" { n += 1 }
                    guard n < tokens.count, tokens[n].isCapitalized, !taken[n], isSingleName(tokens, folded, cls, n) else { break }
                    var e = n + 1
                    while e < tokens.count, tokens[e].isCapitalized, !taken[e] { e += 1 }
                    if (n..<e).contains(where: { !cls[$0].isDisjoint(with: [.event, .organization]) }) { break }
                    let listed = text(tokens, n..<e)
                    let listedEntity = resolve(tokens, folded, n..<e) ?? Entity(name: listed, kind: .place)
                    mentions.append(Mention(entity: listedEntity, tokens: n..<e))
                    for t in n..<e { taken[t] = true }
                    k = e
                }
                i = k
                continue
            }
            i = max(end, i + 1)
        }

        // 3b. A list after a place in "in", "to", "at", or opening brackets: "consulates in Brno and Karlovy Vary",
        //     "three honorary consulates (Cork, Limerick and Waterford)".
        for m in mentions where m.entity.kind == .place && m.tokens.lowerBound > 0
            && (cls[m.tokens.lowerBound - 1].contains(.placePreposition) || folded[m.tokens.lowerBound - 1] == "(") {
            // in brackets, only a list the bracket closes: "(Paris, Gallimard, 1998)" is a citation
            let bracketed = folded[m.tokens.lowerBound - 1] == "("
            let listed = mentions.count  // the mentions the list adds come after these
            var k = m.tokens.upperBound
            while k + 1 < tokens.count, folded[k] == "," || folded[k] == "and" {
                var n = k + 1
                if folded[k] == "," && folded[n] == "and" { n += 1 }
                guard n < tokens.count, tokens[n].isCapitalized, isSingleName(tokens, folded, cls, n) else { break }
                if taken[n] {  // the next place of the list is known: go on after it
                    guard let next = mentions.first(where: { $0.tokens.lowerBound == n && $0.entity.kind == .place }) else { break }
                    k = next.tokens.upperBound
                    continue
                }
                var e = n + 1
                while e < tokens.count, tokens[e].isCapitalized, !taken[e] { e += 1 }
                guard e - n <= 3, !(n..<e).contains(where: { !cls[$0].isDisjoint(with: [.event, .organization, .givenName]) }) else { break }
                mentions.append(Mention(entity: resolve(tokens, folded, n..<e) ?? Entity(name: text(tokens, n..<e), kind: .place), tokens: n..<e))
                for t in n..<e { taken[t] = true }
                k = e
            }
            if bracketed, !(k < tokens.count && folded[k] == ")") {
                // the list added only names of words nobody had taken: it is undone by freeing them again
                for added in mentions[listed...] { for t in added.tokens { taken[t] = false } }
                mentions.removeSubrange(listed...)
            }
        }

        // 4. An abbreviation given in brackets after a name stands for it: "Baltic Development Forum (BDF) … the BDF".
        //    (The file's other passages: `Tagger.resolveNames`.)
        var abbreviations: [String: Entity] = [:]
        for (token, entity) in Self.abbreviations(mentions, tokens) {
            abbreviations[folded[token]] = entity
            taken[token] = true
        }
        if !abbreviations.isEmpty {
            for k in tokens.indices where !taken[k] && capitalWords[k] {
                if let entity = abbreviations[folded[k]] {
                    mentions.append(Mention(entity: entity, tokens: k..<(k + 1)))
                    taken[k] = true
                }
            }
        }

        // 5. A surname alone after the full name in the passage: "Donald Trump ... Trump".
        //    A surname with its particles is the same: "Alexander De Croo … De Croo", "Herman Van Rompuy … Van Rompuy".
        func particleSurname(_ m: Mention) -> String? {
            Self.particleSurname(m.tokens.filter { tokens[$0].isWord }.map { folded[$0] })
        }
        let people = mentions.filter { $0.entity.kind == .person && $0.tokens.count >= 2 }
        if !people.isEmpty {
            var surnames: [String: Entity] = [:]
            for m in people where particleSurname(m) == nil {
                if let last = m.tokens.last(where: { tokens[$0].isWord }) { surnames[folded[last]] = m.entity }
            }
            for (n, m) in mentions.enumerated() where m.entity.kind == .person {
                if let surname = particleSurname(m), let person = surnames[surname], person != m.entity {
                    mentions[n] = Mention(entity: person, tokens: m.tokens)
                }
            }
            // (not a month: "Theresa May … In May")
            for k in tokens.indices where !taken[k] && caps[k] && !cls[k].contains(.month) {
                if let person = surnames[folded[k]], !(k + 1 < tokens.count && tokens[k + 1].isCapitalized),
                   !(k > 0 && tokens[k - 1].isCapitalized && !taken[k - 1] && !cls[k - 1].contains(.function)) {
                    mentions.append(Mention(entity: person, tokens: k..<(k + 1)))
                    taken[k] = true
                }
            }
        }
        return mentions.sorted { $0.tokens.lowerBound < $1.tokens.lowerBound }
    }

    /// A run of a demonym and adjectives right before a gazetteer place ("French" + "Indochina", "Italian East" +
    /// "Africa"): the index of that place's mention.
    func colonialPlace(_ tokens: [Token], _ folded: [String], _ cls: [WordClass], _ range: Range<Int>, _ mentions: [Mention]) -> Int? {
        // most runs are one capitalized word that is no demonym: answered before building anything
        guard cls[range.lowerBound].contains(.demonym) else { return nil }
        let words = range.filter { tokens[$0].isWord }
        guard let first = words.first, cls[first].contains(.demonym),
              words.allSatisfy({ cls[$0].isAdjectiveLike }), range.upperBound < tokens.count, tokens[range.upperBound].spaceBefore
        else { return nil }
        return mentions.firstIndex { $0.tokens.lowerBound == range.upperBound && $0.entity.kind == .place }
    }

    /// A country's institution named with its demonym, under its usual canonical name: "Irish Government" →
    /// "Government of Ireland", "Malaysian Parliament" → "Parliament of Malaysia".
    func institution(_ tokens: [Token], _ folded: [String], _ range: Range<Int>) -> Entity? {
        let words = range.filter { tokens[$0].isWord }
        guard words.count >= 2, let country = gazetteer.demonyms[folded[words[0]]],
              let last = words.last, ["government", "parliament", "assembly", "senate", "cabinet", "congress"].contains(folded[last])
        else { return nil }
        return Entity(name: text(tokens, words[1]..<range.upperBound) + " of " + country.name, kind: .organization)
    }

    /// "Republic of", "Autonomous Republic of" right before a gazetteer place: the index of that place's mention.
    func placeHead(_ tokens: [Token], _ folded: [String], _ cls: [WordClass], _ range: Range<Int>, _ mentions: [Mention]) -> Int? {
        let words = range.filter { tokens[$0].isWord }
        guard let head = words.last, cls[head].contains(.stateHead),
              words.dropLast().allSatisfy({ Self.stateAdjectives.contains(folded[$0]) }),
              range.upperBound + 1 < tokens.count, folded[range.upperBound] == "of" else { return nil }
        let next = folded[range.upperBound + 1] == "the" ? range.upperBound + 2 : range.upperBound + 1
        return mentions.lastIndex { $0.tokens.lowerBound == next && $0.entity.kind == .place }
    }

    /// An organization's name with the gazetteer place right before it or after its "of": "Singapore Armed
    /// Forces", "Government of Sudan" (the place's own mention is then part of the name, and removed).
    func absorbPlaces(_ tokens: [Token], _ folded: [String], _ cls: [WordClass], _ range: Range<Int>, _ mentions: inout [Mention]) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        if lower > 0, tokens[lower].spaceBefore, !cls[lower].contains(.demonym),
           let m = mentions.lastIndex(where: { $0.tokens.upperBound == lower && $0.entity.kind == .place && tokens[$0.tokens.lowerBound].isCapitalized }) {
            lower = mentions[m].tokens.lowerBound
            mentions.remove(at: m)
        }
        if upper + 1 < tokens.count, folded[upper] == "of" {
            let next = folded[upper + 1] == "the" ? upper + 2 : upper + 1
            if let m = mentions.lastIndex(where: { $0.tokens.lowerBound == next && $0.entity.kind == .place }) {
                upper = mentions[m].tokens.upperBound
                mentions.remove(at: m)
                // the name goes on after the place: "Council of the Baltic Sea States"
                upper = nameTail(tokens, folded, cls, from: upper, mentions: mentions)
            }
        }
        return lower..<upper
    }

    /// The end of the capitalized words that go on a name at `k` ("States" of "Council of the Baltic Sea States",
    /// "Ministers" of "Nordic Council of Ministers"): at most three, none a name found already, nor a word the rules
    /// know as something else (stop, title, given name, month, event, demonym).
    /// Nothing is added (`k` returned) when the name would go on past them: a fourth capitalized word, or "of".
    func nameTail(_ tokens: [Token], _ folded: [String], _ cls: [WordClass], from k: Int, mentions: [Mention]) -> Int {
        var end = k
        let other: WordClass = [.stop, .titleWord, .givenName, .givenPlace, .month, .event]
        while end < tokens.count, end - k < 3, tokens[end].isCapitalized, tokens[end].spaceBefore,
              cls[end].isDisjoint(with: other), !cls[end].isAdjectiveLike,
              !mentions.contains(where: { $0.tokens.contains(end) }) {
            end += 1
        }
        if end < tokens.count, tokens[end].isCapitalized || folded[end] == "of" { return k }
        return end
    }

    /// Marks runs of words in capitals as no names: a run of two or more at the start of a passage (a heading
    /// glued to its text), and any run of three or more. Two capital words inside a sentence ("NORTH KOREA") stay.
    static func blockCapitalRuns(_ tokens: [Token], _ capitalWords: [Bool], _ taken: inout [Bool]) {
        var i = 0
        while i < tokens.count {
            guard capitalWords[i] else {
                i += 1
                continue
            }
            var end = i + 1, words = 1
            while end < tokens.count, capitalWords[end] || (tokens[end].kind == .punctuation && !Self.stops.contains(tokens[end].text)) {
                if tokens[end].isWord { words += 1 }
                end += 1
            }
            if words >= 3 || (words >= 2 && i == 0) {
                for k in i..<end { taken[k] = true }
            }
            i = end
        }
    }

    static let stops: Set<String> = [".", "!", "?", ";", ":"]

    /// Whether token `k` starts a sentence (or the passage).
    static func isSentenceStart(_ tokens: [Token], _ k: Int) -> Bool {
        var j = k - 1
        while j >= 0, tokens[j].kind == .punctuation, ["\"", "'", "(", "\u{201C}", "\u{2018}"].contains(String(tokens[j].text)) { j -= 1 }
        return j < 0 || tokens[j].kind == .punctuation && [".", "!", "?", ":", ";"].contains(String(tokens[j].text))
    }

    /// A word of two or more letters, all capitals ("KOREA", not "K" or "Korea").
    static func isCapitalWord(_ t: Token) -> Bool {
        guard t.isWord else { return false }
        // ASCII first: most words end the test at their first lower-case byte
        var letters = 0
        for b in t.text.utf8 {
            if b >= 0x80 { return isCapitalWordSlow(t.text) }
            if b >= 0x61 && b <= 0x7A { return false }
            if b >= 0x41 && b <= 0x5A { letters += 1 }
        }
        return letters >= 2
    }

    static func isCapitalWordSlow(_ text: String) -> Bool {
        var letters = 0
        for c in text.unicodeScalars where c.properties.isAlphabetic {
            if !c.properties.isUppercase { return false }
            letters += 1
        }
        return letters >= 2
    }

    /// End of a run of capitalized words from `start`, with connectors ("Ministry of Foreign Affairs"), numbers
    /// ("Apollo 11"), and the dots of initials and "St." ("John G. Diefenbaker").
    func nameRunEnd(_ tokens: [Token], folded: [String], cls: [WordClass], from start: Int, taken: [Bool], heads: Set<Int> = []) -> Int {
        var end = start + 1
        if heads.contains(start) { return end }
        while end < tokens.count, !taken[end] {
            if heads.contains(end) {
                // "John Key-led", "Ennahda Movement-affiliated"; not "Ennahda Movement Islamic-oriented"
                let orgSoFar = (start..<end).contains { cls[$0].contains(.organization) }
                return orgSoFar && !cls[end].contains(.organization) ? end : end + 1
            }
            if Self.isCompoundModifier(folded[end]) { break }  // "John Key-led", "KDP-sponsored"
            if folded[end] == "'" || folded[end] == "\u{2019}", folded[end - 1] == "people", end + 2 < tokens.count,
               folded[end + 1] == "s", !tokens[end + 1].spaceBefore, tokens[end + 2].isCapitalized, !taken[end + 2] {
                end += 2  // "People's Protection Units"
            } else if tokens[end].isCapitalized && !cls[end].contains(.function) || (tokens[end].kind == .number && tokens[end - 1].isCapitalized && isNameNumber(tokens, end))
                        || isMonthSurname(tokens, cls, end)
                        || Self.isRegnalNumber(tokens[end].text) && tokens[end - 1].isCapitalized
                           && cls[end - 1].isDisjoint(with: [.organization, .placeWord, .event]) {
                end += 1
            } else if Gazetteer.isInitialDot(tokens, end), tokens[end + 1].isCapitalized, !taken[end + 1] {
                end += 1
            } else if tokens[end].isWord, Self.hasArabicArticle(folded[end]) {
                end += 1  // "Omar al-Bashir", "Abdel Fattah el-Sisi"
            } else if cls[end].contains(.particle), !cls[end].contains(.connector), end + 1 < tokens.count,
                      tokens[end + 1].isCapitalized, !taken[end + 1] {
                end += 1  // "Hamad bin Khalifa"
            } else if cls[end].contains(.connector), end + 1 < tokens.count, !taken[end + 1],
                      tokens[end + 1].isCapitalized || ((folded[end] == "of" || folded[end] == "for") && folded[end + 1] == "the" && end + 2 < tokens.count && tokens[end + 2].isCapitalized && !taken[end + 2]) {
                // "and" joins two names only inside an organization's: "Ministry of Culture and Tourism", "Fund for
                // Economic and Social Development", not "China and Belgium"
                if folded[end] == "and" && !hasOrganizationWord(folded, cls, end + 1, tokens)
                    && !(folded[start..<end].contains("for") && (start..<end).contains { cls[$0].contains(.organization) }) { break }
                end += (folded[end] == "of" || folded[end] == "for") && folded[end + 1] == "the" ? 2 : 1
            } else {
                break
            }
        }
        return end
    }

    /// Suffixes that make a capitalized word a modifier, not part of a name: "Somali-inhabited", "Key-led".
    static let modifierSuffixes: [String] = [
        "-led", "-based", "-sponsored", "-affiliated", "-inhabited", "-oriented", "-speaking", "-backed",
        "-controlled", "-born", "-owned", "-run", "-style", "-type", "-dominated", "-majority", "-allied", "-held",
    ]

    static func isCompoundModifier(_ word: String) -> Bool {
        word.utf8.contains(0x2D) && modifierSuffixes.contains { word.hasSuffix($0) }
    }

    /// The folded surname of a person's name that is a surname with its particles and no given name ("van
    /// rompuy", "de croo" → "rompuy", "croo"), from its folded words; nil for any other name.
    static func particleSurname(_ words: [String]) -> String? {
        guard words.count >= 2, words.dropLast().allSatisfy(particles.contains) else { return nil }
        return words.last
    }

    /// A month's name right after a capitalized given name, no number after it: a surname ("Theresa May").
    func isMonthSurname(_ tokens: [Token], _ cls: [WordClass], _ k: Int) -> Bool {
        k > 0 && cls[k].contains(.month) && cls[k - 1].contains(.givenName) && tokens[k].isCapitalized
            && tokens[k - 1].isCapitalized && !(k + 1 < tokens.count && tokens[k + 1].kind == .number)
    }

    /// A Roman number from I to XX as written after a monarch's or pope's name.
    static func isRegnalNumber(_ text: String) -> Bool {
        // a screen before the set: at most 5 bytes, the first I, V or X
        guard text.utf8.count <= 5, let b = text.utf8.first, b == UInt8(ascii: "I") || b == UInt8(ascii: "V") || b == UInt8(ascii: "X") else { return false }
        return regnalNumbers.contains(text)
    }
    static let regnalNumbers: Set<String> = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
                                             "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX"]

    /// "al-Bashir", "el-Sisi" (folded).
    static func hasArabicArticle(_ word: String) -> Bool {
        let u = word.utf8
        guard u.count > 3, let a = u.first, a == 0x61 || a == 0x65 else { return false }
        var it = u.makeIterator()
        _ = it.next()
        return it.next() == 0x6C && it.next() == 0x2D
    }

    /// A single capitalized word that may be a place after "in", "to", "at": not a stop word, demonym, capital
    /// heading word, month, nor a one-letter word.
    func isSingleName(_ tokens: [Token], _ folded: [String], _ cls: [WordClass], _ k: Int) -> Bool {
        !cls[k].contains(.stop) && !cls[k].isAdjectiveLike && tokens[k].text.count > 1
            && !cls[k].contains(.event) && !cls[k].contains(.organization)
            && !cls[k].contains(.titleWord) && !cls[k].contains(.month) && !Self.isCapitalWord(tokens[k])
            && !folded[k].hasSuffix("ish") && !folded[k].hasSuffix("ese") && !Self.isCompoundModifier(folded[k])
            // a hyphenated pair of known names is none ("the state of India-Italy relations": `hyphenatedParts`)
            && !(folded[k].utf8.contains(0x2D) && folded[k].split(separator: "-").allSatisfy { part in
                gazetteer.resolve(key: String(part)).map { $0.kind == .place || $0.kind == .organization } ?? false
            })
    }

    /// A demonym or adjective ("Canadian", "Somalis"), for a word that is no token of its own (a part of
    /// "Russo-Georgian"): never an entity alone. A token's is `WordClass.isAdjectiveLike` of its class.
    func isAdjective(_ word: Substring) -> Bool { (classes[String(word)] ?? []).isAdjectiveLike }

    /// Words of ministers' portfolios: "Foreign Affairs Winston Peters" is a person after them.
    static let portfolioWords: Set<String> = [
        "affairs", "relations", "trade", "defence", "defense", "interior", "justice", "finance", "economy",
        "development", "security", "health", "education", "culture", "agriculture", "energy", "commerce", "industry",
        "labour", "labor", "transport", "environment", "tourism", "information", "communications", "planning",
    ]

    static let compass: Set<String> = [
        "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "northeast",
        "northwest", "southeast", "southwest", "upper", "lower", "greater", "pro", "anti", "trans", "pan",
    ]

    /// The abbreviations a passage defines: a name other than a person's, then one word in capitals in brackets
    /// whose first letter starts a word of the name ("Baltic Development Forum (BDF)", "Kurdistan Workers' Party
    /// (PKK)"; not "the Tribunal for the former Yugoslavia (ICTY)", where the name found is only its last word);
    /// the abbreviation's token and what it stands for.
    static func abbreviations(_ mentions: [Mention], _ tokens: [Token]) -> [(token: Int, entity: Entity)] {
        var found: [(token: Int, entity: Entity)] = []
        for m in mentions where m.entity.kind != .person {
            let k = m.tokens.upperBound
            guard k + 2 < tokens.count, tokens[k].text == "(", Self.isCapitalWord(tokens[k + 1]), tokens[k + 2].text == ")",
                  let initial = tokens[k + 1].folded.unicodeScalars.first else { continue }
            let starts = m.tokens.contains { tokens[$0].isWord && tokens[$0].folded.unicodeScalars.first == initial }
                || Tokenizer.tokenize(m.entity.name).contains { $0.isWord && $0.folded.unicodeScalars.first == initial }
            if starts { found.append((k + 1, m.entity)) }
        }
        return found
    }

    /// The places and organizations a hyphenated word joins, each a mention spanning the word (with what is glued to
    /// it, the dots of "EU-U.S.", and the words that finish a part's name, "South Korea-United States"): "EU-China
    /// summit", "India-ASEAN", "Nepal-China border", "anti-EU", "OAU-UN-supervised", "Addis Ababa-Djibouti Railway".
    /// Every capitalized part must be a place or an organization the gazetteer knows, or the word names none: "Sino-Indian",
    /// "Indo-US", "Euro-Atlantic", "Al-Qaeda". A word inside the name of a person or place is that name's (one the
    /// gazetteer knows whole as a place: "Guinea-Bissau", "Asia-Pacific"); inside an organization's name ("Nigeria-Niger
    /// Joint Commission") its parts are named too; in a heading in capitals, none. Apart from `tag`, whose mentions the
    /// event coder and the topic words read: the parts share one word, a modifier, not an actor.
    func hyphenatedParts(_ tokens: [Token], folded: [String], _ mentions: [Mention]) -> [Mention] {
        // (each part that starts with a capital must start a gazetteer name, but the first when a capitalized word
        // before it may: "United States-Singapore"; most hyphenated words end here)
        let candidates = tokens.indices.filter { k in
            tokens[k].kind == .word && folded[k].utf8.contains(0x2D) && Self.hasCapitalPart(tokens[k].text)
                && zip(tokens[k].text.split(separator: "-"), folded[k].split(separator: "-")).enumerated().allSatisfy { n, pair in
                    !(pair.0.first?.isUppercase ?? false) || n == 0 && k > 0 && tokens[k - 1].isCapitalized
                        || classes[String(pair.1)]?.contains(.aliasStart) ?? false
                }
                && !mentions.contains { $0.tokens.contains(k) && $0.entity.kind != .organization }
        }
        guard !candidates.isEmpty else { return [] }
        var heading = [Bool](repeating: false, count: tokens.count)
        if candidates.contains(where: { Self.isCapitalWord(tokens[$0]) }) {
            Self.blockCapitalRuns(tokens, tokens.map(Self.isCapitalWord), &heading)
        }
        // a capitalized word on its own, which may finish a part's name (a name found in it is shorter: "Korea" of
        // "Japan-South Korea")
        func free(_ k: Int) -> Bool { tokens[k].isWord && tokens[k].isCapitalized && tokens[k].spaceBefore }
        var found: [Mention] = []
        for k in candidates where !heading[k] {
            // the word and what is glued to it: "EU-U" "." "S" "."
            var end = k + 1
            while end < tokens.count, !tokens[end].spaceBefore, tokens[end].kind == .word || tokens[end].text == "." { end += 1 }
            let parts = tokens[k..<end].map(\.text).joined().split(separator: "-")
            var entities: [Entity] = []
            var range = k..<end
            for (n, part) in parts.enumerated() {
                let own = Tokenizer.tokenize(String(part))
                guard let first = own.first, first.isCapitalized else { continue }  // "anti", "led", "20"
                // the first part's name may start before the word ("South Korea-Japan"), the last's go on after it
                var before = 0, after = 0
                if n == 0 { while before < 2, k - before - 1 >= 0, tokens[k - before].spaceBefore, free(k - before - 1) { before += 1 } }
                if n == parts.count - 1 { while after < 2, end + after < tokens.count, free(end + after) { after += 1 } }
                let ownWords = (own.lastIndex(where: \.isWord) ?? 0) + 1
                var match: (entity: Entity, lead: Int, extra: Int)?
                for lead in stride(from: before, through: 0, by: -1) {
                    let words = Array(tokens[(k - lead)..<k]) + own + Array(tokens[end..<(end + after)])
                    let folded = words.map(\.lookupForm)
                    // the name covers the part's words (a dot after them may be the sentence's)
                    if let (entity, length) = gazetteer.match(words, folded: folded, at: 0), length >= lead + ownWords {
                        match = (entity, lead, max(0, length - lead - own.count))
                        break
                    }
                }
                guard let (entity, lead, extra) = match, entity.kind == .place || entity.kind == .organization else {
                    entities = []
                    break
                }
                if !entities.contains(entity) { entities.append(entity) }
                range = min(range.lowerBound, k - lead)..<max(range.upperBound, end + extra)
            }
            for entity in entities { found.append(Mention(entity: entity, tokens: range)) }
        }
        return found
    }

    /// Distinct entities in order of first mention.
    public static func distinct(_ mentions: [Mention]) -> [Entity] {
        // a passage names a few entities: comparing with those kept is cheaper than hashing each
        guard mentions.count > 32 else {
            var kept: [Entity] = []
            for m in mentions where !kept.contains(m.entity) { kept.append(m.entity) }
            return kept
        }
        var seen = Set<Entity>()
        return mentions.map(\.entity).filter { seen.insert($0).inserted }
    }

    // MARK: Rules

    /// Titles by their first word, in the order of `titles` (longer forms first).
    static let titlesByFirstWord: [String: [[String]]] = {
        var index: [String: [[String]]] = [:]
        for title in titles { index[title[0], default: []].append(title) }
        return index
    }()

    func titleLength(_ folded: [String], _ cls: [WordClass], at i: Int) -> Int? {
        guard cls[i].contains(.titleStart), let candidates = Self.titlesByFirstWord[folded[i]] else { return nil }
        for title in candidates where i + title.count <= folded.count {
            if title.indices.allSatisfy({ folded[i + $0] == title[$0] }) { return title.count }
        }
        return nil
    }

    /// End of a person's name starting at `k`: 1 to 4 capitalized words, with particles inside.
    func personNameEnd(_ tokens: [Token], folded: [String], cls: [WordClass], from k: Int, taken: [Bool]) -> Int {
        var end = k
        var words = 0
        while end < tokens.count, words < 4, !taken[end] {
            if tokens[end].isCapitalized, !cls[end].contains(.stop) || words > 0 && (Self.isRegnalNumber(tokens[end].text) || isMonthSurname(tokens, cls, end)),
               !cls[end].contains(.titleWord) || end > k && cls[end - 1].contains(.particle) && !tokens[end - 1].isCapitalized,
               !cls[end].contains(.month) || words > 0 {
                // "Mansour bin Zayed bin Sultan Al Nahyan": after a particle a title's word is a name, and a particle
                // ("Al") is no word of the four
                if !cls[end].contains(.particle) { words += 1 }
                end += 1
            } else if words > 0, cls[end].contains(.particle), end + 1 < tokens.count,
                      tokens[end + 1].isCapitalized || cls[end + 1].contains(.particle) && end + 2 < tokens.count && tokens[end + 2].isCapitalized {
                end += 1  // "Ursula von der Leyen": a particle or two before a capitalized word
            } else if words > 0, Gazetteer.isInitialDot(tokens, end), tokens[end + 1].isCapitalized, !taken[end + 1] {
                end += 1
            } else if words > 0, tokens[end].isWord, Self.hasArabicArticle(folded[end]) {
                end += 1
                words += 1
            } else if words > 0, folded[end] == "sheikh", end + 1 < tokens.count, tokens[end + 1].isCapitalized, !taken[end + 1] {
                end += 1  // "Hassan Sheikh Mohamud"
            } else {
                break
            }
        }
        // "Li Keqiang attended": stop before an organization word ("President Xi Summit" is rare); a name ends on
        // no particle
        while end > k, cls[end - 1].contains(.organization) || end - 1 > k && cls[end - 1].contains(.particle) && !tokens[end - 1].isCapitalized {
            end -= 1
        }
        return end
    }

    /// The kind of an unknown multi-word name, from evidence: its words (Ministry, University, Party → an
    /// organization; River, Province, Islands → a place; "Republic of …" → a place), a given name first (a person),
    /// "in", "to", "at" before it (a place). Events, documents and periods (War, Treaty, Dynasty), names made only of
    /// demonyms and adjectives ("South Korean", "Latin American"), and names with no evidence get none.
    func multiWordKind(_ tokens: [Token], _ folded: [String], _ cls: [WordClass], _ range: Range<Int>, lead: String) -> EntityKind? {
        let indices = range.filter { tokens[$0].isWord }
        guard let firstIndex = indices.first, let lastIndex = indices.last else { return nil }
        let words = indices.map { folded[$0] }
        let first = words[0]
        // an organization word wins ("Spring Festival", "North Atlantic Treaty Organization")
        if indices.contains(where: { cls[$0].contains(.event) }), !indices.contains(where: { cls[$0].contains(.organization) }) { return nil }
        if cls[lastIndex].isAdjectiveLike { return nil }  // "Tang Chinese", "Italian Somalis"
        if indices.allSatisfy({ cls[$0].isAdjectiveLike || folded[$0].contains("-") && folded[$0].split(separator: "-").allSatisfy({ isAdjective($0) || gazetteer.resolve(key: String($0)) != nil }) }) { return nil }
        if indices.contains(where: { cls[$0].contains(.organization) }) { return .organization }
        if cls[lastIndex].contains(.placeWord) { return .place }
        // a regnal number after a monarch's or pope's name: "Haile Selassie I", "Juan Carlos I", "Abdullah II" (two
        // words before it, or a given name: "Phase II", "Vatican II" are none)
        if indices.count >= 2, Self.isRegnalNumber(tokens[lastIndex].text) {
            let name = indices.dropLast()
            if name.count <= 3, name.allSatisfy({ folded[$0].count > 1 && Self.isWordOfLetters(folded[$0]) && !Self.isCapitalWord(tokens[$0]) }),
               name.count >= 2 || cls[firstIndex].contains(.givenName) { return .person }
        }
        if cls[firstIndex].contains(.placeHead), words.count >= 3, folded[range].contains("of") { return .place }
        // hyphenated pairs of places or peoples ("Russo-Georgian", "Chinese-Solomon Islanders") are no names
        if words.contains(where: { w in w.contains("-") && w.split(separator: "-").contains { isAdjective($0) } }) { return nil }
        let personShaped = words.count <= 4 && indices.allSatisfy { j in
            let w = folded[j]
            return w.count > 1 && Self.isWordOfLetters(w) || cls[j].contains(.particle) || w.count == 1 && w != first
        }
            && range.allSatisfy { !tokens[$0].isWord || !Self.isCapitalWord(tokens[$0]) }
            && !indices.contains { cls[$0].contains(.innerConnector) }
        if personShaped, !cls[firstIndex].isDisjoint(with: [.givenName, .givenPlace]) { return .person }
        // a surname and a given name of two syllables joined by a hyphen, as Korean and Chinese names are romanized:
        // "Kim Jong-un", "Lee Myung-bak", "Ban Ki-moon", "Tsai Ing-wen", "Chiang Kai-shek"
        if personShaped, words.count == 2, words[0].count <= 6, cls[firstIndex].isEmpty, Self.isSyllablePair(tokens[lastIndex].text) { return .person }
        if personShaped, words.count >= 2, let g = indices.firstIndex(where: { cls[$0].contains(.givenName) }),
           !indices[..<g].contains(where: { cls[$0].contains(.portfolio) }) { return .person }
        // "Joses Tuhanuku, President of …", "Cosmos Richardson, who …"
        if personShaped, words.count >= 2, range.upperBound + 1 < tokens.count, folded[range.upperBound] == "," {
            var k = range.upperBound + 1
            if ["the", "a", "then", "former", "now"].contains(folded[k]), k + 1 < tokens.count { k += 1 }
            if folded[k] == "who" || titleLength(folded, cls, at: k) != nil { return .person }
        }
        if Self.placeLeads.contains(lead) { return .place }
        // (not a leading article: "La Spezia", "La Francophonie")
        if personShaped, words.count >= 2, first != "la",
           indices.contains(where: { cls[$0].contains(.particle) || folded[$0].hasPrefix("al-") || folded[$0].hasPrefix("el-") }) { return .person }
        return nil
    }

    /// Whether the token at `k` reads as the surname that ends a two-word name: a capitalized word after a space,
    /// untaken, of no class the rules know (no stop, title, place, organization or event word, month, demonym, nor
    /// the start of a gazetteer name), with no capitalized word after it.
    func isSurname(_ tokens: [Token], _ cls: [WordClass], _ caps: [Bool], _ taken: [Bool], at k: Int) -> Bool {
        guard k < tokens.count, caps[k], !taken[k], tokens[k].spaceBefore, !(k + 1 < tokens.count && caps[k + 1]) else { return false }
        let known: WordClass = [.stop, .titleWord, .placeWord, .placeHead, .organization, .event, .month, .connector,
                                .aliasStart, .givenPlace]
        return cls[k].isDisjoint(with: known) && !cls[k].isAdjectiveLike
    }

    /// Whether a word has a hyphen and a part that starts with a capital ("EU-China", "anti-EU"; not "year-on-year").
    static func hasCapitalPart(_ word: String) -> Bool {
        var hyphen = false, capital = false, start = true
        for b in word.utf8 {
            if b == 0x2D {
                hyphen = true
                start = true
                continue
            }
            if start, b >= 0x41 && b <= 0x5A || b >= 0x80 { capital = true }  // (a letter beyond ASCII: the part is looked at)
            start = false
        }
        return hyphen && capital
    }

    /// A romanized given name of two syllables: a capital and up to four letters, a hyphen, up to five lower-case
    /// letters ("Jong-un", "Myung-bak", "Ing-wen"); not a word and its modifier ("Seoul-based") nor a noun made of a verb
    /// and its particle ("Buy-back", "Set-up", "Cut-off").
    static func isSyllablePair(_ text: String) -> Bool {
        let b = Array(text.utf8)
        guard let h = b.firstIndex(of: 0x2D), h >= 2, h <= 5, b.count - h - 1 >= 1, b.count - h - 1 <= 5,
              b[0] >= 0x41 && b[0] <= 0x5A else { return false }
        let lower = { (c: UInt8) in c >= 0x61 && c <= 0x7A }
        return b[1..<h].allSatisfy(lower) && b[(h + 1)...].allSatisfy(lower) && !isCompoundModifier(text.lowercased())
            && !verbParticles.contains(String(decoding: b[(h + 1)...], as: UTF8.self))
    }

    /// The particles of English phrasal nouns ("buy-back", "spin-off", "follow-up").
    static let verbParticles: Set<String> = ["up", "off", "back", "out", "down", "over", "away", "about"]

    /// Whether a folded word is letters, hyphens and apostrophes only ("al-bashir", "o'neill"), read from the bytes
    /// when it is ASCII (walking Characters breaks graphemes).
    static func isWordOfLetters(_ w: String) -> Bool {
        if w.utf8.allSatisfy({ $0 < 0x80 }) {
            return w.utf8.allSatisfy { b in (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b == 0x2D || b == 0x27 }
        }
        return w.allSatisfy { $0.isLetter || $0 == "-" || $0 == "'" }
    }

    func hasOrganizationWord(_ folded: [String], _ cls: [WordClass], _ from: Int, _ tokens: [Token]) -> Bool {
        var k = from
        while k < tokens.count, tokens[k].isCapitalized || cls[k].contains(.connector) {
            if cls[k].contains(.organization) { return true }
            k += 1
        }
        return false
    }

    func isNameNumber(_ tokens: [Token], _ i: Int) -> Bool {
        // "Apollo 11" but not "March 2014"
        tokens[i].text.count <= 2
    }

    /// The gazetteer's entity for the words of `range`, from their folded forms (what `Gazetteer.resolve` would
    /// make of the range's text, without tokenizing and folding it again).
    func resolve(_ tokens: [Token], _ folded: [String], _ range: Range<Int>) -> Entity? {
        gazetteer.resolve(key: range.filter { tokens[$0].kind != .punctuation }.map { folded[$0] }.joined(separator: " "))
    }

    func text(_ tokens: [Token], _ range: Range<Int>) -> String {
        var s = ""
        for k in range {
            if k > range.lowerBound && tokens[k].spaceBefore { s += " " }
            s += tokens[k].text
        }
        // "John Key-led" → "John Key"
        if let last = range.last, tokens[last].text.contains("-"),
           let suffix = Self.modifierSuffixes.first(where: { tokens[last].text.lowercased().hasSuffix($0) }) {
            s.removeLast(suffix.count)
        }
        return s
    }
}
