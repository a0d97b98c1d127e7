/// Canonical names within one document: the passages of a file are tagged, then their people and duplicates are
/// resolved against each other.
extension Tagger {
    /// Tags the passages of one file (in order) and resolves their names across the file:
    /// - a surname alone ("Trump", or "President Trump" tagged as "Trump") becomes the full name found in the file
    ///   ("Donald Trump"), when one person of the file has that surname; a capitalized surname the rules left
    ///   alone is tagged too, unless it stands inside a longer capitalized name ("Ivanka Trump", "Trump Tower");
    /// - an abbreviation one passage defines ("the Democratic Union Party (PYD)") stands for the same name in the
    ///   others ("the PYD is critical of …"), unless the gazetteer knows it or the file defines it twice;
    /// - a name that is not in the gazetteer and differs only in case ("MEXICO", "Mexico") takes the first form
    ///   written in mixed case.
    public func tagFile(_ paragraphs: [Paragraph]) -> [Tags] {
        let tagged = paragraphs.map { self.tagged($0.text, section: $0.section) }
        var all = tagged.map(\.tags)
        resolveNames(&all, texts: paragraphs.map(\.text), tokens: tagged.map(\.tokens))
        return all
    }

    /// See `tagFile`: `tags[i]` is the tags of `texts[i]`, whose tokens are `tokens[i]`.
    func resolveNames(_ tags: inout [Tags], texts: [String], tokens allTokens: [[Token]]) {
        // the file's distinct entities, in order of first mention (a file names the same few many times)
        var distinct: [Entity] = []
        var seen = Set<Entity>()
        for t in tags { for e in t.entities where seen.insert(e).inserted { distinct.append(e) } }
        // people of several words, by folded surname (nil when two people share one), and names by folded key
        var surnames: [String: Entity?] = [:]
        var surnameText: [String: String] = [:]
        var spelling: [String: Entity] = [:]
        var keys: [Entity: String] = [:]
        var particleSurnames: [Entity: String] = [:]
        for e in distinct {
            let key = e.key
            keys[e] = key
            let id = key + "/" + e.kind.rawValue
            if spelling[id] == nil || (Self.isCapitals(spelling[id]!.name) && !Self.isCapitals(e.name)) { spelling[id] = e }
            guard e.kind == .person, e.name.utf8.contains(0x20) else { continue }
            let words = Tokenizer.tokenize(e.name).filter(\.isWord)
            // "Van Rompuy": a surname with its particles, resolved below like a surname alone
            if let surname = EntityTagger.particleSurname(words.map(\.folded)) {
                particleSurnames[e] = surname
                continue
            }
            guard let last = words.last, last.start > 0 else { continue }
            let surname = last.folded
            if let known = surnames[surname], known != e { surnames[surname] = .some(nil) } else if surnames[surname] == nil {
                surnames[surname] = e
                surnameText[surname] = String(last.text)
            }
        }
        let people = surnames.compactMapValues { $0 }
        let surnameWords = Set(people.keys.compactMap { surnameText[$0] })
        let gazetteer = entityTagger.gazetteer
        // the entities to replace: a surname alone by the full name, a spelling by the file's first mixed-case one
        var replace: [Entity: Entity] = [:]
        for e in distinct {
            let key = keys[e]!
            guard gazetteer.resolve(key: key) == nil else { continue }
            var to = e
            if !e.name.contains(" "), let person = people[key] {
                to = person
            } else if let surname = particleSurnames[e], let person = people[surname] {
                to = person  // "Van Rompuy" for "Herman Van Rompuy"
            }
            if let first = spelling[(to == e ? key : to.key) + "/" + to.kind.rawValue], first.name != to.name { to = first }
            if to != e { replace[e] = to }
        }
        let screen = SurnameScreen(surnameWords)
        // abbreviations defined once in the file, as written, that the gazetteer does not know by themselves
        var defined: [String: Entity?] = [:]
        for t in tags {
            for (abbreviation, entity) in t.abbreviations {
                if let known = defined[abbreviation] { if known != entity { defined[abbreviation] = .some(nil) } } else { defined[abbreviation] = .some(entity) }
            }
        }
        let abbreviations = defined.compactMapValues { $0 }.filter { gazetteer.resolve(key: TextFolding.key($0.key)) == nil }
        guard !replace.isEmpty || !people.isEmpty || !abbreviations.isEmpty else { return }
        for i in tags.indices {
            var entities = tags[i].entities
            var perSentence = tags[i].sentenceEntities
            var changed = false
            if !replace.isEmpty, entities.contains(where: { replace[$0] != nil }) {
                entities = entities.map { replace[$0] ?? $0 }
                perSentence = perSentence.mapValues { $0.map { replace[$0] ?? $0 } }
                changed = true
            }
            // surnames the rules did not tag
            let text = texts[i]
            if !people.isEmpty, screen.mentionsAny(text) {
                let tokens = allTokens[i]
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
            // abbreviations the file defines elsewhere (or earlier in this passage's own sentences)
            if !abbreviations.isEmpty {
                let tokens = allTokens[i]
                for (k, token) in tokens.enumerated() where token.isWord {
                    func sentence() -> Int? { tags[i].sentences.firstIndex { $0.start <= token.start && token.start < $0.end } }
                    let named: [Entity]
                    if EntityTagger.isCapitalWord(token), let defined = abbreviations[String(token.text)] {
                        // not inside a longer name ("the PYD Council"); a capitalized word opening the sentence is no name
                        let before = k > 0 && tokens[k - 1].isCapitalized && !(sentence().map { tags[i].sentences[$0].start == tokens[k - 1].start } ?? false)
                        let after = k + 1 < tokens.count && tokens[k + 1].isCapitalized
                        guard !before, !after else { continue }
                        named = [defined]
                    } else if token.text.utf8.contains(0x2D) {
                        // the parts of a hyphenated word: "the KDP-sponsored Kurdish National Council", "PYD-YPG"
                        named = token.text.split(separator: "-").compactMap { abbreviations[String($0)] }
                    } else {
                        continue
                    }
                    guard !named.isEmpty else { continue }
                    let sentence = sentence()
                    for defined in named {
                        let entity = replace[defined] ?? defined
                        if !entities.contains(entity) { entities.append(entity); changed = true }
                        if let s = sentence, !(perSentence[s]?.contains(entity) ?? false) {
                            perSentence[s, default: []].append(entity)
                            changed = true
                        }
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

    static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b >= 0x80 }

    static func isCapitals(_ name: String) -> Bool { TextFolding.capitalLetters(name) != nil }
}


/// A quick screen before tokenizing a passage for surnames: whether it holds one of them as a capitalized word.
/// Only words of a surname's length and first letter are compared; a surname with non-ASCII letters always passes.
struct SurnameScreen {
    let words: Set<String>
    let lengths: Set<Int>
    let firstLetters: UInt32
    let always: Bool

    init(_ words: Set<String>) {
        self.words = words
        lengths = Set(words.map(\.utf8.count))
        firstLetters = words.reduce(0) { $0 | (1 << UInt32(($1.utf8.first ?? 0) & 31)) }
        always = words.contains { !$0.utf8.allSatisfy { $0 < 0x80 } }
    }

    func mentionsAny(_ text: String) -> Bool {
        if words.isEmpty { return false }
        if always { return true }
        var found = false
        var copy = text
        copy.withUTF8 { bytes in
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                guard b >= 0x41 && b <= 0x5A, i == 0 || !Tagger.isLetter(bytes[i - 1]) else {
                    i += 1
                    continue
                }
                var j = i + 1
                while j < bytes.count, Tagger.isLetter(bytes[j]) || bytes[j] == 0x2D { j += 1 }
                if firstLetters & (1 << UInt32(b & 31)) != 0, lengths.contains(j - i),
                   words.contains(String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<j]), as: UTF8.self)) {
                    found = true
                    return
                }
                i = j
            }
        }
        return found
    }
}
