import MessagesAPI
import Testing

@Suite struct ResponseMessageTests {
    @Test func body_exactBytesAndKeyOrder() {
        let message = ResponseMessage(
            id: "msg_1", model: "accounts/a/models/b", content: [.text("Hi")], stopReason: .maxTokens,
            usage: Usage(inputTokens: 5, outputTokens: 1))
        #expect(
            String(decoding: message.encodedBody(), as: UTF8.self)
                == #"{"id":"msg_1","type":"message","role":"assistant","model":"accounts/a/models/b","content":[{"type":"text","text":"Hi","citations":null}],"stop_reason":"max_tokens","stop_sequence":null,"usage":{"input_tokens":5,"output_tokens":1,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"cache_creation":null,"service_tier":null,"inference_geo":null}}"#
        )
    }
}
