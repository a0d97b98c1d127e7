import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `dossier serve` started for real on a free loopback port, stopped (SIGTERM) when the test ends.
final class WebServer {
    let process = Process()
    let url: String
    /// What it printed before it listened (its address, warnings).
    let startup: String
    private let output = Pipe()

    init(_ cli: CLI, _ arguments: [String]) throws {
        process.executableURL = CLI.binary
        process.arguments = ["serve", "--port", "0"] + arguments
        process.currentDirectoryURL = cli.directory
        process.standardOutput = output
        process.standardError = output
        try process.run()
        // a line names the address: "Serving Index on http://127.0.0.1:PORT/  (Ctrl-C to stop)"
        var text = ""
        let handle = output.fileHandleForReading
        while text.range(of: #"http://[^ ]+/ "#, options: .regularExpression) == nil {
            let data = handle.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
        }
        guard let found = text.range(of: #"http://[0-9.]+:[0-9]+/"#, options: .regularExpression) else {
            throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: "dossier serve did not start: \(text)"])
        }
        // a server on every network (0.0.0.0) is reached on loopback too
        url = String(text[found]).replacingOccurrences(of: "0.0.0.0", with: "127.0.0.1")
        startup = text
    }

    /// What it has printed since it started listening (read without waiting).
    func printed() -> String {
        let fd = output.fileHandleForReading.fileDescriptor
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        var text = ""
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = read(fd, &buffer, buffer.count)
            guard n > 0 else { break }
            text += String(decoding: buffer[0..<n], as: UTF8.self)
        }
        return text
    }

    /// Stops the server as Ctrl-C or a service manager would; its exit status.
    func stop(_ signal: Int32 = SIGTERM) -> Int32 {
        guard process.isRunning else { return process.terminationStatus }
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit { _ = stop() }

    struct Answer {
        let status: Int
        let body: String
        let contentType: String
        var json: Any? { try? JSONSerialization.jsonObject(with: Data(body.utf8)) }
    }

    /// A GET of `/api/search?q=panda` with this Host header (none if empty), over a socket of its own (URLSession
    /// sets the Host itself): the whole answer as text.
    static func raw(port: Int, host: String) -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return "" }
        let request = "GET /api/search?q=panda HTTP/1.1\r\n" + (host.isEmpty ? "" : "Host: \(host)\r\n") + "Connection: close\r\n\r\n"
        _ = request.withCString { send(fd, $0, strlen($0), 0) }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            guard n > 0 else { break }
            answer += buffer[0..<n]
        }
        return String(decoding: answer, as: UTF8.self)
    }

    /// One request (path and query, already encoded), answered synchronously.
    func get(_ path: String, method: String = "GET", body: Data? = nil) -> Answer {
        var request = URLRequest(url: URL(string: url + path.dropFirst())!)
        request.httpMethod = method
        request.httpBody = body
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var answer = Answer(status: 0, body: "", contentType: "")
        URLSession.shared.dataTask(with: request) { data, response, _ in
            let http = response as? HTTPURLResponse
            answer = Answer(status: http?.statusCode ?? 0, body: String(decoding: data ?? Data(), as: UTF8.self),
                            contentType: http?.value(forHTTPHeaderField: "Content-Type") ?? "")
            done.signal()
        }.resume()
        done.wait()
        return answer
    }
}

@Suite(.serialized) struct ServeTests {
    /// A corpus of the bundled text, a file written to attack the page (markup in passage text), and a chronicle
    /// of 200 years, one passage each (more years than a facet's 100 values, and an event each: more than a page of
    /// 100), with names after a Turkish "İ" (which lowercasing lengthens) and a person named by surname alone.
    static func corpus() throws -> CLI {
        let cli = CLI()
        let hostile = """
        A passage that tries <script>window.__xss = 1</script> to run a script in 2019.

        Another closes an attribute "><img src=x onerror="window.__xss = 2"> in Antwerp in 2020.
        """
        try hostile.write(to: cli.directory.appendingPathComponent("Corpus/hostile.txt"), atomically: true, encoding: .utf8)
        var chronicle = (1700..<1900).map { "In \($0), the ledger of the harbour office was copied again, and Belgium signed a trade agreement with China." }
        chronicle.append("İzmir and İstanbul sent envoys before Xi Jinping came to Brussels in 2015.")
        chronicle.append("Guy Verhofstadt spoke with Charles Michel in Brussels in 2016. Verhofstadt called the talks useful.")
        try chronicle.joined(separator: "\n\n").write(to: cli.directory.appendingPathComponent("Corpus/chronicle.txt"), atomically: true, encoding: .utf8)
        let built = try cli.run("index", "--quiet")
        #expect(built.status == 0, "\(built.stderr)")
        return cli
    }

