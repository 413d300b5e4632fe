import MessagesAPI

/// One API request as the journal keeps it: what the client sent, what decided the answer, what was
/// written back (each write with its time and the SSE events in it), and how the connection ended.
public struct JournalEntry: Sendable {
    /// Assigned by the journal: 1 for the first request, one more for each after.
    public var id = 0
    /// Wall-clock time the request head arrived, in microseconds since 1970.
    public var epochMicroseconds: Int64
    /// The `request-id` header sent back.
    public var requestID: String
    /// The `x-mock-session` header; empty for the default session.
    public var session: String
    public var method: String
    public var path: String
    /// The query string without `?`, as sent.
    public var query: String
    public var headers: [(name: String, value: String)]
    /// The request body, cut to the journal's body limit.
    public var body: [UInt8]
    /// The body's full size in bytes.
    public var bodySize: Int

    public var status: Int
    public var responseHeaders: [(name: String, value: String)]
    /// A complete (non-stream) response body, cut to the body limit; nil for streams.
    public var responseBody: [UInt8]?
    public var responseBodySize = 0
    /// Every write of the response (head included), in order, up to `JournalEntry.writeLimit`.
    public var writes: [JournalWrite] = []
    /// Writes beyond the limit, counted but not kept.
    public var writesDropped = 0

    /// What decided the answer.
    public var source: AnswerSource
    /// For an answer the upstream gave (or could not give): its URL, status, time to first byte, recording.
    public var upstream: UpstreamReport?
    /// For a replayed recording: the script file it lives in.
    public var recording: String?
    public var script: ResponsePlan.ScriptReference?
    /// The closest scripts when none answered; a deferred report is worked out when read (`nearMisses`).
    public var nearMissReport = NearMissReport.none
    public var fault: Fault?
    public var faultOrigin: FaultOrigin?
    /// Why `fault` changed nothing (a position past the stream's end, a stream-only fault on a JSON answer).
    public var faultNotApplied: String?
    /// From the request head to the last byte written (or the connection's end).
    public var duration: Duration = .zero
    public var ending: ConnectionEnding = .keepAlive
    /// What the answer gave the client as the assistant's turn (held by reference, not copied), for verdicts.
    public var sent: SentSource?
    /// The request's conversation, read when the journal cut the body (a whole body is read when needed).
    public var conversation: Conversation?

    /// Most writes kept per entry, so a long stream cannot grow one entry without bound.
    public static let writeLimit = 512

    public init(
        epochMicroseconds: Int64, requestID: String, session: String, method: String, path: String, query: String,
        headers: [(name: String, value: String)], body: [UInt8], status: Int,
        responseHeaders: [(name: String, value: String)], source: AnswerSource
    ) {
        self.epochMicroseconds = epochMicroseconds
        self.requestID = requestID
        self.session = session
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.bodySize = body.count
        self.status = status
        self.responseHeaders = responseHeaders
        self.source = source
    }

    /// The answer's kind for filters and reports.
    public var answerKind: AnswerKind {
        if self.source == .upstream { return .upstream }
        if self.recording != nil { return .recording }
        if self.status >= 400 { return .error }
        return self.script == nil ? .echo : .script
    }

    /// The closest scripts when none answered, and why each missed. A deferred report is worked out here from
    /// the request as kept: while the body is whole (the journal resolves the report before cutting a body).
    public var nearMisses: [NearMiss] {
        self.nearMissReport.resolved {
            guard self.body.count == self.bodySize, case .success(let request) = RequestValidator.validate(body: self.body)
            else { return nil }
            return RequestFacts(request: request, headers: self.headers)
        }
    }
}

/// One write to the connection: when, relative to the request head; how many bytes (framing included);
/// and the names of the SSE events whose `event:` lines it carries.
public struct JournalWrite: Sendable, Equatable {
    public var offset: Duration
    public var bytes: Int
    public var events: [String]

    public init(offset: Duration, bytes: Int, events: [String]) {
        self.offset = offset
        self.bytes = bytes
        self.events = events
    }
}

/// How a connection stood after a response.
public enum ConnectionEnding: String, Sendable, CaseIterable {
    /// Open for the next request.
    case keepAlive = "keep-alive"
    /// Closed by the server (FIN) after a complete response: `Connection: close`, HTTP/1.0, shutdown.
    case closed
    /// Closed by the server (FIN) before the response was complete: a cut, malformed or stall fault.
    case closedMidResponse = "closed-mid-response"
    /// Closed before any response byte (the `empty` fault).
    case closedBeforeResponse = "closed-before-response"
    /// Reset by the server (RST, the `reset` fault).
    case reset
    /// The client went away while the response was being written.
    case clientGone = "client-gone"
    /// The client closed its sending side before the request was complete: nothing was answered (status 0).
    case requestIncomplete = "request-incomplete"
}
