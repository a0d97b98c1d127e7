import DossierCLI
import DossierCore

/// A `dossier search` as plain values: what `SearchCommand` parses, and runs.
///
/// The plainest invocations, which scripts and users repeat most, are also parsed without ArgumentParser
/// (`init?(quickParsing:)`): its reflection over the command's options costs ~2.5 ms a run, a tenth of a whole
/// search on a million passages. Anything else (help, an unknown option, a value to check or complain about) is
/// left to ArgumentParser, so that help and errors stay its own; `QuickParsingTests` checks that both give the same
/// invocation.
struct SearchInvocation: Equatable {
    var request = SearchRequest()
    /// The `--index` values (none: the default Index/).
    var index: [String] = []
    var corpus = "Corpus"
    var json = false

    func run() throws {
        let opened = try openSearcher(index: index, corpus: corpus)
        let result = try opened.searcher.search(request)
        let answer = request.offset == 0 ? try opened.searcher.answer(for: request) : nil
        opened.reportStaleness()
        if json {
            Terminal.output(Render.result(result, answer: answer).text)
        } else if let answer {
            // the answer card above the passages
            Terminal.output(Terminal.bold("Answer") + "\n" + Render.answersText(answer) + "\n\n" + Render.text(result, request: request))
        } else {
            Terminal.output(Render.text(result, request: request))
        }
    }
}

extension SearchInvocation {
    /// The arguments after `search`, if they are only query words (not starting with `-`), the flags `--json` and
    /// `--estimate-total`, and the long options of `dossier search` as `--name value` or `--name=value`, with values
    /// that do not start with `-` and that ArgumentParser would accept (numbers in range, a known order), each
    /// single-valued option once; else nil.
    init?(quickParsing arguments: some Collection<String>) {
        var words: [String] = []
        var seen: [Substring] = []  // a Set's generic metadata alone costs more than these few comparisons
        var limit = SearchRequest().limit, offset = 0, facets = SearchRequest().facetLimit
        var estimateTotal = false
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            guard argument.hasPrefix("-") else {
                words.append(argument)
                continue
            }
            guard argument.hasPrefix("--") else { return nil }
            var name = argument.dropFirst(2)
            var inline: Substring?
            if let equals = name.firstIndex(of: "=") {
                inline = name[name.index(after: equals)...]
                name = name[..<equals]
            }
            switch name {
            case "index", "year", "topic", "section", "entity", "file": break
            default:
                guard !seen.contains(name) else { return nil }
                seen.append(name)
            }
            if name == "json" || name == "estimate-total" {
                guard inline == nil else { return nil }
                if name == "json" { json = true } else { estimateTotal = true }
                continue
            }
            guard let value = inline.map(String.init) ?? iterator.next(), !value.isEmpty, !value.hasPrefix("-") else { return nil }
            func count() -> Int? { Int(value).flatMap { $0 >= 0 ? $0 : nil } }
            func year() -> Int? { Int(value).flatMap { (0...9999).contains($0) ? $0 : nil } }
            switch name {
            case "index": index.append(value)
            case "topic": request.topics.append(value)
            case "section": request.sections.append(value)
            case "entity": request.entities.append(value)
            case "file": request.files.append(value)
            case "corpus": corpus = value
            case "year":
                guard let y = year() else { return nil }
                request.years.append(y)
            case "from":
                guard let d = EventDate(value), (0...9999).contains(d.year) else { return nil }
                request.from = d
            case "to":
                guard let d = EventDate(value), (0...9999).contains(d.year) else { return nil }
                request.to = d
            case "limit":
                guard let n = count() else { return nil }
                limit = n
            case "offset":
                guard let n = count() else { return nil }
                offset = n
            case "facets":
                guard let n = count() else { return nil }
                facets = n
            case "sort":
                guard let sort = SearchRequest.Sort(rawValue: value) else { return nil }
                request.sort = sort
            default:
                return nil
            }
        }
        // a day not in the calendar or a range the wrong way round: ArgumentParser's validation says so
        guard EventDate.rangeProblem(from: request.from, to: request.to, names: ("--from", "--to")) == nil else { return nil }
        request.query = words.joined(separator: " ")
        request.limit = limit
        request.offset = offset
        request.facetLimit = facets
        request.exactTotal = !estimateTotal
    }
}
