import MessagesAPI

/// How a stream is paced and cut into writes. The defaults are the mock's normal stream: no waits, one
/// event per write. Each option reproduces something real servers or proxies do to a stream.
public struct StreamShape: Sendable, Equatable {
    /// Wait before the status line (time to first byte).
    public var headersDelay: Duration = .zero
    /// Wait after `message_start` and `ping`, before the first content event (time to first token).
    public var firstTokenDelay: Duration = .zero
    /// Wait before every later event.
    public var eventDelay: Duration = .zero
    /// Each wait varies by up to ± this fraction, drawn from the seeded generator.
    public var jitter: Double = 0
    /// During a wait longer than this, `ping` events are sent at this interval.
    public var pingInterval: Duration?
    /// Overrides the server's text delta size.
    public var chunking: TextChunking?
    /// Events sent together in one write.
    public var eventsPerWrite: Int = 1
    /// Every event leaves in two writes, cut in the middle of its data line.
    public var splitEvents = false
    /// The body leaves one byte per write.
    public var drip = false
    /// Lines end with CRLF instead of LF.
    public var crlf = false
    /// A `: keep-alive` comment line precedes each event.
    public var comments = false
    /// Each event's JSON is spread over several `data:` lines (clients join them with newlines).
    public var multilineData = false
    /// An event of an unknown type follows `ping` (clients must ignore it).
    public var unknownEvents = false
    /// A recording replays its recorded timing this many times faster; 0 replays it with no waits. Nil is 1.
    /// Only recorded timing is scaled: the waits above are the shape's own.
    public var speed: Double?

    public init() {}

    /// True when the stream is the plain one: no waits, nothing unusual.
    public var isPlain: Bool { self == StreamShape() }
}