    /// JSON values compared as parsed objects (key order and number spelling aside).
    static func same(_ a: Any?, _ b: Any?) -> Bool {
        guard let a, let b else { return false }
        return NSDictionary(dictionary: ["v": a]).isEqual(to: ["v": b])
    }

    @Test func everyEndpointAnswersAsTheCommandLine() throws {
        let cli = try Self.corpus()
        let server = try WebServer(cli, [])
        // (API query, the same as command-line arguments)
        let searches: [(String, [String])] = [
            ("q=panda", ["panda"]),
            ("q=giant%20panda&limit=3&facets=5", ["giant", "panda", "--limit", "3", "--facets", "5"]),
            ("q=visit&year=2014&year=2015", ["visit", "--year", "2014", "--year", "2015"]),
            ("q=trade&from=2010&to=2020&sort=-date", ["trade", "--from", "2010", "--to", "2020", "--sort=-date"]),
            ("topic=Culture&limit=2&offset=1", ["--topic", "Culture", "--limit", "2", "--offset", "1"]),
            ("entity=Xi+Jinping&facets=0", ["--entity", "Xi Jinping", "--facets", "0"]),
            ("q=%22state%20visit%22&file=china-belgium.txt", ["\"state visit\"", "--file", "china-belgium.txt"]),
            ("section=Culture", ["--section", "Culture"]),
            ("q=onerror", ["onerror"]),
            ("q=Who%20visited%20Belgium%20in%202015%3F", ["Who visited Belgium in 2015?"]),  // the answer card too
            ("q=trade&from=2024-02&to=2024-12", ["trade", "--from", "2024-02", "--to", "2024-12"]),
            ("year-facets=10000&entity-facets=2&facets=3", ["--year-facets", "10000", "--entity-facets", "2", "--facets", "3"]),
            ("", []),
        ]
        for (query, arguments) in searches {
            let answer = server.get("/api/search?" + query)
            #expect(answer.status == 200, "\(query): \(answer.body)")
            #expect(answer.contentType.hasPrefix("application/json"))
            let cliJSON = try cli.run(["search"] + arguments + ["--json"]).json
            #expect(Self.same(answer.json, cliJSON), "\(query)")
        }
        for (query, arguments) in [("q=visit", ["visit"]), ("entity=Li%20Keqiang", ["--entity", "Li Keqiang"]), ("year=2014", ["--year", "2014"])] {
            #expect(Self.same(server.get("/api/facets?" + query).json, try cli.run(["facets"] + arguments + ["--json"]).json), "\(query)")
            #expect(Self.same(server.get("/api/timeline?" + query).json, try cli.run(["timeline"] + arguments + ["--json"]).json), "\(query)")
        }
        for (query, arguments) in [("action=visit&country=BEL&limit=100", ["--action", "visit", "--country", "BEL", "--limit", "100"]),
                                   ("q=panda&plover=CONSULT", ["panda", "--plover", "CONSULT"]),
                                   ("actor=Li%20Keqiang&from=2015&to=2017&status=done", ["--actor", "Li Keqiang", "--from", "2015", "--to", "2017", "--status", "done"])] {
            let events = server.get("/api/events?" + query)
            #expect(events.status == 200 && !((events.json as? [String: Any])?["events"] as? [Any] ?? []).isEmpty, "\(query)")
            #expect(Self.same(events.json, try cli.run(["events"] + arguments + ["--json"]).json), "\(query)")
        }
        #expect(server.get("/api/events?plover=HUG").status == 400 && server.get("/api/events?status=maybe").status == 400)
        #expect(server.get("/api/events?limit=101").status == 400 && server.get("/api/events?view=x").status == 400)
        // every year, and the entities of each kind apart, when asked (the page's histogram and people, places and
        // organizations lists): --facets 3 for the rest
        let all = server.get("/api/facets").json as? [String: Any]
        let allFacets = all?["facets"] as? [String: [[String: Any]]]
        let paged = (server.get("/api/search?year-facets=10000&entity-facets=2&facets=3").json as? [String: Any])?["facets"] as? [String: [[String: Any]]]
        #expect((allFacets?["year"]?.count ?? 0) > 200 && paged?["year"]?.count == allFacets?["year"]?.count, "\(allFacets?["year"]?.count ?? 0) years")
        #expect(paged?["topic"]?.count == 3)
        let kinds = (paged?["entity"] ?? []).map { $0["kind"] as? String ?? "" }
        for kind in ["person", "place", "organization"] {
            #expect(kinds.filter { $0 == kind }.count == 2, "\(kind): \(kinds)")
        }
        let hits = (server.get("/api/search?q=panda").json as? [String: Any])?["hits"] as? [[String: Any]] ?? []
        let id = try #require(hits.first?["id"] as? String)
        #expect(Self.same(server.get("/api/passage/" + id).json, try cli.run("show", id, "--json").json))
        #expect(Self.same(server.get("/api/passage/china-belgium.txt%232").json, try cli.run("show", "china-belgium.txt#2", "--json").json))
        // an entity's other names, from the gazetteers
        let xi = server.get("/api/entity?name=xi%20jinping").json as? [String: Any]
        #expect(xi?["name"] as? String == "Xi Jinping" && xi?["kind"] as? String == "person")
        let belgium = server.get("/api/entity?name=Belgium").json as? [String: Any]
        #expect((belgium?["aliases"] as? [String])?.contains("Kingdom of Belgium") == true, "\(belgium ?? [:])")
        #expect(server.get("/api/entity").status == 400)
        // a name no gazetteer and no passage knows: 404; an alias: the entity it names
        let nobody = server.get("/api/entity?name=Nobody%20Atall")
        #expect(nobody.status == 404 && (nobody.json as? [String: Any])?["error"] as? String == "unknown entity \"Nobody Atall\"", "\(nobody.body)")
        #expect((server.get("/api/entity?name=President%20Xi").json as? [String: Any])?["name"] as? String == "Xi Jinping")
        // the page and its assets, from the binary
        let page = server.get("/")
        #expect(page.status == 200 && page.contentType.hasPrefix("text/html") && page.body.contains("<script src=\"/app.js\""))
        #expect(server.get("/app.js").contentType.hasPrefix("text/javascript"))
        #expect(server.get("/app.css").contentType.hasPrefix("text/css"))
        #expect(server.stop() == 0)
    }

