import MessagesAPI

/// A fault written back in the `kind;key=value` syntax `FaultSyntax.fault` reads, for the journal and logs.
extension Fault: CustomStringConvertible {
    public var description: String {
        switch self {
        case .httpError(let error):
            var text = "error;status=\(error.status);type=\(error.type.rawValue)"
            for header in error.headers { text += ";header.\(header.name)=\(header.value)" }
            return text
        case .midStreamError(let after, let type, _):
            return "mid-stream-error;after=\(after);type=\(type.rawValue)"
        case .cut(let events, let bytes, let terminator):
            let point = events.map { "after=\($0)" } ?? "after-bytes=\(bytes ?? 0)"
            return "cut;\(point);terminator=\(terminator)"
        case .reset(let after):
            return "reset;after=\(after)"
        case .empty:
            return "empty"
        case .stall(let after, let duration):
            return "stall;after=\(after)" + (duration.map { ";for=\(Self.milliseconds($0))ms" } ?? "")
        case .malformed(let kind, let at):
            return "malformed;kind=\(kind.rawValue);at=\(at)"
        case .missingMessageDelta:
            return "no-message-delta"
        case .duplicateMessageDelta:
            return "duplicate-message-delta"
        case .unknownIndex:
            return "unknown-index"
        }
    }

    private static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
