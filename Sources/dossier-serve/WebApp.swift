import DossierCLI
import DossierCore
import Hummingbird
import Logging
#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
import Dispatch
#else
import Foundation
#endif

/// `dossier serve`'s routes: the page and its assets (compiled into the binary: no file on disk is served), and a
/// read-only JSON API whose answers are exactly those of the command line's `--json`.
///
///     GET /                      the search page
///     GET /api/search?…          dossier search --json   (q, year, from, to, topic, section, entity, file,
///                                                         limit, offset, sort, facets)
///     GET /api/facets?…          dossier facets --json   (q and the filters)
///     GET /api/timeline?…        dossier timeline --json (q and the filters)
///     GET /api/events?…          dossier events --json   (q, the filters, action, plover, cameo, actor, country,
///                                                         place, status, limit, offset)
///     GET /api/passage/ID        dossier show ID --json  (ID, or FILE#N with # as %23)
///     GET /api/entity?name=…     the entity a name refers to and its other names in the gazetteers
///
/// A bad parameter or query is answered 400 with `{"error": "one line"}`, an unknown passage, entity or path 404,
/// another method than GET or HEAD 405, all with one line of JSON; nothing a request holds can cause a 500.
struct WebApp: Sendable {
    let pool: SearchPool
    /// Whether the server listens on loopback only: then a request must name this machine in its Host header
    /// (a web page elsewhere could otherwise reach it through a name of its own that resolves to 127.0.0.1).
    var loopbackOnly = true

    func router() -> Router<BasicRequestContext> {
        let router = Router(options: .autoGenerateHeadEndpoints)
        router.add(middleware: RequestLimits(loopbackOnly: loopbackOnly))
        router.get("/") { _, _ in Self.asset(PackageResources.index_html, type: "text/html; charset=utf-8") }
        router.get("/app.js") { _, _ in Self.asset(PackageResources.app_js, type: "text/javascript; charset=utf-8") }
        router.get("/app.css") { _, _ in Self.asset(PackageResources.app_css, type: "text/css; charset=utf-8") }
        router.get("/api/search") { request, _ in
            await answer {
                let search = try QueryParameters(query: request.uri.query).searchRequest()
                return try await pool.run { searcher in
                    try Render.result(searcher.search(search), answer: search.offset == 0 ? searcher.answer(for: search) : nil).text
                }
            }
        }
        router.get("/api/facets") { request, _ in
            await answer {
                let selection = try QueryParameters(query: request.uri.query).selectionRequest()
                return try await pool.run { searcher in
                    let (total, facets) = try searcher.allFacets(selection)
                    return Render.facetListing(total: total, facets: facets).text
                }
            }
        }
        router.get("/api/timeline") { request, _ in
            await answer {
                let selection = try QueryParameters(query: request.uri.query).selectionRequest()
                return try await pool.run { Render.timeline(try $0.timeline(selection).events).text }
            }
        }
        router.get("/api/events") { request, _ in
            await answer {
                let events = try QueryParameters(query: request.uri.query).eventsRequest()
                return try await pool.run { Render.events(try $0.events(events)).text }
            }
        }
        router.get("/api/entity") { request, _ in
            await answer {
                let parameters = try QueryParameters(query: request.uri.query)
                try parameters.check(known: ["name"])
                guard let name = try parameters.one("name"), !name.isEmpty else { throw DossierError(.usage, "expected /api/entity?name=NAME") }
                return try await pool.run { searcher in
                    guard let (entity, aliases) = try searcher.knownEntity(name) else {
                        throw NotFound(message: "unknown entity \"\(DossierError.quoted(name))\"")
                    }
                    return JSON.object([("name", .string(entity.name)), ("kind", .string(entity.kind.rawValue)), ("aliases", .strings(aliases))]).text
                }
            }
        }
        router.get("/api/passage/**") { request, _ in
            await answer {
                let raw = request.uri.path.dropFirst("/api/passage/".count)
                guard let id = QueryParameters.decodePath(raw), !id.isEmpty, id.count <= QueryParameters.maxValueLength else {
                    throw DossierError(.usage, "expected /api/passage/ID")
                }
                guard let text = try await pool.run({ try $0.passage(id).map { Render.passage($0).text } }) else {
                    throw NotFound(message: "no passage \(id)")
                }
                return text
            }
        }
        return router
    }

