import MessagesAPI

/// The control plane under `/_mock/`: the request journal, scripts at run time, and resets, each scoped to
/// one session when the call names one (`?session=` or the `x-mock-session` header). Answers are JSON;
/// errors use the API's error shape.
public struct AdminAPI: Sendable {
    /// Every admin path starts so; no API path does.
    public static let prefix = "/_mock"
    /// The header that carries `--admin-token` (`authorization: Bearer <token>` works too).
    public static let tokenHeader = "x-mock-admin-token"

    public var scripts: ScriptBook
    public var faults: FaultBook
    public var journal: Journal
    /// When set, every admin call must carry it.
    public var token: String?
    /// Where `raw` transcripts named by scripts added at run time are read from (`--responses`).
    public var responsesDirectory: String?

    public init(
        scripts: ScriptBook, faults: FaultBook, journal: Journal, token: String? = nil, responsesDirectory: String? = nil
    ) {
        self.scripts = scripts
        self.faults = faults
        self.journal = journal
        self.token = token
        self.responsesDirectory = responsesDirectory
    }

    /// True for paths the admin API answers.
    public static func handles(path: String) -> Bool {
        path == self.prefix || path.hasPrefix(self.prefix + "/")
    }

    /// One admin call, as the router sees it.
    public struct Call: Sendable {
        public var method: String
        /// The path after `/_mock`, split at `/` and percent-decoded: `["scripts", "weather"]`.
        public var segments: [String]
        public var query: [(name: String, value: String)]
        public var headers: [(name: String, value: String)]
        public var body: [UInt8]

        public init(method: String, path: String, query: String, headers: [(name: String, value: String)], body: [UInt8]) {
            self.method = method
            self.segments = path.dropFirst(AdminAPI.prefix.count).split(separator: "/").map { QueryString.decode($0) }
            self.query = QueryString.parse(query)
            self.headers = headers
            self.body = body
        }

        /// The first value of a header (`name` in lower case), matched without regard to case.
        public func header(_ name: String) -> String? {
            self.headers.firstValue(named: name)
        }

        /// The session the call is about: `?session=`, else the `x-mock-session` header, else none.
        public var session: String? {
            self.query.last { $0.name == "session" }?.value ?? self.header(ScriptBook.sessionHeader)
        }
    }

    public func respond(to call: Call) -> ResponsePlan {
        if let refusal = self.authenticationError(call) { return .error(refusal, source: .admin) }
        switch call.segments.first {
        case nil:
            return self.allow(call, "GET") { self.index() }
        case "journal"?:
            return self.journalRoute(call)
        case "scripts"?:
            return self.scriptsRoute(call)
        case "verdict"?:
            return self.verdictRoute(call)
        case "reset"? where call.segments.count == 1:
            return self.allow(call, "POST") { self.reset(call) }
        default:
            return .error(
                APIError(
                    type: .notFound,
                    message: "Not found: \(call.method) \(Self.prefix)/\(call.segments.joined(separator: "/")). "
                        + "Admin routes: \(Self.routes.joined(separator: ", "))"),
                source: .admin)
        }
    }

    static let routes = [
        "GET /_mock", "GET|DELETE /_mock/journal", "GET /_mock/journal/{id}", "GET|POST|DELETE /_mock/scripts",
        "GET|PUT|DELETE /_mock/scripts/{name}", "POST /_mock/reset", "GET /_mock/verdict",
    ]

    private func index() -> ResponsePlan {
        let counts = self.journal.counts
        return Self.json { json in
            json.key("routes"); json.strings(Self.routes)
            json.key("journal")
            json.beginObject()
            json.key("capacity"); json.int(self.journal.capacity)
            json.key("held"); json.int(counts.held)
            json.key("recorded"); json.int(counts.recorded)
            json.key("body_limit"); json.int(self.journal.bodyLimit)
            json.endObject()
            json.key("scripts"); json.int(self.scripts.scripts.count)
        }
    }

    private func reset(_ call: Call) -> ResponsePlan {
        if let problem = Self.onlySession(call) { return problem }
        let session = call.session
        self.scripts.reset(session: session)
        self.faults.reset(session: session)
        let cleared = self.journal.clear(session: session)
        return Self.json { json in
            json.key("reset"); json.string(session == nil ? "all" : "session")
            json.key("session"); session.map { json.string($0) } ?? json.null()
            json.key("journal_entries_cleared"); json.int(cleared)
        }
    }

    /// `--admin-token`: `x-mock-admin-token: T` or `authorization: Bearer T`.
    private func authenticationError(_ call: Call) -> APIError? {
        guard let token = self.token else { return nil }
        let given = call.header(Self.tokenHeader) ?? call.headers.bearerToken
        guard given == token else {
            return APIError(
                type: .authentication,
                message: "The admin API needs the admin token: send it as '\(Self.tokenHeader): <token>' or 'authorization: Bearer <token>'.")
        }
        return nil
    }

    /// Runs `answer` when the call's method is one of `methods`, else answers 405 with `allow`.
    func allow(_ call: Call, _ methods: String..., answer: () -> ResponsePlan) -> ResponsePlan {
        guard methods.contains(call.method) else {
            let allowed = methods.joined(separator: ", ")
            return .error(
                APIError(
                    status: 405, type: .invalidRequest,
                    message: "Method \(call.method) is not allowed for \(Self.prefix)/\(call.segments.joined(separator: "/")); allowed: \(allowed)",
                    headers: [("allow", allowed)]),
                source: .admin)
        }
        return answer()
    }

    /// A 400 when the call has query parameters other than `session`.
    static func onlySession(_ call: Call) -> ResponsePlan? {
        guard let other = call.query.first(where: { $0.name != "session" }) else { return nil }
        return self.badRequest("unknown query parameter '\(other.name)' (known: session)")
    }

    static func badRequest(_ message: String) -> ResponsePlan {
        .error(APIError(type: .invalidRequest, message: message), source: .admin)
    }

    /// A JSON object answer; `build` writes its members.
    static func json(status: Int = 200, _ build: (inout JSONWriter) -> Void) -> ResponsePlan {
        var json = JSONWriter(reservingCapacity: 1024)
        json.beginObject()
        build(&json)
        json.endObject()
        return .json(status: status, json.bytes, source: .admin)
    }
}
