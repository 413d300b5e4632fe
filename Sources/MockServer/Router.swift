import MessagesAPI
import MockEngine

/// Maps a request to its plan: the Messages endpoint under both prefixes, health, and Anthropic-shaped
/// 404/405 answers for everything else.
public struct Router: Sendable {
    /// Settings the routes need.
    public struct Configuration: Sendable {
        /// When set, only this key is accepted; otherwise any non-empty key is.
        public var apiKey: String?
        public var planner: ReplyPlanner
        /// Every API request, for the admin API (shared by every listener of the server).
        public var journal: Journal
        /// When set, admin calls must carry it (`--admin-token`).
        public var adminToken: String?
        /// Where scripts added at run time read `raw` transcripts from (`--responses`).
        public var responsesDirectory: String?
        /// The real endpoint requests no script answers go to (`--upstream`).
        public var upstream: Upstream?

        public init(
            apiKey: String? = nil,
            planner: ReplyPlanner = ReplyPlanner(),
            journal: Journal = Journal(),
            adminToken: String? = nil,
            responsesDirectory: String? = nil
        ) {
            self.apiKey = apiKey
            self.planner = planner
            self.journal = journal
            self.adminToken = adminToken
            self.responsesDirectory = responsesDirectory
        }

        /// The admin API over the same scripts, faults and journal the routes use.
        public var admin: AdminAPI {
            AdminAPI(
                scripts: self.planner.scripts, faults: self.planner.faults, journal: self.journal,
                token: self.adminToken, responsesDirectory: self.responsesDirectory)
        }
    }

    enum Route {
        case messages
        case health
    }

    public var configuration: Configuration
    let admin: AdminAPI

    public init(configuration: Configuration) {
        self.configuration = configuration
        self.admin = configuration.admin
    }

    /// Requests the journal keeps: everything but the admin API and the health route.
    static func isJournaled(path: String) -> Bool {
        if AdminAPI.handles(path: path) { return false }
        if case (.health, _)? = self.route(for: path) { return false }
        return true
    }

    /// The Messages API, under either prefix.
    static func isMessagesRoute(_ path: String) -> Bool {
        if case (.messages, _)? = self.route(for: path) { return true }
        return false
    }

    static func route(for path: String) -> (Route, allowed: String)? {
        switch path {
        case "/v1/messages", "/inference/v1/messages": return (.messages, "POST")
        case "/health", "/inference/health": return (.health, "GET, HEAD")
        default: return nil
        }
    }

    public func respond(to request: RequestContext) -> ResponsePlan {
        if AdminAPI.handles(path: request.path) {
            return self.admin.respond(
                to: AdminAPI.Call(
                    method: request.method, path: request.path, query: request.query, headers: request.headers,
                    body: request.body))
        }
        guard let (route, allowed) = Self.route(for: request.path) else {
            return .error(
                APIError(
                    type: .notFound,
                    message: "Not found: \(request.method) \(request.path). The Messages API is POST /inference/v1/messages."
                ))
        }
        guard allowed.split(separator: ",").contains(where: { $0.trimmingWhitespace() == request.method }) else {
            return .error(
                APIError(
                    status: 405,
                    type: .invalidRequest,
                    message: "Method \(request.method) is not allowed for \(request.path); allowed: \(allowed)",
                    headers: [("allow", allowed)]
                ))
        }
        switch route {
        case .health:
            return .json(Array(#"{"status":"ok"}"#.utf8))
        case .messages:
            if let error = self.authenticationError(request) { return .error(error, source: .authentication) }
            return self.configuration.planner.plan(body: request.body, headers: request.headers)
        }
    }

    /// Accepts `x-api-key: K` or `authorization: Bearer K` (the SDKs send either, depending on version).
    func authenticationError(_ request: RequestContext) -> APIError? {
        var key = request.header("x-api-key")
        if key?.isEmpty ?? true, let bearer = request.headers.bearerToken { key = bearer }
        guard let key, !key.isEmpty else { return .missingAPIKey }
        if let expected = self.configuration.apiKey, key != expected { return .invalidAPIKey }
        return nil
    }
}

