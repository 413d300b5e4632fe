import MessagesAPI
import MockEngine

/// Reads what a plan would send.
enum Plans {
    struct WrongBody: Error {
        var expected: String
    }

    static func bytes(_ plan: ResponsePlan) throws -> [UInt8] {
        guard case .complete(let bytes) = plan.body else { throw WrongBody(expected: "a complete body") }
        return bytes
    }

    static func text(_ plan: ResponsePlan) throws -> String {
        String(decoding: try self.bytes(plan), as: UTF8.self)
    }

    static func json(_ plan: ResponsePlan) throws -> JSONValue {
        try JSONParser.parse(try self.bytes(plan))
    }

    static func events(_ plan: ResponsePlan) throws -> [ServerSentEvent] {
        guard case .events(let events) = plan.body else { throw WrongBody(expected: "a stream of events") }
        return Array(events)
    }

    /// The concatenated `text_delta` texts of a stream.
    static func streamedText(_ events: [ServerSentEvent]) throws -> String {
        try events.filter { $0.name == "content_block_delta" }.compactMap {
            try JSONParser.parse($0.data)["delta"]?["text"]?.stringValue
        }.joined()
    }

    /// The `usage` object of the stream's `message_delta`.
    static func finalUsage(_ events: [ServerSentEvent]) throws -> JSONValue? {
        guard let delta = events.first(where: { $0.name == "message_delta" }) else { return nil }
        return try JSONParser.parse(delta.data)["usage"]
    }

    static func header(_ plan: ResponsePlan, _ name: String) -> String? {
        plan.headers.first { $0.name == name }?.value
    }

    static func headerNames(_ plan: ResponsePlan) -> [String] {
        plan.headers.map(\.name)
    }

    static func int(_ value: JSONValue?) -> Int? {
        guard case .number(let n)? = value else { return nil }
        return n.integerValue
    }
}
