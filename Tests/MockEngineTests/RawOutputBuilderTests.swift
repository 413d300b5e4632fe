import MessagesAPI
import MockEngine
import Testing

/// The mock's prompt layout in `raw_output`, and the raw completion text.
@Suite struct RawOutputBuilderTests {
    @Test func smallestPrompt() throws {
        let raw = RawOutputBuilder.make(request: try RequestMaker.user("Hi"), reply: [.text("Hi")])
        #expect(raw.promptFragments == ["<|user|>\n", "Hi\n", "<|assistant|>\n"])
        #expect(raw.completion == "Hi")
    }

    @Test func tokenIDs_areTheTokensHashedInto0to99999() throws {
        let raw = RawOutputBuilder.make(request: try RequestMaker.user("Hi"), reply: [.text("Hi")])
        // Tokens: <, |, user, |, >, \nHi, \n<, |, assi, stan, t, |, > (FNV-1a, 32 bits, modulo 100000).
        #expect(raw.promptTokenIDs == [32539, 32219, 1362, 32219, 87777, 12242, 94131, 32219, 24585, 48341, 11267, 32219, 87777])
    }

    @Test func everySection_inOrder() throws {
        let request = try RequestMaker.request(
            #"{"model":"accounts/a/models/b","max_tokens":2000,"system":[{"type":"text","text":"One"},{"type":"text","text":"Two"}],"tools":[{"name":"get","description":"Gets","input_schema":{"type":"object","properties":{}}},{"name":"put","input_schema":{"type":"object"}}],"output_config":{"effort":"medium"},"thinking":{"type":"enabled","budget_tokens":1500},"messages":[{"role":"user","content":"Hi"}]}"#)
        let raw = RawOutputBuilder.make(request: request, reply: [])
        #expect(
            raw.promptFragments == [
                "<|system|>\n", "One\nTwo\n",
                "<|tools|>\n",
                #"[{"name":"get","description":"Gets","input_schema":{"type":"object","properties":{}}},{"name":"put","description":null,"input_schema":{"type":"object"}}]"# + "\n",
                "<|reasoning_effort|>medium\n",
                "<|thinking|>budget_tokens=1500\n",
                "<|user|>\n", "Hi\n",
                "<|assistant|>\n",
            ])
        #expect(raw.completion == "")
        #expect(raw.promptTokenIDs.count == TokenCounter.tokens(raw.promptFragments.joined()).count)
        #expect(raw.promptTokenIDs.allSatisfy { (0..<100_000).contains($0) })
    }

    @Test func everyInputBlockKind() throws {
        let request = MessagesRequest(
            model: "m",
            messages: [
                InputMessage(role: .user, content: [.text("look"), .image, .document(text: "doc"), .document(text: nil)]),
                InputMessage(
                    role: .assistant,
                    content: [
                        .thinking(thinking: "hmm", signature: "s"), .redactedThinking(data: "x"),
                        .toolUse(id: "toolu_1", name: "get", input: .object(JSONObject([("q", .number(JSONNumber(1)))]))),
                    ]),
                InputMessage(
                    role: .user,
                    content: [
                        .toolResult(toolUseID: "toolu_1", content: [.text("ok"), .image], isError: false),
                        .toolResult(toolUseID: "toolu_2", content: [], isError: true),
                    ]),
            ])
        let raw = RawOutputBuilder.make(request: request, reply: [])
        #expect(
            raw.promptFragments == [
                "<|user|>\n", "look\n", "<image>\n", "doc\n", "<document>\n",
                "<|assistant|>\n", "<think>hmm</think>\n", "<think redacted>\n",
                #"<tool_call id="toolu_1">{"name":"get","arguments":{"q":1}}</tool_call>"# + "\n",
                "<|user|>\n",
                #"<tool_result id="toolu_1">ok"# + "\n<image>\n</tool_result>\n",
                #"<tool_result id="toolu_2" error></tool_result>"# + "\n",
                "<|assistant|>\n",
            ])
    }

    @Test func completion_ofEveryOutputBlockKind() {
        let reply: [OutputBlock] = [
            .thinking(thinking: "plan", signature: "s"), .redactedThinking(data: "x"), .text("Sure. "),
            .toolUse(id: "t", name: "get", input: .object(JSONObject([("city", .string("Paris"))]))),
        ]
        let raw = RawOutputBuilder.make(request: MessagesRequest(model: "m", messages: []), reply: reply)
        #expect(raw.completion == #"<think>plan</think><think redacted>Sure. <tool_call>{"name":"get","arguments":{"city":"Paris"}}</tool_call>"#)
    }

    @Test func completion_ofACutToolCall_endsWhereTheCallWasCut() {
        let reply: [OutputBlock] = [.toolUse(id: "t", name: "get", input: .object(JSONObject()), partialJSON: #"{"city": "Par"#)]
        let raw = RawOutputBuilder.make(request: MessagesRequest(model: "m", messages: []), reply: reply)
        #expect(raw.completion == #"<tool_call>{"name":"get","arguments":{"city": "Par"#)
    }

    @Test func sameRequest_sameRawOutput() throws {
        let request = try RequestMaker.user("Say hello", extra: #","system":"S""#)
        #expect(RawOutputBuilder.make(request: request, reply: [.text("x")]) == RawOutputBuilder.make(request: request, reply: [.text("x")]))
    }
}