    /// Unknown passage or entity: 404.
    struct NotFound: Error { let message: String }

    /// Runs a JSON endpoint: its text with 200, or one line of JSON with the status the failure calls for.
    func answer(_ body: () async throws -> String) async -> Response {
        do {
            return Self.json(try await body(), status: .ok)
        } catch let error as NotFound {
            return Self.error(error.message, status: .notFound)
        } catch let error as DossierError {
            switch error.kind {
            case .usage, .query: return Self.error(error.message, status: .badRequest)
            case .locked: return Self.error(error.message, status: .serviceUnavailable)
            default: return Self.error(error.message, status: .internalServerError)
            }
        } catch {
            return Self.error(String(describing: error), status: .internalServerError)
        }
    }

    static func json(_ text: String, status: HTTPResponse.Status) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func error(_ message: String, status: HTTPResponse.Status) -> Response {
        let line = message.split(separator: "\n").first.map(String.init) ?? message
        return json(JSON.object([("error", .string(line))]).text, status: status)
    }

    static func asset(_ bytes: [UInt8], type: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        // the page runs only its own script and style, and loads nothing from elsewhere
        headers[.contentSecurityPolicy] = "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
        headers[.init("X-Content-Type-Options")!] = "nosniff"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// Serves until SIGINT or SIGTERM; `ready` gets the address once the socket listens.
    func serve(host: String, port: Int, ready: @escaping @Sendable (String) -> Void) async throws {
        var logger = Logger(label: "dossier")
        logger.logLevel = .warning
        let app = Application(
            router: router(),
            configuration: .init(address: .hostname(host, port: port), serverName: "dossier"),
            onServerRunning: { channel in
                ready("http://\(host.contains(":") ? "[\(host)]" : host):\(channel.localAddress?.port ?? port)/")
            },
            logger: logger
        )
        try await app.runService()
    }
}

/// What every request goes through before its route: on loopback, a Host header that names this machine (else
/// 400: DNS rebinding); GET or HEAD only (else 405: nothing writes); no request body announced as larger than
/// 64 KB (413, before it is read: nothing the server answers reads one); and a path no route takes answered 404
/// with one line of JSON, as every other error.
struct RequestLimits<Context: RequestContext>: RouterMiddleware {
    static var maxBody: Int { 64 * 1024 }
    let loopbackOnly: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if loopbackOnly, !Self.isLoopback(authority: request.head.authority) {
            var response = WebApp.error("this server answers only requests for localhost, 127.0.0.1 or [::1]", status: .badRequest)
            response.headers[.connection] = "close"
            return response
        }
        guard request.method == .get || request.method == .head else {
            var response = WebApp.error("\(request.method.rawValue) is not allowed: the server only reads (GET)", status: .methodNotAllowed)
            response.headers[.allow] = "GET, HEAD"
            response.headers[.connection] = "close"
            return response
        }
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > Self.maxBody {
            var response = WebApp.error("the request body is larger than \(Self.maxBody / 1024) KB", status: .contentTooLarge)
            response.headers[.connection] = "close"
            return response
        }
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let path = String(request.uri.path.prefix(200))
            let hint = path.hasPrefix("/api/passage") ? "expected /api/passage/ID" : "no such page or endpoint: \(path)"
            return WebApp.error(hint, status: .notFound)
        }
    }

    /// Whether a Host header names this machine by a loopback name: localhost, 127.0.0.1 or [::1], with any port.
    static func isLoopback(authority: String?) -> Bool {
        guard var host = authority?.lowercased() else { return false }
        if host.hasPrefix("[") {
            guard let end = host.firstIndex(of: "]") else { return false }
            let rest = host[host.index(after: end)...]
            guard rest.isEmpty || (rest.hasPrefix(":") && rest.dropFirst().allSatisfy(\.isNumber)) else { return false }
            return host[...end] == "[::1]"
        }
        if let colon = host.firstIndex(of: ":") {
            guard host[host.index(after: colon)...].allSatisfy(\.isNumber) else { return false }
            host = String(host[..<colon])
        }
        return host == "localhost" || host == "127.0.0.1"
    }
}
