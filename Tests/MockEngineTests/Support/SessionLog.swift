import MessagesAPI
import MockEngine

/// Builds a session's journal by hand, exchange by exchange, with a clock the test moves: for verdict tests.
struct SessionLog {
    static let model = "accounts/fireworks/models/kimi-k2p5"
    static let fullStream = ["message_start", "ping", "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop"]

    var entries: [JournalEntry] = []
    /// Microseconds since 1970 of the next request.
    var now: Int64 = 1_700_000_000_000_000

    /// A request body: `messages` as JSON text.
    static func body(_ messages: String, stream: Bool = false) -> [UInt8] {
        Array(#"{"model":"\#(model)","max_tokens":64,"stream":\#(stream),"messages":\#(messages)}"#.utf8)
    }

    static func user(_ text: String) -> String { #"[{"role":"user","content":"\#(text)"}]"# }

    static func message(_ blocks: [OutputBlock]) -> ResponseMessage {
        ResponseMessage(id: "msg_1", model: model, content: blocks, stopReason: .endTurn, usage: Usage(inputTokens: 1, outputTokens: 1))
    }

    /// Records one exchange that took `took`, then moves the clock on by `after`.
    @discardableResult
    mutating func add(
        _ body: [UInt8], status: Int = 200, headers: [(name: String, value: String)] = [], stream: Bool = false,
        events: [String]? = nil, sent: [OutputBlock]? = nil, ending: ConnectionEnding = .keepAlive, fault: Fault? = nil,
        took: Duration = .milliseconds(10), after: Duration = .zero
    ) -> Int {
        var entry = JournalEntry(
            epochMicroseconds: self.now, requestID: "req_\(self.entries.count)", session: "s", method: "POST",
            path: "/inference/v1/messages", query: "", headers: [], body: body, status: status, responseHeaders: headers,
            source: .echo)
        entry.id = self.entries.count + 1
        entry.duration = took
        entry.ending = ending
        entry.fault = fault
        if stream {
            entry.writes = [JournalWrite(offset: .zero, bytes: 100, events: events ?? Self.fullStream)]
        } else {
            entry.responseBody = Array("{}".utf8)
            entry.writes = [JournalWrite(offset: .zero, bytes: 100, events: [])]
        }
        entry.sent = sent.map { .message(Self.message($0)) }
        self.entries.append(entry)
        self.now += Self.microseconds(took + after)
        return entry.id
    }

    mutating func wait(_ duration: Duration) {
        self.now += Self.microseconds(duration)
    }

    static func microseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }

    func verdict(_ thresholds: Verdict.Thresholds = Verdict.Thresholds(), dropped: Int? = 0) -> Verdict {
        Verdict(session: "s", exchanges: self.entries.map(Exchange.init), droppedEntries: dropped, thresholds: thresholds)
    }
}

extension Verdict {
    func check(_ name: String) -> Check {
        self.checks.first { $0.name == name }!
    }
}
