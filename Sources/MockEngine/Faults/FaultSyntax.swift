import MessagesAPI

/// The one text syntax for faults and stream shapes, used by the `x-mock-fault` and `x-mock-stream` headers,
/// the `--fault` and `--stream` flags, and the `fault` and `stream` fields of script replies:
/// `kind;key=value;flag`, e.g. `reset;after=5`, `error;status=429;retry-after=2;times=2`,
/// `delay=50ms;ttft=1s;jitter=0.2;drip`.
public enum FaultSyntax {
    /// A fault or shape text that could not be read; the message says which part and why.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { self.message }

        public init(message: String) {
            self.message = message
        }
    }

    static func parts(_ text: String) -> [(key: String, value: String?)] {
        text.split(separator: ";").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }.map { part in
            if let eq = part.firstIndex(of: "=") {
                return (String(part[..<eq]).trimmingWhitespace().lowercased(), String(part[part.index(after: eq)...]).trimmingWhitespace())
            }
            return (part.lowercased(), nil)
        }
    }

    public static let faultKinds = [
        "error", "mid-stream-error", "cut", "reset", "disconnect", "empty", "stall", "malformed", "no-message-delta",
        "duplicate-message-delta", "unknown-index",
    ]

    /// Reads a fault rule.
    public static func fault(_ text: String) throws(Failure) -> FaultRule {
        var parts = self.parts(text)
        guard !parts.isEmpty, parts[0].value == nil else {
            throw Failure(message: "a fault starts with its kind (\(self.faultKinds.joined(separator: ", ")))")
        }
        let kind = parts.removeFirst().key
        if let options = self.faultOptions[kind] {
            try self.checkOptions(parts, known: options + ["times"], context: kind)
        }
        var values = Values(parts: parts, context: kind)
        let times = try values.int("times", minimum: 1)
        let fault: Fault
        switch kind {
        case "error":
            let status = try values.int("status", minimum: 400, maximum: 599)
            var type = APIErrorType.forStatus(status ?? 500)
            if let name = values.take("type") {
                guard let parsed = APIErrorType(rawValue: name) else { throw Failure(message: "error: unknown type '\(name)'") }
                type = parsed
            }
            var headers: [(String, String)] = []
            for name in ["retry-after", "retry-after-ms", "x-should-retry"] {
                if let value = values.take(name) { headers.append((name, value)) }
            }
            for (key, value) in values.takeAll(prefix: "header.") {
                headers.append((String(key.dropFirst("header.".count)), value ?? ""))
            }
            if let problem = headers.lazy.compactMap({ HeaderField.problem(name: $0.0, value: $0.1) }).first {
                throw Failure(message: "error: \(problem)")
            }
            // `x-should-retry=false;header.x-should-retry=true` would send both values and leave the client to
            // pick one; the journal's text of it (two `header.` parts) could not be read back either.
            var names = Set<String>()
            if let twice = headers.first(where: { !names.insert($0.0).inserted }) {
                throw Failure(message: "error: header '\(twice.0)' is given twice")
            }
            fault = .httpError(APIError(status: status, type: type, message: values.take("message"), headers: headers))
        case "mid-stream-error":
            var type = APIErrorType.overloaded
            if let name = values.take("type") {
                guard let parsed = APIErrorType(rawValue: name) else {
                    throw Failure(message: "mid-stream-error: unknown type '\(name)'")
                }
                type = parsed
            }
            fault = .midStreamError(
                afterEvents: try values.int("after", minimum: 0) ?? 3, type: type,
                message: values.take("message") ?? type.defaultMessage)
        case "cut":
            let events = try values.int("after", minimum: 0)
            let bytes = try values.int("after-bytes", minimum: 0)
            guard (events == nil) != (bytes == nil) else { throw Failure(message: "cut: give one of after=N (events) or after-bytes=N") }
            fault = .cut(afterEvents: events, afterBytes: bytes, terminator: try values.bool("terminator") ?? true)
        case "reset", "disconnect":
            fault = .reset(afterEvents: try values.int("after", minimum: 0) ?? 0)
        case "empty":
            fault = .empty
        case "stall":
            fault = .stall(afterEvents: try values.int("after", minimum: 0) ?? 0, duration: try values.duration("for"))
        case "malformed":
            let name = values.take("kind") ?? ""
            guard let kind = Fault.Malformation(rawValue: name) else {
                let known = Fault.Malformation.allCases.map(\.rawValue).joined(separator: ", ")
                throw Failure(message: "malformed: kind must be one of \(known)")
            }
            fault = .malformed(kind, atEvent: try values.int("at", minimum: 0) ?? 2)
        case "no-message-delta": fault = .missingMessageDelta
        case "duplicate-message-delta": fault = .duplicateMessageDelta
        case "unknown-index": fault = .unknownIndex
        default:
            throw Failure(message: "unknown fault '\(kind)' (known: \(self.faultKinds.joined(separator: ", ")))")
        }
        try values.finish()
        return FaultRule(fault: fault, times: times)
    }

    /// Reads a stream shape.
    public static func shape(_ text: String) throws(Failure) -> StreamShape {
        let parts = self.parts(text)
        // `none`: the plain shape, whatever the script or the server would have used.
        if parts.count == 1, parts[0].key == "none", parts[0].value == nil { return StreamShape() }
        try self.checkOptions(parts, known: self.shapeOptions, context: "stream")
        var values = Values(parts: parts, context: "stream")
        var shape = StreamShape()
        shape.headersDelay = try values.duration("ttfb") ?? .zero
        shape.firstTokenDelay = try values.duration("ttft") ?? .zero
        shape.eventDelay = try values.duration("delay") ?? .zero
        if let jitter = values.take("jitter") {
            guard let value = Double(jitter), (0...1).contains(value) else {
                throw Failure(message: "stream: jitter must be a fraction from 0 to 1")
            }
            shape.jitter = value
        }
        shape.pingInterval = try values.duration("ping")
        if let speed = values.take("speed") {
            guard let value = Double(speed), value.isFinite, value >= 0 else {
                throw Failure(message: "stream: speed must be a number from 0 up (0 replays a recording with no waits)")
            }
            shape.speed = value
        }
        if let chunk = values.take("chunk") {
            let pieces = chunk.split(separator: ":")
            guard pieces.count == 2, let size = Int(pieces[1]), size >= 1 else {
                throw Failure(message: "stream: chunk must be chars:N, words:N or tokens:N")
            }
            switch pieces[0] {
            case "chars": shape.chunking = .characters(size)
            case "words": shape.chunking = .words(size)
            case "tokens": shape.chunking = .tokens(size)
            default: throw Failure(message: "stream: chunk must be chars:N, words:N or tokens:N")
            }
        }
        shape.eventsPerWrite = try values.int("events-per-write", minimum: 1) ?? 1
        shape.splitEvents = try values.flag("split")
        shape.drip = try values.flag("drip")
        shape.crlf = try values.flag("crlf")
        shape.comments = try values.flag("comments")
        shape.multilineData = try values.flag("multiline")
        shape.unknownEvents = try values.flag("unknown-events")
        try values.finish()
        return shape
    }

    /// The `key=value` parts of one text, taken one by one; whatever is left at the end is an error.
    struct Values {
        var remaining: [(key: String, value: String?)]
        let context: String

        init(parts: [(key: String, value: String?)], context: String) {
            self.remaining = parts
            self.context = context
        }

        /// Takes every part whose key starts with `prefix`, in order, in one pass (taking them one by one
        /// made a text of many `header.NAME` parts quadratic to read).
        mutating func takeAll(prefix: String) -> [(key: String, value: String?)] {
            let taken = self.remaining.filter { $0.key.hasPrefix(prefix) }
            self.remaining.removeAll { $0.key.hasPrefix(prefix) }
            return taken
        }

        mutating func take(_ key: String) -> String? {
            guard let index = self.remaining.firstIndex(where: { $0.key == key }) else { return nil }
            let value = self.remaining[index].value
            self.remaining.remove(at: index)
            return value ?? ""
        }

        mutating func int(_ key: String, minimum: Int, maximum: Int = Int.max) throws(Failure) -> Int? {
            guard let text = self.take(key) else { return nil }
            guard let value = Int(text), value >= minimum, value <= maximum else {
                throw Failure(message: "\(self.context): \(key) must be a whole number from \(minimum)\(maximum == Int.max ? " up" : " to \(maximum)")")
            }
            return value
        }

        mutating func bool(_ key: String) throws(Failure) -> Bool? {
            guard let text = self.take(key) else { return nil }
            switch text {
            case "true", "": return true
            case "false": return false
            default: throw Failure(message: "\(self.context): \(key) must be true or false")
            }
        }

        mutating func flag(_ key: String) throws(Failure) -> Bool {
            try self.bool(key) ?? false
        }

        mutating func duration(_ key: String) throws(Failure) -> Duration? {
            guard let text = self.take(key) else { return nil }
            guard let value = FaultSyntax.duration(text) else {
                throw Failure(message: "\(self.context): \(key) must be a duration such as 250ms or 2s")
            }
            return value
        }

        func finish() throws(Failure) {
            if let unknown = self.remaining.first {
                throw Failure(message: "\(self.context): unknown option '\(unknown.key)'")
            }
        }
    }
}

