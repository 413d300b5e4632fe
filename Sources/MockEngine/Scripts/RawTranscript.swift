import MessagesAPI

/// The bytes of a `raw` reply's file and the pieces it is sent in; for a recording, also the status, headers
/// and timing the upstream answered with.
public struct RawTranscript: Sendable {
    public var file: String
    public var fault: FaultRule?
    public var shape: StreamShape?
    /// The file split after each blank line, so each event leaves in its own chunk; bytes are unchanged.
    public var chunks: [[UInt8]]
    /// The recorded status (200 unless the reply says).
    public var status = 200
    /// The recorded headers; nil sends the headers of any stream.
    public var headers: [(name: String, value: String)]?
    /// When the recorded headers and events arrived.
    public var timing: ReplayTiming?

    public init(file: String, bytes: [UInt8]) {
        self.file = file
        self.chunks = Self.split(bytes)
    }

    /// An SSE body, sent event by event, unless the recorded `content-type` names something else (a JSON
    /// answer or error), which is sent whole with a `content-length`.
    public var isStream: Bool {
        guard let type = self.headers?.first(where: { $0.name == "content-type" })?.value else { return true }
        return type.lowercased().hasPrefix("text/event-stream")
    }

    /// The answer this transcript gives.
    func plan(source: AnswerSource) -> ResponsePlan {
        guard self.isStream else {
            var plan = ResponsePlan(status: self.status, headers: self.headers ?? [], body: .complete(self.chunks.flatMap { $0 }), source: source)
            plan.timing = self.timing
            return plan
        }
        var plan = ResponsePlan.rawStream(self.chunks, source: source)
        plan.status = self.status
        if let headers = self.headers { plan.headers = headers }
        plan.timing = self.timing
        return plan
    }

    static func split(_ bytes: [UInt8]) -> [[UInt8]] {
        var chunks: [[UInt8]] = []
        var start = 0
        var i = 0
        while i < bytes.count {
            // An event ends at a blank line: "\n\n", or "\r\n\r\n".
            if bytes[i] == 0x0A, i + 1 < bytes.count, bytes[i + 1] == 0x0A {
                chunks.append(Array(bytes[start...i + 1]))
                i += 2
                start = i
            } else if bytes[i] == 0x0D, i + 3 < bytes.count, bytes[i + 1] == 0x0A, bytes[i + 2] == 0x0D,
                bytes[i + 3] == 0x0A
            {
                chunks.append(Array(bytes[start...i + 3]))
                i += 4
                start = i
            } else {
                i += 1
            }
        }
        if start < bytes.count { chunks.append(Array(bytes[start...])) }
        return chunks
    }
}

/// When a recorded answer arrived, measured from the moment its request was sent: the status line and
/// headers, then each event of a stream (one per piece of the transcript).
public struct ReplayTiming: Sendable, Equatable {
    public var headers: Duration
    public var events: [Duration]

    public init(headers: Duration, events: [Duration] = []) {
        self.headers = headers
        self.events = events
    }

    /// The wait before the headers at `speed` (nil is 1; 0 is no wait).
    public func headersDelay(speed: Double?) -> Duration {
        Self.scaled(self.headers, speed: speed)
    }

    /// `offset` replayed `speed` times faster.
    public static func scaled(_ offset: Duration, speed: Double?) -> Duration {
        let speed = speed ?? 1
        guard speed > 0 else { return .zero }
        return speed == 1 ? offset : offset / speed
    }
}
