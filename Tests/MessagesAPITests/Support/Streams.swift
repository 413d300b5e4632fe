import MessagesAPI

/// Turns event sequences into the text a client reads, and builds small messages.
enum Streams {
    static func wire(_ events: some Sequence<ServerSentEvent>) -> String {
        events.map { Wire.text($0.bytes) }.joined()
    }

    /// `event: <name>\ndata: <json>\n\n`.
    static func frame(_ name: String, _ json: String) -> String {
        "event: \(name)\ndata: \(json)\n\n"
    }

    static func message(
        _ content: [OutputBlock],
        stopReason: StopReason = .endTurn,
        stopSequence: String? = nil,
        usage: Usage = Usage(inputTokens: 6, outputTokens: 4),
        rawOutput: RawOutput? = nil
    ) -> ResponseMessage {
        ResponseMessage(
            id: "msg_test", model: "accounts/a/models/b", content: content, stopReason: stopReason,
            stopSequence: stopSequence, usage: usage, rawOutput: rawOutput)
    }

    static let startJSON =
        #"{"type":"message_start","message":{"id":"msg_test","type":"message","role":"assistant","model":"accounts/a/models/b","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":0,"output_tokens":0,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"cache_creation":null,"service_tier":null,"inference_geo":null}}}"#

    /// The delta's text or JSON piece of every `content_block_delta`, in order, as `type:value`.
    static func deltas(_ events: some Sequence<ServerSentEvent>) throws -> [String] {
        try events.filter { $0.name == "content_block_delta" }.map { event in
            let delta = try JSONParser.parse(event.data)["delta"]
            let type = delta?["type"]?.stringValue ?? "?"
            let value = delta?["text"] ?? delta?["thinking"] ?? delta?["partial_json"] ?? delta?["signature"]
            return "\(type):\(value?.stringValue ?? "?")"
        }
    }
}
