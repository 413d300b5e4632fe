import MessagesAPI

/// What a client can see of one answer, minus what a real model's words change: the status, the error's type
/// and text, the event names in order (each run of deltas as one), where usage appears, the content block
/// types, and which of the headers clients read are present.
public struct ProbeObservation: Sendable, Equatable {
    public var status: Int
    public var errorType: String?
    public var errorMessage: String?
    /// Event names in order, a run of `content_block_delta` (or `ping`) counted once; empty for a JSON answer.
    public var events: [String] = []
    /// `message_start` carries usage and every count in it is 0.
    public var zeroUsageOnStart: Bool?
    /// How many `message_delta` events carry usage with `output_tokens`.
    public var messageDeltasWithUsage: Int?
    /// The content block types, in order.
    public var blockTypes: [String] = []
    /// The content type, without parameters.
    public var contentType: String?
    /// Names of the headers present among `request-id`, `fireworks-*` and `x-ratelimit-*`.
    public var headers: [String] = []

    public init(status: Int, headers: [(name: String, value: String)], body: [UInt8]) {
        self.status = status
        let names = headers.map { $0.name.lowercased() }
        self.headers = Array(Set(names.filter { $0 == "request-id" || $0.hasPrefix("fireworks-") || $0.hasPrefix("x-ratelimit-") })).sorted()
        self.contentType = headers.first { $0.name.lowercased() == "content-type" }.map {
            String($0.value.split(separator: ";")[0]).trimmingWhitespace().lowercased()
        }
        if self.contentType == "text/event-stream" {
            self.readStream(body)
        } else if let json = try? JSONParser.parse(body) {
            self.errorType = json["error"]?["type"]?.stringValue
            self.errorMessage = json["error"]?["message"]?.stringValue
            self.blockTypes = json["content"]?.arrayValue?.compactMap { $0["type"]?.stringValue } ?? []
        }
    }

    private mutating func readStream(_ body: [UInt8]) {
        var deltas = 0
        for chunk in RawTranscript.split(body) {
            let name = SSEFraming.eventName(in: chunk) ?? ""
            let data = Self.data(in: chunk)
            if name != self.events.last || (name != "content_block_delta" && name != "ping") { self.events.append(name) }
            switch name {
            case "message_start":
                let usage = data?["message"]?["usage"]
                self.zeroUsageOnStart = usage.map { Self.allZero($0) } ?? false
            case "message_delta":
                if data?["usage"]?["output_tokens"] != nil { deltas += 1 }
            case "content_block_start":
                if let type = data?["content_block"]?["type"]?.stringValue { self.blockTypes.append(type) }
            case "error":
                self.errorType = data?["error"]?["type"]?.stringValue
                self.errorMessage = data?["error"]?["message"]?.stringValue
            default:
                break
            }
        }
        self.messageDeltasWithUsage = deltas
    }

    /// The JSON of an event's `data:` lines, joined.
    static func data(in chunk: [UInt8]) -> JSONValue? {
        let lines = String(decoding: chunk, as: UTF8.self).split(separator: "\n")
        let data = lines.filter { $0.hasPrefix("data:") }.map { $0.dropFirst(5).trimmingWhitespace() }.joined(separator: "\n")
        return try? JSONParser.parse(Array(data.utf8))
    }

    static func allZero(_ usage: JSONValue) -> Bool {
        guard let members = usage.objectValue?.members else { return false }
        return members.allSatisfy { member in
            if case .number(let n) = member.value { return n.doubleValue == 0 }
            return true
        }
    }
}
