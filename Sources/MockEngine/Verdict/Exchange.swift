import MessagesAPI

/// One journaled Messages request as the checks see it: when it came and when its answer ended, what it was
/// ("the same request" key), how it went, and what the mock sent back.
public struct Exchange: Sendable {
    /// How an attempt went, for the retry checks.
    public enum Outcome: Sendable, Equatable {
        case success
        /// Worth another try: 408, 409, 429, 5xx, a broken connection, a stream that did not finish.
        case retryable(String)
        /// Not worth another try: another 4xx, or any failure the server marked `x-should-retry: false`.
        case unretryable(String)
    }

    public let id: Int
    /// When the request head arrived and when the answer's last byte left, in microseconds since 1970.
    public let start: Int64
    public let end: Int64
    public let status: Int
    /// "The same request": the canonical digest of the body; for a body refused unread (413), its path and size.
    public let key: String?
    public let conversation: Conversation?
    /// How long the server asked the client to wait (`retry-after-ms`, else `retry-after` in seconds).
    public let advice: Duration?
    public let outcome: Outcome
    /// An event stream (whether or not it finished).
    public let isStream: Bool
    /// A stream whose `message_delta` and `message_stop` were both sent.
    public let streamFinished: Bool
    /// The client went away while the answer was being written (not during a stall fault).
    public let abandoned: Bool
    public let sent: SentSource?

    public init(_ entry: JournalEntry) {
        self.id = entry.id
        self.start = entry.epochMicroseconds
        let (seconds, attoseconds) = entry.duration.components
        self.end = entry.epochMicroseconds + seconds * 1_000_000 + attoseconds / 1_000_000_000_000
        self.status = entry.status
        self.sent = entry.sent
        let conversation = entry.conversation ?? (entry.body.count == entry.bodySize ? Conversation(body: entry.body) : nil)
        self.conversation = conversation
        let contentLength = entry.headers.firstValue(named: "content-length") ?? "?"
        self.key = conversation?.digest ?? (entry.status == 413 ? "413 \(entry.path) \(contentLength)" : nil)
        let header = { (name: String) in entry.responseHeaders.firstValue(named: name) }
        if let ms = header("retry-after-ms").flatMap(Double.init), ms >= 0, ms.isFinite {
            self.advice = .milliseconds(ms)
        } else if let seconds = header("retry-after").flatMap(Double.init), seconds >= 0, seconds.isFinite {
            self.advice = .milliseconds(seconds * 1000)
        } else {
            self.advice = nil
        }
        let events = entry.writes.flatMap(\.events)
        self.isStream = entry.status == 200 && entry.responseBody == nil && !entry.writes.isEmpty
        self.streamFinished = self.isStream && events.contains("message_stop") && events.contains("message_delta")
        let stalled: Bool
        if case .stall? = entry.fault { stalled = true } else { stalled = false }
        self.abandoned = self.isStream && entry.ending == .clientGone && !stalled
        self.outcome = Self.outcome(
            status: entry.status, ending: entry.ending, streamBroken: self.isStream && !self.streamFinished,
            shouldRetry: header("x-should-retry"))
    }

    private static func outcome(status: Int, ending: ConnectionEnding, streamBroken: Bool, shouldRetry: String?) -> Outcome {
        let failure: String?
        let retryable: Bool
        switch (status, ending) {
        case (_, .reset): (failure, retryable) = ("connection reset", true)
        case (_, .closedBeforeResponse): (failure, retryable) = ("connection closed before any answer", true)
        case (200..<300, .closedMidResponse): (failure, retryable) = ("connection closed mid-answer", true)
        case (200..<300, _) where streamBroken: (failure, retryable) = ("stream ended without message_stop", true)
        case (200..<300, _): (failure, retryable) = (nil, true)
        case (408, _), (409, _), (429, _), (500..., _): (failure, retryable) = ("\(status)", true)
        default: (failure, retryable) = ("\(status)", false)
        }
        guard let failure else { return .success }
        // The server's word wins over the status, as the SDKs read it.
        if shouldRetry == "false" { return .unretryable("\(failure) with x-should-retry: false") }
        if !retryable { return .unretryable(failure) }
        return .retryable(failure)
    }

    /// Microseconds from this answer's end to `later`'s start.
    func gap(to later: Exchange) -> Int64 { later.start - self.end }
}
