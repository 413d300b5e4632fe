import MessagesAPI

/// A deliberate failure, applied to one answer. Each case's exact wire effect is in the README's fault
/// catalogue; the comments here say the same in short.
public enum Fault: Sendable, Equatable {
    /// An HTTP error instead of the answer: status, Anthropic body, and headers such as `retry-after`.
    case httpError(APIError)
    /// After N events, an `event: error` with this type and message; then the body ends without `message_stop`.
    case midStreamError(afterEvents: Int, type: APIErrorType, message: String)
    /// The body ends cleanly after N events or N bytes (mid-event), with or without the last chunk.
    case cut(afterEvents: Int?, afterBytes: Int?, terminator: Bool)
    /// The connection is reset (RST, no FIN) after N events.
    case reset(afterEvents: Int)
    /// The connection closes before any response byte.
    case empty
    /// Silence after the headers (N = 0) or after N events, for a duration or until the client gives up.
    case stall(afterEvents: Int, duration: Duration?)
    /// Broken bytes at event N.
    case malformed(Malformation, atEvent: Int)
    /// The stream has no `message_delta`.
    case missingMessageDelta
    /// The stream has two `message_delta` events.
    case duplicateMessageDelta
    /// A `content_block_delta` for a block index that was never started.
    case unknownIndex

    /// The kinds of broken bytes.
    public enum Malformation: String, Sendable, CaseIterable {
        /// The event's `data:` line holds JSON cut in half.
        case invalidJSON = "invalid-json"
        /// The event has no blank line after it, so it runs into the next one.
        case missingBlankLine = "missing-blank-line"
        /// The chunk's size line is wrong (it announces more bytes than follow), then the connection closes.
        case badChunkSize = "bad-chunk-size"
        /// Random bytes in place of the event, then the connection closes.
        case garbage
    }

    /// True for faults that replace the whole answer before any stream begins.
    public var isBeforeStream: Bool {
        switch self {
        case .httpError, .empty: return true
        default: return false
        }
    }
}

/// A fault and the requests it applies to: all of them, or only the first N of each session.
public struct FaultRule: Sendable, Equatable {
    public var fault: Fault
    /// Only the first N matching requests of a session fail ("fail twice, then succeed").
    public var times: Int?

    public init(fault: Fault, times: Int? = nil) {
        self.fault = fault
        self.times = times
    }
}
