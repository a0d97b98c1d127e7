/// Canonical names within one document: the passages of a file are tagged, then their people and duplicates are
/// resolved against each other.
extension Tagger {
    /// Tags the passages of one file (in order) and resolves their names across the file:
    /// - a surname alone ("Trump", or "President Trump" tagged as "Trump") becomes the full name found in the file
    ///   ("Donald Trump"), when one person of the file has that surname; a capitalized surname the rules left
    ///   alone is tagged too, unless it stands inside a longer capitalized name ("Ivanka Trump", "Trump Tower");
    /// - a name that is not in the gazetteer and differs only in case ("MEXICO", "Mexico") takes the first form
    ///   written in mixed case.
    public func tagFile(_ paragraphs: [Paragraph]) -> [Tags] {
        var all = paragraphs.map { tag($0.text, heading: $0.heading) }
        resolveNames(&all, texts: paragraphs.map(\.text))
        return all
    }

    /// See `tagFile`: `tags[i]` is the tags of `texts[i]`.
    public func resolveNames(_ tags: inout [Tags], texts: [String]) {
        // people of several words, by folded surname (nil when two people share one), and names by folded key
        var surnames: [String: Entity?] = [:]
        var surnameText: [String: String] = [:]
        var spelling: [String: Entity] = [:]
        for t in tags {
            for e in t.entities {
                let id = e.key + "/" + e.kind.rawValue
                if spelling[id] == nil || (Self.isCapitals(spelling[id]!.name) && !Self.isCapitals(e.name)) { spelling[id] = e }
                guard e.kind == .person, let last = Tokenizer.tokenize(e.name).last(where: \.isWord), last.start > 0 else { continue }
                let key = last.folded
                if let known = surnames[key], known != e { surnames[key] = .some(nil) } else if surnames[key] == nil {
                    surnames[key] = e
                    surnameText[key] = String(last.text)
                }
            }
        }
        let people = surnames.compactMapValues { $0 }
        let surnameWords = Set(people.keys.compactMap { surnameText[$0] })
        let gazetteer = entityTagger.gazetteer
        for i in tags.indices {
            var changed = false
            func canonical(_ e: Entity) -> Entity {
                var e = e
                if !e.name.contains(" "), let person = people[e.key], gazetteer.resolve(key: e.key) == nil { e = person }
                if let first = spelling[e.key + "/" + e.kind.rawValue], first.name != e.name, gazetteer.resolve(key: e.key) == nil { e = first }
                return e
            }
            var entities = tags[i].entities.map(canonical)
            var perSentence = tags[i].sentenceEntities.mapValues { $0.map(canonical) }
            if entities != tags[i].entities { changed = true }
            // surnames the rules did not tag
            let text = texts[i]
            if !people.isEmpty, Self.mentionsAny(text, of: surnameWords) {
                let tokens = Tokenizer.tokenize(text)
                for (k, token) in tokens.enumerated() where token.isCapitalized {
                    guard let person = people[token.folded] else { continue }
                    // not inside a longer name: "Ivanka Trump", "Trump Tower", "House of Osman"
                    let before = k > 0 && tokens[k - 1].isCapitalized
                        || k > 1 && EntityTagger.connectors.contains(tokens[k - 1].folded) && tokens[k - 2].isCapitalized
                    let after = k + 1 < tokens.count && tokens[k + 1].isCapitalized
                    guard !before, !after else { continue }
                    if !entities.contains(person) { entities.append(person); changed = true }
                    if let s = tags[i].sentences.firstIndex(where: { $0.start <= token.start && token.start < $0.end }),
                       !(perSentence[s]?.contains(person) ?? false) {
                        perSentence[s, default: []].append(person)
                        changed = true
                    }
                }
            }
            if changed {
                var seen = Set<Entity>()
                tags[i].entities = entities.filter { seen.insert($0).inserted }
                tags[i].sentenceEntities = perSentence.mapValues { list in
                    var seen = Set<Entity>()
                    return list.filter { seen.insert($0).inserted }
                }
            }
        }
    }

    /// Whether `text` holds one of `words` as a whole word (a quick screen before tokenizing: ASCII letters only
    /// end a word here, so a surname with other letters is always tokenized).
    static func mentionsAny(_ text: String, of words: Set<String>) -> Bool {
        guard !words.isEmpty else { return false }
        if words.contains(where: { !$0.utf8.allSatisfy { $0 < 0x80 } }) { return true }
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            guard bytes[i] >= 0x41 && bytes[i] <= 0x5A, i == 0 || !Self.isLetter(bytes[i - 1]) else {
                i += 1
                continue
            }
            var j = i + 1
            while j < bytes.count, Self.isLetter(bytes[j]) || bytes[j] == 0x2D { j += 1 }
            if words.contains(String(decoding: bytes[i..<j], as: UTF8.self)) { return true }
            i = j
        }
        return false
    }

    static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b >= 0x80 }

    static func isCapitals(_ name: String) -> Bool {
        !name.unicodeScalars.contains { $0.properties.isLowercase }
    }
}