    @Test func badRequestsAreRefusedInOneLine() throws {
        let cli = try Self.corpus()
        let server = try WebServer(cli, [])
        let long = String(repeating: "trade ", count: 400)
        let bad = [
            "/api/search?limit=101", "/api/search?limit=-1", "/api/search?limit=ten", "/api/search?offset=99999999",
            "/api/search?facets=5000", "/api/search?year=12345", "/api/search?from=x", "/api/search?sort=random",
            "/api/search?bogus=1", "/api/search?limit=1&limit=2", "/api/search?q=" + long.replacingOccurrences(of: " ", with: "%20"),
            "/api/search?q=%FF%FE", "/api/facets?limit=3", "/api/timeline?sort=date", "/api/search?topic=" + String(repeating: "x", count: 600),
            "/api/search?from=2016&to=2010", "/api/search?from=2016-02-30", "/api/timeline?to=2015-02-29", "/api/events?from=2016-03&to=2016-02",
            "/api/search?year-facets=-1", "/api/search?entity-facets=1001", "/api/facets?year-facets=5",
        ]
        for path in bad {
            let answer = server.get(path)
            #expect(answer.status == 400, "\(path): \(answer.status) \(answer.body)")
            let error = (answer.json as? [String: Any])?["error"] as? String
            #expect(error != nil && !(error!.contains("\n")), "\(path): \(answer.body)")
        }
        // the command line refuses the same dates in one line, exit status 2
        for (from, to, message) in [("2016", "2010", "--from 2016 is after --to 2010: give the earlier date first"),
                                    ("2016-02-30", "2017", "--from 2016-02-30 is not a day of the calendar")] {
            for command in [["search", "trade"], ["timeline"], ["events"]] {
                let refused = try cli.run(command + ["--from", from, "--to", to])
                #expect(refused.status == 2 && refused.stderr == "dossier: \(message)\n", "\(command): \(refused.stderr)")
            }
        }
        #expect(try cli.run("search", "trade", "--from", "2016-02-29", "--to", "2016-03").status == 0)
        // what no route takes: 404 with one line of JSON too
        for path in ["/api/passage/no-such-passage", "/api/passage/", "/api/nope", "/nope"] {
            let answer = server.get(path)
            #expect(answer.status == 404 && answer.contentType.hasPrefix("application/json"), "\(path): \(answer.status)")
            #expect((answer.json as? [String: Any])?["error"] is String, "\(path): \(answer.body)")
        }
        // no file on disk is served but the app's own; nothing writes
        for path in ["/Corpus/china-belgium.txt", "/../Corpus/china-belgium.txt", "/%2e%2e/%2e%2e/etc/passwd", "/Index/XAPIANDB", "/api"] {
            #expect(server.get(path).status == 404, "\(path)")
        }
        for method in ["POST", "PUT", "DELETE"] {
            let answer = server.get("/api/search?q=x", method: method)
            #expect(answer.status == 405 && (answer.json as? [String: Any])?["error"] is String, "\(method): \(answer.status) \(answer.body)")
        }
        // HEAD as GET, without the body
        let head = server.get("/", method: "HEAD")
        #expect(head.status == 200 && head.body.isEmpty && head.contentType.hasPrefix("text/html"), "\(head.status)")
        // on loopback, only requests for this machine's names (a DNS-rebinding page sends its own name)
        let port = try #require(URL(string: server.url)?.port)
        for host in ["localhost", "127.0.0.1:\(port)", "localhost:\(port)", "[::1]:\(port)", "LOCALHOST"] {
            #expect(WebServer.raw(port: port, host: host).hasPrefix("HTTP/1.1 200"), "\(host)")
        }
        for host in ["evil.example", "evil.example:\(port)", "127.0.0.1.evil.example", "localhost.:\(port)", "[::2]", ""] {
            let answer = WebServer.raw(port: port, host: host)
            #expect(answer.hasPrefix("HTTP/1.1 400") && answer.contains("{\"error\": "), "\(host): \(answer.prefix(200))")
        }
        // a request body (none is read) larger than 64 KB is refused before it is read
        let big = server.get("/api/search?q=x", method: "PUT", body: Data(count: 1 << 20))
        #expect([404, 405, 413].contains(big.status), "\(big.status)")
        let bigGet = server.get("/api/search?q=x", method: "GET", body: Data(count: 1 << 20))
        #expect([413, 0].contains(bigGet.status) && bigGet.status != 200, "\(bigGet.status) \(bigGet.body.prefix(100))")
        // the server is still up and right after all of that
        #expect(server.get("/api/search?q=panda").status == 200)
        #expect(server.stop(SIGINT) == 0)
    }

