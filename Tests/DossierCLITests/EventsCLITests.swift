import DossierCLI
import Foundation
import Testing

/// `dossier events` and `dossier ask` end to end: the built binaries on the bundled corpus.
@Suite struct EventsCLITests {
    static let cli: CLI = {
        let cli = CLI()
        _ = try! cli.run("index", "--quiet")
        return cli
    }()

    @Test func eventsJSONContract() throws {
        let out = try Self.cli.run("events", "--json", "--limit", "1000")
        #expect(out.status == 0)
        let j = out.json
        let events = try #require(j["events"] as? [[String: Any]])
        #expect(j["total"] as? Int == events.count && events.count > 20)
        let keys: Set<String> = ["id", "passage", "file", "paragraph", "sentence", "span", "date", "action", "cameo", "plover", "source",
                                 "target", "place", "amounts", "status"]
        let text = try String(contentsOf: CLI.repository.appendingPathComponent("Corpus/china-belgium.txt"), encoding: .utf8)
        let paragraphs = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for e in events {
            #expect(keys.isSubset(of: Set(e.keys)), "\(Set(keys).subtracting(e.keys))")
            #expect(["done", "negated", "planned", "hypothetical"].contains(e["status"] as? String ?? ""))
            let cameo = e["cameo"] as? String ?? ""
            #expect(!cameo.isEmpty && cameo.allSatisfy { $0.isNumber })
            if let p = e["plover"] as? [String: Any] {
                #expect(EventsOptions.ploverTypes.contains(p["event"] as? String ?? "") && p.keys.contains("mode") && p.keys.contains("context"))
            }
            for actor in (e["source"] as? [[String: Any]] ?? []) + (e["target"] as? [[String: Any]] ?? []) {
                #expect(["person", "place", "organization"].contains(actor["kind"] as? String ?? ""))
                #expect(actor["name"] is String && actor["text"] is String)
                if let c = actor["country"] as? String { #expect(c.count == 3 && c == c.uppercased()) }
            }
            #expect(!(e["source"] as? [Any] ?? []).isEmpty)
            // the span is the sentence's place in the paragraph, in code points
            let span = e["span"] as? [Int] ?? []
            let paragraph = Array((paragraphs[(e["paragraph"] as? Int ?? 1) - 1]).unicodeScalars)
            #expect(span.count == 2 && span[1] <= paragraph.count)
            if span.count == 2, span[1] <= paragraph.count {
                #expect(String(String.UnicodeScalarView(paragraph[span[0]..<span[1]])) == e["sentence"] as? String)
            }
        }
        let xi = try #require(events.first { ($0["sentence"] as? String ?? "").contains("President Xi Jinping paid a state visit") })
        #expect(xi["date"] as? String == "2014-03" && xi["action"] as? String == "state visit" && xi["cameo"] as? String == "042")
        let source = (xi["source"] as? [[String: Any]])?.first
        #expect(source?["name"] as? String == "Xi Jinping" && source?["country"] as? String == "CHN" && source?["title"] as? String == "President")
        #expect((xi["target"] as? [[String: Any]])?.first?["country"] as? String == "BEL")
        #expect((xi["plover"] as? [String: Any])?["event"] as? String == "CONSULT" && (xi["plover"] as? [String: Any])?["mode"] as? String == "visit")
    }

    @Test func filtersAndFormats() throws {
        let visits = try Self.cli.run("events", "--action", "visit", "--country", "BEL", "--format", "jsonl", "--limit", "1000")
        let lines = visits.stdout.split(separator: "\n")
        #expect(visits.status == 0 && !lines.isEmpty)
        for line in lines {
            let e = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect((e["action"] as? String ?? "").hasSuffix("visit"))
        }
        let total = try Self.cli.run("events", "--action", "visit", "--country", "BEL", "--json", "--limit", "1").json["total"] as? Int
        #expect(total == lines.count)
        // --limit 0: the count alone, as search gives it
        let count = try Self.cli.run("events", "--action", "visit", "--country", "BEL", "--limit", "0")
        #expect(count.status == 0 && count.stdout == "\(lines.count) events\n")
        let months = try Self.cli.run("events", "--from", "2024-02", "--to", "2024-12", "--json").json["events"] as? [[String: Any]] ?? []
        #expect(!months.isEmpty && months.allSatisfy { ($0["date"] as? String ?? "") >= "2024-02" })
        // CSV: the ICEWS columns first, one row per event, written by dossier-export
        let csv = try Self.cli.run("events", "--action", "visit", "--country", "BEL", "--format", "csv", "--limit", "1000")
        #expect(csv.status == 0, "\(csv.stderr)")
        let rows = Self.parseCSV(csv.stdout)
        #expect(rows.first?.prefix(11) == ["Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
                                          "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country"])
        #expect(rows.count == lines.count + 1 && rows.allSatisfy { $0.count == rows[0].count })
        let xi = try #require(rows.first { $0.last?.contains("President Xi Jinping paid a state visit") ?? false })
        #expect(xi[2] == "Xi Jinping" && xi[4] == "China" && xi[6] == "042" && xi[10] == "Belgium" && xi[5] == "Make a visit")
    }

    @Test func badInputEndsInOneLine() throws {
        let format = try Self.cli.run("events", "--format", "yaml")
        #expect(format.status == 2 && format.stderr.split(separator: "\n").count == 1)
        let plover = try Self.cli.run("events", "--plover", "HUG")
        #expect(plover.status == 2 && plover.stderr.contains("PLOVER"))
        let empty = try Self.cli.run("ask", "")
        #expect(empty.status == 2 && empty.stderr.split(separator: "\n").count == 1)
        let long = try Self.cli.run("ask", String(repeating: "when did China visit ", count: 500))
        #expect((long.status == 0 || long.status == 2) && !long.stderr.contains("Fatal"))
        let french = try Self.cli.run("ask", "--json", "Quand le roi Philippe a-t-il visité la Chine ?")
        #expect(french.status == 0 && french.json["fallback"] as? Bool == true)
    }

    @Test func askJSONAndTheSearchAnswerCard() throws {
        let ask = try Self.cli.run("ask", "--json", "Who visited Belgium in 2015?").json
        #expect(ask["question"] as? String == "Who visited Belgium in 2015?" && ask["type"] as? String == "who" && ask["fallback"] as? Bool == false)
        let answer = try #require((ask["answers"] as? [[String: Any]])?.first)
        #expect(answer["answer"] as? String == "Li Keqiang" && answer["kind"] as? String == "person" && answer["count"] as? Int == 1)
        let evidence = try #require((answer["evidence"] as? [[String: Any]])?.first)
        #expect(evidence["file"] as? String == "china-belgium.txt" && evidence["paragraph"] as? Int == 2 && evidence["date"] as? String == "2015-06")
        #expect((evidence["sentence"] as? String ?? "").contains("visited Belgium in June 2015"))
        let none = try Self.cli.run("ask", "--json", "Who visited Belgium in 1990?").json
        #expect(none["fallback"] as? Bool == true && !(none["passages"] as? [Any] ?? []).isEmpty)
        // a search that is a question gets the card; one that is not gets null
        let card = try Self.cli.run("search", "--json", "Who visited Belgium in 2015?").json["answer"] as? [String: Any]
        #expect(((card?["answers"] as? [[String: Any]])?.first?["answer"] as? String) == "Li Keqiang")
        let plain = try Self.cli.run("search", "--json", "panda").json
        #expect(plain.keys.contains("answer") && plain["answer"] is NSNull)
        // passages by their events: --action and --plover are filters of search, facets and timeline too
        let visits = try Self.cli.run("search", "--json", "--action", "state visit", "--facets", "20").json
        let ids = Set((visits["hits"] as? [[String: Any]] ?? []).compactMap { $0["paragraph"] as? Int })
        #expect(ids == [2])  // the state visits of Xi Jinping and King Philippe, both in paragraph 2
        let actions = ((visits["facets"] as? [String: Any])?["action"] as? [[String: Any]] ?? []).compactMap { $0["value"] as? String }
        #expect(actions.contains("state visit") && actions.contains("visit"))
        #expect(try Self.cli.run("facets", "--plover", "HUG").status == 2)
    }

    /// RFC 4180 records: quoted fields may hold commas and doubled quotes.
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var chars = Array(text).makeIterator()
        while let c = chars.next() {
            if quoted {
                if c == "\"" {
                    if let n = chars.next() {
                        if n == "\"" { field.append("\"") } else {
                            quoted = false
                            if n == "," { row.append(field); field = "" } else if n == "\n" { row.append(field); rows.append(row); row = []; field = "" }
                        }
                    } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { row.append(field); field = "" }
            else if c == "\n" { row.append(field); rows.append(row); row = []; field = "" }
            else { field.append(c) }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
