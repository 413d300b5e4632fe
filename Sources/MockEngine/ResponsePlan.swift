import MessagesAPI

/// Everything the transport needs to answer one request: status, headers, and either a whole body or a
/// sequence of SSE events. The server executes a plan; it never decides what to say.
public struct ResponsePlan: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: Body

    /// The response body.
    public enum Body: Sendable {
        /// A complete body sent with `content-length`.
        case complete([UInt8])
        /// SSE events, each sent as its own chunk and flushed.
        case events(StreamEvents)
    }

    public init(status: Int, headers: [(name: String, value: String)], body: Body) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON answer.
    public static func json(status: Int = 200, _ body: [UInt8], headers: [(name: String, value: String)] = []) -> Self {
        ResponsePlan(status: status, headers: [("content-type", "application/json")] + headers, body: .complete(body))
    }

    /// The Anthropic-shaped error answer for `error`.
    public static func error(_ error: APIError) -> Self {
        .json(status: error.status, error.body, headers: error.headers)
    }

    /// A stream of events with the headers an SSE answer carries.
    public static func stream(_ events: StreamEvents) -> Self {
        ResponsePlan(
            status: 200,
            headers: [("content-type", "text/event-stream; charset=utf-8"), ("cache-control", "no-cache")],
            body: .events(events)
        )
    }
}
