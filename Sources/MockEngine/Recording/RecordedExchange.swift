import MessagesAPI

/// One exchange with the upstream as it happened, for `--record`: the request, then the answer as it
/// arrived (status, headers, and the body's bytes in the pieces and at the times they came).
public struct RecordedExchange: Sendable {
    /// The upstream's URL for this request.
    public var url: String
    /// When the request was sent, microseconds since 1970.
    public var epochMicroseconds: Int64
    /// The request body as parsed (credentials never travel in it; redaction applies when written).
    public var request: JSONValue
    public var status = 0
    /// The upstream's headers, all of them (what is kept is chosen when written).
    public var headers: [(name: String, value: String)] = []
    /// From the request to the status line.
    public var headersAt: Duration = .zero
    /// The body as it arrived: each read with its time from the request.
    public var pieces: [(at: Duration, bytes: [UInt8])] = []
    /// False when the upstream went away before the body's end: the recording is what arrived.
    public var complete = true

    public init(url: String, epochMicroseconds: Int64, request: JSONValue) {
        self.url = url
        self.epochMicroseconds = epochMicroseconds
        self.request = request
    }

    /// A stream, by its `content-type`.
    public var isStream: Bool {
        self.headers.first { $0.name.lowercased() == "content-type" }?.value.lowercased().hasPrefix("text/event-stream") ?? false
    }

    public var body: [UInt8] { self.pieces.flatMap(\.bytes) }

    /// The body cut into events (after each blank line, as a `raw` reply cuts its file) and the time each
    /// event was complete: the time of the read that brought its last byte.
    public var events: (chunks: [[UInt8]], times: [Duration]) {
        let chunks = RawTranscript.split(self.body)
        var times: [Duration] = []
        var piece = 0
        var pieceEnd = self.pieces.first?.bytes.count ?? 0
        var end = 0
        for chunk in chunks {
            end += chunk.count
            while pieceEnd < end, piece + 1 < self.pieces.count {
                piece += 1
                pieceEnd += self.pieces[piece].bytes.count
            }
            times.append(self.pieces.isEmpty ? self.headersAt : self.pieces[piece].at)
        }
        return (chunks, times)
    }

    /// Whether a stream's last event is `message_stop` or `error` and nothing follows it half-sent: a stream
    /// that ends otherwise was cut.
    public var streamFinished: Bool {
        let chunks = RawTranscript.split(self.body)
        guard let last = chunks.last, last.count >= 2, last[last.count - 1] == 0x0A, last[last.count - 2] == 0x0A || last[last.count - 2] == 0x0D
        else { return false }
        let name = SSEFraming.eventName(in: last)
        return name == "message_stop" || name == "error"
    }

    /// The headers worth keeping in a recording: what a client reads (ids, rate limits, retry hints, the type).
    public var keptHeaders: [(name: String, value: String)] {
        self.headers.compactMap { header in
            let name = header.name.lowercased()
            let kept = name == "request-id" || name == "content-type" || name.hasPrefix("fireworks-")
                || name.hasPrefix("x-ratelimit-") || name.hasPrefix("retry-after")
            return kept ? (name, header.value) : nil
        }
    }
}
