import MessagesAPI
import Testing

/// The non-streaming body, byte for byte.
@Suite struct ResponseMessageTests {
    static let usageJSON =
        #""usage":{"input_tokens":5,"output_tokens":1,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"cache_creation":null,"service_tier":null,"inference_geo":null}"#

    @Test func textReply_exactBytesAndKeyOrder() {
        let message = ResponseMessage(
            id: "msg_1", model: "accounts/a/models/b", content: [.text("Hi")], stopReason: .maxTokens,
            usage: Usage(inputTokens: 5, outputTokens: 1))
        #expect(
            Wire.text(message.encodedBody())
                == #"{"id":"msg_1","type":"message","role":"assistant","model":"accounts/a/models/b","content":[{"type":"text","text":"Hi","citations":null}],"stop_reason":"max_tokens","stop_sequence":null,"#
                + Self.usageJSON + "}")
    }

    @Test func topLevelKeys_inFireworksOrder() throws {
        let message = ResponseMessage(
            id: "msg_1", model: "m", content: [.text("Hi")], stopReason: .endTurn, usage: Usage(inputTokens: 1, outputTokens: 1))
        let keys = try JSONParser.parse(message.encodedBody()).objectValue?.keys
        #expect(keys == ["id", "type", "role", "model", "content", "stop_reason", "stop_sequence", "usage"])
    }

    @Test func stopSequence_isTheMatchedString() {
        let message = ResponseMessage(
            id: "msg_1", model: "m", content: [.text("a")], stopReason: .stopSequence, stopSequence: "END",
            usage: Usage(inputTokens: 5, outputTokens: 1))
        #expect(Wire.text(message.encodedBody()).contains(#""stop_reason":"stop_sequence","stop_sequence":"END","usage":"#))
    }

    @Test func everyBlockShape() throws {
        let message = ResponseMessage(
            id: "msg_2", model: "m",
            content: [
                .thinking(thinking: "Let me think.", signature: "c2ln"),
                .redactedThinking(data: "b3BhcXVl"),
                .text("Hi \"there\"\n"),
                .toolUse(id: "toolu_1", name: "lookup", input: try Wire.json(#"{"q":"a b","n":2.50,"deep":{"x":[true,null]}}"#)),
            ],
            stopReason: .toolUse, usage: Usage(inputTokens: 5, outputTokens: 1))
        #expect(
            Wire.text(message.encodedBody())
                == #"{"id":"msg_2","type":"message","role":"assistant","model":"m","content":["#
                + #"{"type":"thinking","thinking":"Let me think.","signature":"c2ln"},"#
                + #"{"type":"redacted_thinking","data":"b3BhcXVl"},"#
                + #"{"type":"text","text":"Hi \"there\"\n","citations":null},"#
                + #"{"type":"tool_use","id":"toolu_1","name":"lookup","input":{"q":"a b","n":2.50,"deep":{"x":[true,null]}}}"#
                + #"],"stop_reason":"tool_use","stop_sequence":null,"# + Self.usageJSON + "}")
    }

    @Test func cutToolCall_carriesItsInputAsGiven() throws {
        let message = ResponseMessage(
            id: "m", model: "m",
            content: [.toolUse(id: "t", name: "n", input: try Wire.json(#"{"city":"San"}"#), partialJSON: #"{"city": "San"#)],
            stopReason: .maxTokens, usage: Usage(inputTokens: 5, outputTokens: 1))
        #expect(Wire.text(message.encodedBody()).contains(#""content":[{"type":"tool_use","id":"t","name":"n","input":{"city":"San"}}]"#))
    }

    @Test func emptyContent() {
        let message = ResponseMessage(id: "m", model: "m", content: [], stopReason: .endTurn, usage: Usage(inputTokens: 5, outputTokens: 1))
        #expect(Wire.text(message.encodedBody()).contains(#""content":[],"stop_reason":"end_turn""#))
    }

    @Test func rawOutput_comesLast() {
        let raw = RawOutput(promptFragments: ["<|user|>\n", "Hi\n", "<|assistant|>\n"], promptTokenIDs: [7, 8, 9], completion: "Hi")
        let message = ResponseMessage(
            id: "m", model: "m", content: [.text("Hi")], stopReason: .endTurn, usage: Usage(inputTokens: 5, outputTokens: 1),
            rawOutput: raw)
        #expect(
            Wire.text(message.encodedBody()).hasSuffix(
                Self.usageJSON
                    + #","raw_output":{"prompt_fragments":["<|user|>\n","Hi\n","<|assistant|>\n"],"prompt_token_ids":[7,8,9],"completion":"Hi","completion_token_ids":null,"images":null,"grammar":null}}"#
            ))
    }

    @Test(arguments: [
        (StopReason.endTurn, "end_turn"), (.maxTokens, "max_tokens"), (.stopSequence, "stop_sequence"), (.toolUse, "tool_use"),
        (.pauseTurn, "pause_turn"), (.refusal, "refusal"),
    ])
    func stopReasonNames(reason: StopReason, name: String) {
        #expect(reason.rawValue == name)
    }

    @Test func stopReasons_areTheSixFireworksKnows() {
        #expect(StopReason.allCases.count == 6)
    }

    @Test func equality() {
        let a = ResponseMessage(id: "m", model: "m", content: [.text("x")], stopReason: .endTurn, usage: .zero)
        var b = a
        #expect(a == b)
        b.content = [.text("y")]
        #expect(a != b)
    }
}
