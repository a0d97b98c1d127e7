import DossierCore
#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
import Dispatch
#else
import Foundation
#endif

/// Turns results into JSON values and terminal text.
package enum Render {
    package static func entity(_ e: Entity) -> JSON {
        .object([("name", .string(e.name)), ("kind", .string(e.kind.rawValue))])
    }

    package static func facets(_ f: Facets) -> JSON {
        func list(_ values: [FacetCount]) -> JSON {
            .array(values.map { v in
                var pairs: [(String, JSON)] = [("value", .string(v.value))]
                if let kind = v.kind { pairs.append(("kind", .string(kind))) }
                pairs.append(("count", .int(v.count)))
                return .object(pairs)
            })
        }
        return .object([("year", list(f.year)), ("topic", list(f.topic)), ("section", list(f.section)), ("entity", list(f.entity)), ("action", list(f.action)), ("plover", list(f.plover)), ("language", list(f.language))])
    }

    package static func hit(_ h: SearchHit) -> JSON {
        let r = h.record
        return .object([
            ("rank", .int(h.rank)), ("id", .string(r.id)), ("file", .string(r.file)), ("paragraph", .int(r.paragraph)),
            ("line", .int(r.line)), ("page", r.page.map(JSON.int) ?? .null),
            ("score", .double(h.score)), ("language", .string(r.language)), ("topic", .string(r.topic)), ("topics", .strings(r.topics)),
            ("section", .optional(r.section)), ("years", .array(r.years.map(JSON.int))),
            ("dates", .strings(r.dates.map(\.description))), ("entities", .array(r.entities.map(entity))),
            ("snippet", .string(h.snippet.text)),
            ("highlights", .array(h.snippet.highlights.map { .array([.int($0.start), .int($0.length)]) })),
            ("text", .string(r.text)),
        ])
    }

    /// `dossier search --json` and `/api/search`; `answer` is the answer card of a search that is a question.
    package static func result(_ r: SearchResult, answer: AskResult? = nil) -> JSON {
        .object([
            ("query", .string(r.query)), ("corrected", .optional(r.corrected)), ("total", .int(r.total)),
            ("total_exact", .bool(r.totalIsExact)), ("offset", .int(r.offset)), ("limit", .int(r.limit)), ("hits", .array(r.hits.map(hit))),
            ("facets", facets(r.facets)), ("relaxed", .bool(r.relaxed)), ("answer", answerCard(answer)),
        ])
    }

    package static func passage(_ r: PassageRecord) -> JSON {
        .object([
            ("id", .string(r.id)), ("file", .string(r.file)), ("paragraph", .int(r.paragraph)), ("line", .int(r.line)),
            ("page", r.page.map(JSON.int) ?? .null), ("language", .string(r.language)),
            ("topic", .string(r.topic)), ("topics", .strings(r.topics)), ("section", .optional(r.section)),
            ("years", .array(r.years.map(JSON.int))), ("dates", .strings(r.dates.map(\.description))),
            ("entities", .array(r.entities.map(entity))),
            ("events", .array(r.events.map { e in
                .object([("date", .string(e.date.description)), ("sentence", .string(r.sentence(of: e))),
                         ("entities", .array(r.entities(of: e).map(entity)))])
            })),
            ("text", .string(r.text)),
        ])
    }

    /// `dossier timeline --json` and `/api/timeline`.
    package static func timeline(_ events: [TimelineEvent]) -> JSON {
        .object([("events", .array(events.map(event)))])
    }

    /// `dossier facets --json` and `/api/facets`.
    package static func facetListing(total: Int, facets f: Facets) -> JSON {
        .object([("total", .int(total)), ("facets", facets(f))])
    }

    package static func event(_ e: TimelineEvent) -> JSON {
        .object([
            ("date", .string(e.date.description)), ("id", .string(e.id)), ("file", .string(e.file)),
            ("paragraph", .int(e.paragraph)), ("sentence", .string(e.sentence)), ("entities", .array(e.entities.map(entity))),
        ])
    }

    // MARK: Terminal

    package static func facetLine(_ title: String, _ values: [FacetCount]) -> String? {
        guard !values.isEmpty else { return nil }
        let items = values.map { "\($0.value) (\($0.count))" }.joined(separator: " · ")
        return Terminal.bold(title + ":") + " " + items
    }

    package static func text(_ r: SearchResult, request: SearchRequest) -> String {
        var lines: [String] = []
        let what = request.query.isEmpty ? "" : " for \"\(r.query)\""
        if let corrected = r.corrected {
            lines.append(Terminal.dim("No good match\(what); showing results for \"\(corrected)\" instead."))
        }
        if r.relaxed {
            lines.append(Terminal.dim("No passage has every word; showing passages with any of them."))
        }
        if r.total == 0 {
            lines.append("No passages match\(what).")
            return lines.joined(separator: "\n")
        }
        let shown = r.hits.isEmpty ? "" : ", showing \(r.offset + 1)–\(r.offset + r.hits.count)"
        lines.append("\(r.totalIsExact ? "" : "About ")\(r.total) passage\(r.total == 1 ? "" : "s") match\(r.total == 1 ? "es" : "")\(what)\(shown)")
        for h in r.hits {
            let rec = h.record
            var header = "\(h.rank). " + Terminal.accent(place(rec)) + "  " + rec.topics.joined(separator: ", ")
            if let section = rec.section { header += "  " + Terminal.dim("§ " + section) }
            if !rec.years.isEmpty { header += "  " + Terminal.dim(yearList(rec.years)) }
            lines.append("")
            lines.append(header)
            lines.append("   " + h.snippet.marked(open: Terminal.boldOpen, close: Terminal.boldClose))
        }
        let facetLines = [
            facetLine("Years", r.facets.year), facetLine("Topics", r.facets.topic), facetLine("Sections", r.facets.section),
            facetLine("Entities", r.facets.entity),
        ].compactMap { $0 }
        if !facetLines.isEmpty {
            lines.append("")
            lines += facetLines
        }
        return lines.joined(separator: "\n")
    }

    /// Where a passage is: `file.txt:3` (its paragraph), `file.pdf:3 p. 2` (and its page).
    package static func place(_ r: PassageRecord) -> String {
        "\(r.file):\(r.paragraph)" + (r.page.map { " p. \($0)" } ?? "")
    }

    /// 2013, 2014, 2016–2019
    package static func yearList(_ years: [Int]) -> String {
        var parts: [String] = []
        var i = 0
        while i < years.count {
            var j = i
            while j + 1 < years.count, years[j + 1] == years[j] + 1 { j += 1 }
            parts.append(j - i >= 2 ? "\(years[i])–\(years[j])" : (i...j).map { String(years[$0]) }.joined(separator: ", "))
            i = j + 1
        }
        return parts.joined(separator: ", ")
    }
}
