import MessagesAPI

/// Everything the transport needs to answer one request: status, headers, and either a whole body or a
/// sequence of SSE events. The server executes a plan; it never decides what to say.
public struct ResponsePlan: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: Body
    /// What decided the answer, for the journal and logs; never sent.
    public var source: AnswerSource
    /// Pacing and chunking of a stream (and the wait before the headers of any answer).
    public var shape = StreamShape()
    /// A deliberate failure to apply while sending.
    public var fault: Fault?
    /// Where `fault` came from, for the journal.
    public var faultOrigin: FaultOrigin?
    /// The script that answered (or whose rate limit refused the request); nil for echo and other errors.
    public var script: ScriptReference?
    /// When no script answered: the closest scripts and why each missed, if the planner was asked to look
    /// (found, or deferred until the journal entry is read).
    public var nearMisses = NearMissReport.none
    /// A recording's timing: the headers and each event leave at their recorded offsets (scaled by the
    /// shape's `speed`) instead of the shape's waits.
    public var timing: ReplayTiming?
    /// For an answer the upstream gave (or could not give): where it came from and how it went.
    public var upstream: UpstreamReport?
    /// For a replayed recording: the script file it lives in.
    public var recording: String?

    /// The wait before the status line: a recording's recorded time to its headers (scaled by `speed`), else
    /// the shape's `ttfb`.
    public var headersDelay: Duration {
        if let timing = self.timing, self.replaysTiming { return timing.headersDelay(speed: self.shape.speed) }
        return self.shape.headersDelay
    }

    /// Whether recorded timing paces this answer: a recording, not at `speed=0`.
    public var replaysTiming: Bool { self.timing != nil && (self.shape.speed ?? 1) > 0 }

    /// The message a non-stream answer carries (a stream's is in its events), kept for the journal's verdicts.
    public var message: ResponseMessage?

    /// What the answer gives the client as the assistant's turn: the planned message, or a replayed transcript.
    public var sentSource: SentSource? {
        switch self.body {
        case .events(let events): return .message(events.message)
        case .rawStream(let chunks): return .transcript(chunks)
        case .complete: return self.message.map(SentSource.message)
        }
    }

    /// The response body.
    public enum Body: Sendable {
        /// A complete body sent with `content-length`.
        case complete([UInt8])
        /// SSE events, each sent as its own chunk and flushed.
        case events(StreamEvents)
        /// Raw stream bytes (a replayed transcript), each piece sent as its own chunk and flushed.
        case rawStream([[UInt8]])
    }

    public init(status: Int, headers: [(name: String, value: String)], body: Body, source: AnswerSource = .routing) {
        self.status = status
        self.headers = headers
        self.body = body
        self.source = source
    }

    /// A JSON answer.
    public static func json(
        status: Int = 200,
        _ body: [UInt8],
        headers: [(name: String, value: String)] = [],
        source: AnswerSource = .routing
    ) -> Self {
        ResponsePlan(
            status: status, headers: [("content-type", "application/json")] + headers, body: .complete(body),
            source: source)
    }

    /// The Anthropic-shaped error answer for `error`.
    public static func error(_ error: APIError, source: AnswerSource = .routing) -> Self {
        .json(status: error.status, error.body, headers: error.headers, source: source)
    }

    /// A stream of events with the headers an SSE answer carries.
    public static func stream(_ events: StreamEvents, source: AnswerSource = .routing) -> Self {
        ResponsePlan(status: 200, headers: self.streamHeaders, body: .events(events), source: source)
    }

    /// A replayed transcript, with the same headers as any stream.
    public static func rawStream(_ chunks: [[UInt8]], source: AnswerSource = .routing) -> Self {
        ResponsePlan(status: 200, headers: self.streamHeaders, body: .rawStream(chunks), source: source)
    }

    /// A script by name and scope.
    public struct ScriptReference: Sendable, Equatable {
        public var name: String
        public var scope: ScriptBook.Scope

        public init(name: String, scope: ScriptBook.Scope) {
            self.name = name
            self.scope = scope
        }
    }

    static let streamHeaders: [(name: String, value: String)] = [
        ("content-type", "text/event-stream; charset=utf-8"), ("cache-control", "no-cache"),
    ]
}
