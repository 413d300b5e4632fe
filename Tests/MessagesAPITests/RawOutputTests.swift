import MessagesAPI
import Testing

@Suite struct RawOutputTests {
    static func encoded(_ raw: RawOutput) -> String {
        let message = ResponseMessage(id: "m", model: "m", content: [], stopReason: .endTurn, usage: .zero, rawOutput: raw)
        let body = Wire.text(message.encodedBody())
        guard let range = body.firstRange(of: #","raw_output":"#) else { return "" }
        return String(body[range.upperBound...].dropLast())
    }

    @Test func requiredFieldsThenTheOptionalOnesAsNull() {
        let raw = RawOutput(promptFragments: ["<|user|>\n", "a \"q\"\n"], promptTokenIDs: [0, 99_999], completion: "<think>x</think>y")
        #expect(
            Self.encoded(raw)
                == #"{"prompt_fragments":["<|user|>\n","a \"q\"\n"],"prompt_token_ids":[0,99999],"completion":"<think>x</think>y","completion_token_ids":null,"images":null,"grammar":null}"#)
    }

    @Test func empty() {
        #expect(
            Self.encoded(RawOutput(promptFragments: [], promptTokenIDs: [], completion: ""))
                == #"{"prompt_fragments":[],"prompt_token_ids":[],"completion":"","completion_token_ids":null,"images":null,"grammar":null}"#)
    }
}
