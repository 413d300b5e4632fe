import MessagesAPI
import Testing

@Suite struct StreamEncoderTests {
    static let message = ResponseMessage(
        id: "msg_test", model: "accounts/a/models/b", content: [.text("Hello there")], stopReason: .endTurn,
        usage: Usage(inputTokens: 6, outputTokens: 4))

    @Test func wholeStream_exactBytes() {
        let events = StreamEncoder(textChunking: .characters(6)).events(for: Self.message)
        let text = events.map { String(decoding: $0.bytes, as: UTF8.self) }.joined()
        let expected =
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_test\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"accounts/a/models/b\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":0,\"output_tokens\":0,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"cache_creation\":null,\"service_tier\":null,\"inference_geo\":null}}}\n\n"
            + "event: ping\ndata: {\"type\":\"ping\"}\n\n"
            + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
            + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello \"}}\n\n"
            + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"there\"}}\n\n"
            + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
            + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"input_tokens\":6,\"output_tokens\":4,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0}}\n\n"
            + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"
        #expect(text == expected)
    }

    @Test func stopSequence_isInTheMessageDelta() {
        var message = Self.message
        message.stopReason = .stopSequence
        message.stopSequence = "END"
        let delta = StreamEncoder().events(for: message).first { $0.name == "message_delta" }
        #expect(delta?.dataText.contains(#""delta":{"stop_reason":"stop_sequence","stop_sequence":"END"}"#) == true)
    }

    @Test func emptyText_hasNoDeltas() {
        var message = Self.message
        message.content = [.text("")]
        let names = StreamEncoder().events(for: message).map(\.name)
        #expect(names == ["message_start", "ping", "content_block_start", "content_block_stop", "message_delta", "message_stop"])
    }

    @Test func iteratingTwice_givesTheSameEvents() {
        let events = StreamEncoder().events(for: Self.message)
        #expect(Array(events) == Array(events))
    }
}
