/// What the router sees of one HTTP request.
public struct RequestContext: Sendable {
    public var method: String
    /// The path without its query string.
    public var path: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    public var version: HTTPVersionKind

    public init(
        method: String,
        path: String,
        headers: [(name: String, value: String)],
        body: [UInt8] = [],
        version: HTTPVersionKind = .http11
    ) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
        self.version = version
    }

    /// The first value of a header, matched without regard to case.
    public func header(_ name: String) -> String? {
        for header in self.headers where header.name.lowercased() == name {
            return header.value
        }
        return nil
    }

    /// The path of a request target: everything before `?`.
    public static func path(ofTarget target: String) -> String {
        if let q = target.firstIndex(of: "?") { return String(target[..<q]) }
        return target
    }
}
