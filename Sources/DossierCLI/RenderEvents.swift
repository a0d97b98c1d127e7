import DossierCore

extension Render {
    /// `dossier events --json`.
    package static func events(_ result: EventsResult) -> JSON {
        .object([("total", .int(result.total)), ("events", .array(result.events.map(codedEvent)))])
    }

    /// One event, as `dossier events --json` lists it (and `--format jsonl` prints it, one a line).
    package static func codedEvent(_ f: FoundEvent) -> JSON {
        let e = f.event
        let plover: JSON = e.plover.map { p in
            .object([("event", .string(p.event)), ("mode", .optional(p.mode)), ("context", .optional(p.context))])
        } ?? .null
        return .object([
            ("id", .string(f.id)), ("passage", .string(f.passage)), ("file", .string(f.file)), ("paragraph", .int(f.paragraph)),
            ("page", f.page.map(JSON.int) ?? .null), ("sentence", .string(f.sentence)),
            ("span", .array([.int(f.span.start), .int(f.span.end)])),
            ("date", .optional(e.date?.description)), ("action", .string(e.action)), ("verb", .string(e.verb)),
            ("object", .string(e.object)), ("cameo", .string(e.cameo)),
            ("cameo_label", .optional(e.plover?.label)), ("plover", plover),
            ("source", .array(e.source.map(actor))), ("target", .array(e.target.map(actor))),
            ("place", .optional(e.place)), ("amounts", .array(e.amounts.map(amount))), ("status", .string(e.status.rawValue)),
        ])
    }

    package static func actor(_ a: CodedEvent.Actor) -> JSON {
        var pairs: [(String, JSON)] = [("name", .string(a.name)), ("text", .string(a.text)), ("kind", .string(a.kind.rawValue)),
                                       ("country", .optional(a.country))]
        pairs.append(("sector", .optional(a.sector)))
        pairs.append(("title", .optional(a.title)))
        return .object(pairs)
    }

    package static func amount(_ a: CodedEvent.Amount) -> JSON {
        .object([("value", .double(a.value)), ("currency", .optional(a.currency)), ("unit", .optional(a.unit)),
                 ("period", .optional(a.period)), ("text", .string(a.text))])
    }

    /// `dossier events` as text: one event a line group.
    package static func eventsText(_ result: EventsResult, offset: Int) -> String {
        guard result.total > 0 else { return "No events match." }
        var lines = ["\(result.total) event\(result.total == 1 ? "" : "s")" + (!result.events.isEmpty && result.events.count < result.total ? ", \(offset + 1)–\(offset + result.events.count) shown" : "")]
        for f in result.events {
            let e = f.event
            func side(_ actors: [CodedEvent.Actor]) -> String {
                actors.isEmpty ? "—" : actors.map { $0.name + ($0.country.map { " (\($0))" } ?? "") }.joined(separator: " + ")
            }
            var head = Terminal.bold((e.date?.description ?? "undated").rightPadded(10)) + "  " + side(e.source) + " → " + e.action + " → " + side(e.target)
            if let place = e.place { head += " in " + place }
            if e.status != .done { head += "  [" + e.status.rawValue + "]" }
            var codes = "CAMEO " + e.cameo
            if let p = e.plover { codes += " · PLOVER " + p.event + (p.mode.map { "/" + $0 } ?? "") }
            if !e.amounts.isEmpty { codes += " · " + e.amounts.map(\.text).joined(separator: ", ") }
            lines.append("")
            lines.append(head)
            lines.append("            " + Terminal.dim(codes + "  " + f.file + ":" + String(f.paragraph) + (f.page.map { " p. \($0)" } ?? "")))
            lines.append("            " + f.sentence)
        }
        return lines.joined(separator: "\n")
    }
}

extension Render {
    /// The answers of `dossier ask --json` (and the `"answer"` of a search that is a question).
    package static func answers(_ answers: [Answer]) -> JSON {
        .array(answers.map { a in
            .object([
                ("answer", .string(a.answer)), ("kind", .string(a.kind)), ("count", .int(a.count)),
                ("evidence", .array(a.evidence.map { e in
                    .object([("id", .string(e.id)), ("file", .string(e.file)), ("paragraph", .int(e.paragraph)),
                             ("sentence", .string(e.sentence)), ("date", .optional(e.date?.description))])
                })),
            ])
        })
    }

    /// `dossier ask --json`.
    package static func ask(_ r: AskResult) -> JSON {
        .object([
            ("question", .string(r.question.text)), ("type", .optional(r.question.kind?.rawValue)),
            ("understood", .object([
                ("entities", .array(r.question.entities.map(entity))), ("countries", .strings(r.question.countries)),
                ("cameo", .strings(r.question.cameos)), ("roles", .strings(r.question.roles)),
                ("from", .optional(r.question.from?.description)), ("to", .optional(r.question.to?.description)),
                ("words", .strings(r.question.words)),
            ])),
            ("answers", answers(r.answers)),
            ("fallback", .bool(r.fallback)), ("passages", .array((r.passages?.hits ?? []).map(hit))),
        ])
    }

    /// The answer card of a search that is a question: its type and answers; null when it has none.
    package static func answerCard(_ r: AskResult?) -> JSON {
        guard let r, !r.answers.isEmpty else { return .null }
        return .object([("type", .optional(r.question.kind?.rawValue)), ("answers", answers(r.answers))])
    }

    /// The answers as text, each with its evidence sentences.
    package static func answersText(_ r: AskResult) -> String {
        var lines: [String] = []
        for a in r.answers {
            lines.append(Terminal.bold(a.answer) + Terminal.dim("  (\(a.kind), \(a.count) sentence\(a.count == 1 ? "" : "s"))"))
            for e in a.evidence.prefix(3) {
                lines.append("    " + (e.date.map { $0.description + "  " } ?? "") + e.sentence + Terminal.dim("  \(e.file):\(e.paragraph)"))
            }
            if a.evidence.count > 3 { lines.append(Terminal.dim("    … and \(a.evidence.count - 3) more")) }
        }
        return lines.joined(separator: "\n")
    }
}