    @Test func missingIndexOrBadFlagsEndInOneLine() throws {
        let cli = CLI()
        let missing = try cli.run("serve", "--index", "no/such/index", "--port", "0")
        #expect(missing.status != 0 && missing.stderr.split(separator: "\n").count == 1, "\(missing.stderr)")
        let port = try cli.run("serve", "--port", "70000")
        #expect(port.status == 2)
        let watchMany = try cli.run("serve", "--watch", "--index", "a", "--index", "b")
        #expect(watchMany.status == 2)
        let anywhere = try WebServer(cli, ["--host", "0.0.0.0"])  // builds Index/ from Corpus/ first
        #expect(anywhere.startup.contains("warning: listening on 0.0.0.0: anyone who can reach this address can read the index"))
        let local = try WebServer(cli, [])
        #expect(!local.startup.contains("warning"))
        // its port taken: one line that says so
        let used = try #require(URL(string: local.url)?.port)
        let taken = try cli.run("serve", "--port", String(used))
        #expect(taken.status == 1 && taken.stderr == "dossier: port \(used) is in use on 127.0.0.1: choose another with --port (0: any free port)\n", "\(taken.stderr)")
        #expect(local.stop() == 0)
        #expect(anywhere.get("/api/search?q=panda").status == 200)
        #expect(anywhere.stop() == 0)
    }

