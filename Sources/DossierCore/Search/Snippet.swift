import Xapian

/// A short extract of a passage with the matching words marked, as text plus highlight ranges.
public struct Snippet: Sendable, Equatable {
    public let text: String
    /// Highlighted ranges, as offsets in Unicode scalars of `text` (what Python's and JavaScript's string
    /// indexing use for text without astral characters): (start, length).
    public let highlights: [(start: Int, length: Int)]

    public static func == (a: Snippet, b: Snippet) -> Bool {
        a.text == b.text && a.highlights.elementsEqual(b.highlights, by: { $0 == $1 })
    }

    /// The snippet with each highlight wrapped in `open` and `close` (e.g. ANSI bold, or `**`).
    public func marked(open: String, close: String) -> String {
        guard !highlights.isEmpty else { return text }
        var out = ""
        let scalars = Array(text.unicodeScalars)
        var pos = 0
        for h in highlights {
            guard h.start >= pos, h.start + h.length <= scalars.count else { continue }
            out.unicodeScalars.append(contentsOf: scalars[pos..<h.start])
            out += open
            out.unicodeScalars.append(contentsOf: scalars[h.start..<(h.start + h.length)])
            out += close
            pos = h.start + h.length
        }
        out.unicodeScalars.append(contentsOf: scalars[pos...])
        return out
    }
}

/// Picks the sentences of a passage that best match a query (or that speak of the filtered years) and marks
/// the matching words. Words match after the same folding and stemming as the index: a passage's words and the
/// query's are stemmed in the passage's language.
public struct SnippetMaker: Sendable {
    /// The query's stems by Snowball stemmer, and its folded words, to highlight.
    public let stems: [String: Set<String>]
    public let words: Set<String>
    public let maxLength: Int

    /// `languages`: those of the passages it will be given (ISO 639-1 codes).
    public init(queryWords: [String], languages: [String] = ["en"], maxLength: Int = 240) {
        var stems: [String: Set<String>] = [:]
        var words = Set<String>()
        let stemmers = Set(languages.map(Schema.stemmer(for:)))
        for w in queryWords {
            let f = TextFolding.fold(w)
            guard !f.isEmpty else { continue }
            words.insert(f)
            for stemmer in stemmers {
                if let s = try? stem(f, language: stemmer) { stems[stemmer, default: []].insert(s) }
            }
        }
        self.stems = stems
        self.words = words
        self.maxLength = maxLength
    }

    public func snippet(of record: PassageRecord, years: Set<Int> = []) -> Snippet {
        let text = record.text
        let tokens = Tokenizer.tokenize(text)
        let sentences = SentenceSplitter.split(tokens)
        guard !sentences.isEmpty else { return Snippet(text: "", highlights: []) }
        var hit = [Bool](repeating: false, count: tokens.count)
        let stemmer = Schema.stemmer(for: record.language)
        let stems = self.stems[stemmer] ?? []
        let elides = Elision.applies(to: record.language)
        for (i, t) in tokens.enumerated() where t.isWord || t.isNumber {
            var f = t.folded
            if words.contains(f) { hit[i] = true; continue }
            // l'ambassade, panda's: the word as the index has it (`Elision`)
            if elides, case let bare = Elision.strip(f, language: record.language), bare.count < f.count {
                f = bare
                if words.contains(f) { hit[i] = true; continue }
            }
            if !stems.isEmpty, let s = try? stem(f, language: stemmer), stems.contains(s) { hit[i] = true }
        }
        // Score sentences: with a year filter, those about the years; then distinct matching words.
        var scores: [Int] = []
        for s in sentences {
            var distinct = Set<String>()
            var yearHit = false
            for k in s.tokens {
                if hit[k] { distinct.insert(tokens[k].folded) }
                if !years.isEmpty, tokens[k].isNumber, let y = Int(tokens[k].text), years.contains(y) { yearHit = true }
            }
            for e in record.events where years.contains(e.date.year) && e.start >= s.start && e.start < s.end { yearHit = true }
            scores.append((yearHit ? 1000 : 0) + distinct.count * 10)
        }
        var best = 0
        for i in scores.indices where scores[i] > scores[best] { best = i }
        // Extend with following (then preceding) sentences while they fit.
        var first = best, last = best
        let utf8 = Array(text.utf8)
        func length(_ a: Int, _ b: Int) -> Int { sentences[b].end - sentences[a].start }
        while last + 1 < sentences.count, length(first, last + 1) <= maxLength, scores[last + 1] >= (years.isEmpty ? 0 : 1000) {
            last += 1
        }
        while first > 0, length(first - 1, last) <= maxLength, years.isEmpty || scores[first - 1] >= 1000 {
            first -= 1
        }
        var start = sentences[first].start
        var end = sentences[last].end
        var prefix = first > 0 ? "… " : ""
        var suffix = last < sentences.count - 1 ? " …" : ""
        // A single long sentence: cut around its first match.
        if end - start > maxLength * 2 {
            let firstHit = sentences[first].tokens.first(where: { hit[$0] }).map { tokens[$0].start } ?? start
            let from = max(start, firstHit - maxLength / 3)
            let fromToken = tokens.first(where: { $0.start >= from })?.start ?? start
            if fromToken > start { prefix = "… " }
            start = fromToken
            let to = min(end, start + maxLength)
            let toToken = tokens.last(where: { $0.end <= to && $0.start >= start })?.end ?? to
            if toToken < end { suffix = " …" }
            end = max(toToken, start)
        }
        let body = String(decoding: utf8[start..<end], as: UTF8.self)
        // Highlight ranges in scalar offsets of the final string.
        var highlights: [(Int, Int)] = []
        let prefixScalars = prefix.unicodeScalars.count
        for (k, t) in tokens.enumerated() where hit[k] && t.start >= start && t.end <= end {
            let before = String(decoding: utf8[start..<t.start], as: UTF8.self).unicodeScalars.count
            highlights.append((prefixScalars + before, t.text.unicodeScalars.count))
        }
        return Snippet(text: prefix + body + suffix, highlights: highlights.map { (start: $0.0, length: $0.1) })
    }
}
