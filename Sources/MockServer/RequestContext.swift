import MessagesAPI

/// What the router sees of one HTTP request.
public struct RequestContext: Sendable {
    public var method: String
    /// The path without its query string.
    public var path: String
    /// The query string without `?` (empty when there is none).
    public var query: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    public var version: HTTPVersionKind

    public init(
        method: String,
        path: String,
        query: String = "",
        headers: [(name: String, value: String)],
        body: [UInt8] = [],
        version: HTTPVersionKind = .http11
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.version = version
    }

    /// The first value of a header (`name` in lower case), matched without regard to case.
    public func header(_ name: String) -> String? {
        self.headers.firstValue(named: name)
    }

    /// The path of a request target: everything before `?`.
    public static func path(ofTarget target: String) -> String {
        self.split(target: target).path
    }

    /// A request target's path and query string.
    public static func split(target: String) -> (path: String, query: String) {
        guard let q = target.firstIndex(of: "?") else { return (target, "") }
        return (String(target[..<q]), String(target[target.index(after: q)...]))
    }
}