    /// With --watch, an edited corpus is searched at once, and searches running while it is indexed again all
    /// succeed (none sees a half-written index).
    @Test func watchReindexesWhileSearchesGoOn() throws {
        let cli = try Self.corpus()
        let server = try WebServer(cli, ["--watch"])
        #expect((server.get("/api/search?q=zyzzyva").json as? [String: Any])?["total"] as? Int == 0)
        let file = cli.directory.appendingPathComponent("Corpus/added.txt")
        try "The zyzzyva delegation visited Ghent in 2021.\n".write(to: file, atomically: true, encoding: .utf8)
        var total = 0, failures = 0, searches = 0
        let deadline = Date().addingTimeInterval(30)
        while total == 0 && Date() < deadline {
            for q in ["panda", "trade", "visit"] {
                let answer = server.get("/api/search?q=" + q)
                searches += 1
                if answer.status != 200 || ((answer.json as? [String: Any])?["total"] as? Int ?? 0) == 0 { failures += 1 }
            }
            total = (server.get("/api/search?q=zyzzyva").json as? [String: Any])?["total"] as? Int ?? 0
        }
        #expect(total == 1, "\(server.printed())")
        #expect(failures == 0, "\(failures) of \(searches) searches failed while the corpus was indexed again")
        // an edit of the bundled text too
        let text = cli.directory.appendingPathComponent("Corpus/china-belgium.txt")
        try (try String(contentsOf: text, encoding: .utf8) + "\nA quokka exchange was agreed in 2025.\n").write(to: text, atomically: true, encoding: .utf8)
        var found = 0
        let second = Date().addingTimeInterval(60)
        while found == 0 && Date() < second {
            found = (server.get("/api/search?q=quokka").json as? [String: Any])?["total"] as? Int ?? 0
            usleep(100_000)
        }
        #expect(found == 1, "\(server.printed())")
        #expect(server.stop() == 0)
    }
}

/// The page in a real browser: Debian's chromium, headless, driven over the DevTools protocol by
/// `Tests/Browser/drive_page.py` (type a query, click a year bar, back and forward, open a passage and an entity,
/// the timeline, hostile passages shown as text, the keyboard, a phone-sized screen). Its screenshots are left in
/// `Tests/Browser/screenshots/` (not committed).
@Suite struct BrowserTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test func thePageWorksInABrowser() throws {
        let chromium = try #require(Self.chromium, "chromium is not installed (Debian's chromium package; .ci/run installs it)")
        let cli = try ServeTests.corpus()
        let server = try WebServer(cli, [])
        let out = CLI.repository.appendingPathComponent("Tests/Browser/screenshots")
        let driver = Process()
        driver.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        driver.arguments = ["python3", CLI.repository.appendingPathComponent("Tests/Browser/drive_page.py").path,
                            "--url", server.url, "--out", out.path, "--chromium", chromium]
        let pipe = Pipe()
        driver.standardOutput = pipe
        driver.standardError = pipe
        try driver.run()
        let report = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        driver.waitUntilExit()
        print(report)
        #expect(driver.terminationStatus == 0, "\(report)")
        #expect(report.contains("ok   hostile passage in full shows as text"))
        for view in ["search", "year", "passage", "entity", "timeline", "phone"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(view + ".png").path), "\(view)")
        }
        #expect(server.stop() == 0)
    }
}
