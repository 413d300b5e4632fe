import MessagesAPI

/// A recording on disk: an ordinary script (`NAME.json`) that `check` accepts and a person can edit, whose
/// `match.request` picks the recorded request again and whose replies are timed `raw` transcripts
/// (`NAME-N.sse` for a stream, `NAME-N.body` for a whole body). The same request recorded again adds a reply,
/// so repeated requests replay in the order they were recorded.
public struct RecordingFile: Sendable {
    /// The request keys a recording matches on: the conversation and what shapes the answer.
    public static let matchedKeys = ["model", "system", "messages", "tools", "tool_choice", "thinking", "stream"]

    public var name: String
    /// `match.request`: each matched key's recorded value; null for a key the request did not have.
    public var match: JSONObject
    public var description: String
    /// The replies, in the order they were recorded, and the body file each names.
    public private(set) var replies: [(reply: JSONValue, file: String, body: [UInt8])] = []

    public init(name: String, exchange: RecordedExchange, redaction: RecordingRedaction) {
        self.name = name
        self.match = Self.matchValues(of: redaction.apply(to: exchange.request))
        self.description = "Recorded from \(exchange.url) at \(Timestamp.rfc3339(epochMicroseconds: exchange.epochMicroseconds)). "
            + "Replays for a request with the same values under match.request; delete a key there to match more requests."
    }

    /// The values of `matchedKeys` in a request body (a missing `stream` is `false`, any other missing key null).
    public static func matchValues(of request: JSONValue) -> JSONObject {
        JSONObject(self.matchedKeys.map { key in
            (key, request[key] ?? (key == "stream" ? .bool(false) : .null))
        })
    }

    /// Adds the exchange's answer as the next reply; returns the body file's name and bytes to write.
    public mutating func add(_ exchange: RecordedExchange) {
        let index = self.replies.count + 1
        let stream = exchange.isStream
        let file = "\(self.name)-\(index).\(stream ? "sse" : "body")"
        var reply: [(key: String, value: JSONValue)] = [("raw", .string(file)), ("status", .number(JSONNumber(exchange.status)))]
        reply.append(("headers", .object(JSONObject(exchange.keptHeaders.map { ($0.name, .string($0.value)) }))))
        var timing: [(key: String, value: JSONValue)] = [("headers_ms", Self.milliseconds(exchange.headersAt))]
        let body: [UInt8]
        if stream {
            let (chunks, times) = exchange.events
            body = chunks.flatMap { $0 }
            timing.append(("events_ms", .array(times.map(Self.milliseconds))))
        } else {
            body = exchange.body
        }
        reply.append(("timing", .object(JSONObject(timing))))
        self.replies.append((.object(JSONObject(reply)), file, body))
    }

    /// The script, as pretty-printed JSON.
    public var scriptBytes: [UInt8] {
        var members: [(key: String, value: JSONValue)] = [
            ("name", .string(self.name)), ("description", .string(self.description)),
            ("match", .object(JSONObject([("request", .object(self.match))]))),
        ]
        if self.replies.count == 1 {
            members.append(("reply", self.replies[0].reply))
        } else {
            members.append(("replies", .array(self.replies.map(\.reply))))
        }
        return PrettyJSON.bytes(.object(JSONObject(members)))
    }

    /// `recording-20261207-010203-1`: the request's time (UTC) and its number in this run.
    public static func name(epochMicroseconds: Int64, count: Int) -> String {
        let stamp = Timestamp.rfc3339(epochMicroseconds: epochMicroseconds).prefix(19)
        let date = stamp.prefix(10).filter(\.isNumber)
        let time = stamp.suffix(8).filter(\.isNumber)
        return "recording-\(date)-\(time)-\(count)"
    }

    /// Milliseconds with microsecond precision, as `timing` reads them.
    static func milliseconds(_ duration: Duration) -> JSONValue {
        .number(JSONNumber(text: Timestamp.milliseconds(duration)))
    }
}
