import MessagesAPI
import Testing

/// What a validated request is reduced to.
@Suite struct MessagesRequestTests {
    @Test func defaults_whenOnlyTheRequiredMembersAreSent() throws {
        let request = try Wire.accepted(#"{"model":"\#(Wire.model)","messages":\#(Wire.hello)}"#)
        #expect(request.model == Wire.model)
        #expect(request.system == [])
        #expect(request.maxTokens == nil)
        #expect(request.stopSequences == [])
        #expect(request.stream == false)
        #expect(request.tools == [])
        #expect(request.thinking == nil)
        #expect(request.effort == nil)
        #expect(request.rawOutput == false)
    }

    @Test func scalarMembers() throws {
        let request = try Wire.accepted(
            Wire.request(#""stop_sequences":["END","STOP"],"stream":"yes","output_config":{"effort":"xhigh"},"raw_output":1"#, maxTokensJSON: "64.0"))
        #expect(request.maxTokens == 64)
        #expect(request.stopSequences == ["END", "STOP"])
        #expect(request.stream)
        #expect(request.effort == "xhigh")
        #expect(request.rawOutput)
    }

    @Test func system_asStringOrTextBlocks() throws {
        #expect(try Wire.accepted(Wire.request(#""system":"Be brief""#)).system == ["Be brief"])
        #expect(
            try Wire.accepted(Wire.request(#""system":[{"type":"text","text":"One"},{"type":"text","text":"Two"}]"#)).system == ["One", "Two"])
        #expect(try Wire.accepted(Wire.request(#""system":[]"#)).system == [])
    }

    @Test func thinking() throws {
        #expect(try Wire.accepted(Wire.request(#""thinking":{"type":"enabled","budget_tokens":"1024"}"#)).thinking == .enabled(budgetTokens: 1024))
        #expect(try Wire.accepted(Wire.request(#""thinking":{"type":"disabled"}"#)).thinking == .disabled)
        #expect(try Wire.accepted(Wire.request(#""thinking":null"#)).thinking == nil)
    }

    @Test func tools() throws {
        let request = try Wire.accepted(
            Wire.request(#""tools":[{"name":"a","input_schema":{"type":"object","required":["x"]}},{"name":"b","description":"Bee","input_schema":{"type":"object"}}]"#))
        #expect(
            request.tools == [
                ToolDefinition(name: "a", inputSchema: try Wire.json(#"{"type":"object","required":["x"]}"#)),
                ToolDefinition(name: "b", description: "Bee", inputSchema: try Wire.json(#"{"type":"object"}"#)),
            ])
    }

    @Test func messages_everyBlockKind() throws {
        let messages = #"""
            [{"role":"user","content":[{"type":"text","text":"look"},{"type":"image","source":{"type":"url","url":"u"}},
              {"type":"document","source":{"type":"text","media_type":"text/plain","data":"doc text"}},
              {"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBER"}}]},
             {"role":"assistant","content":[{"type":"thinking","thinking":"hmm","signature":"sig"},{"type":"redacted_thinking","data":"opaque"},
              {"type":"tool_use","id":"toolu_1","name":"get","input":{"q":1}}]},
             {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"done","is_error":"true"},
              {"type":"tool_result","tool_use_id":"toolu_2","content":[{"type":"text","text":"a"},{"type":"image","source":{"type":"url","url":"u"}}]},
              {"type":"tool_result","tool_use_id":"toolu_3"}]}]
            """#
        let request = try Wire.accepted(Wire.request(messages: messages))
        #expect(
            request.messages == [
                InputMessage(role: .user, content: [.text("look"), .image, .document(text: "doc text"), .document(text: nil)]),
                InputMessage(
                    role: .assistant,
                    content: [
                        .thinking(thinking: "hmm", signature: "sig"), .redactedThinking(data: "opaque"),
                        .toolUse(id: "toolu_1", name: "get", input: try Wire.json(#"{"q":1}"#)),
                    ]),
                InputMessage(
                    role: .user,
                    content: [
                        .toolResult(toolUseID: "toolu_1", content: [.text("done")], isError: true),
                        .toolResult(toolUseID: "toolu_2", content: [.text("a"), .image], isError: false),
                        .toolResult(toolUseID: "toolu_3", content: [], isError: false),
                    ]),
            ])
    }

    @Test func stringContent_isOneTextBlock() throws {
        let request = try Wire.accepted(Wire.request(messages: #"[{"role":"user","content":"hello"}]"#))
        #expect(request.messages[0].content == [.text("hello")])
    }

    @Test func json_isKeptAsSent() throws {
        let body = Wire.request(#""top_k":3"#)
        let request = try Wire.accepted(body)
        #expect(request.json == (try Wire.json(body)))
        #expect(request.json["top_k"] == Wire.number("3"))
    }

    @Test func messageText_joinsTextBlocksWithNewlines() {
        let message = InputMessage(role: .user, content: [.text("a"), .image, .text("b"), .toolResult(toolUseID: "t", content: [.text("c")], isError: false)])
        #expect(message.text == "a\nb")
        #expect(InputMessage(role: .user, content: [.image]).text == "")
    }
}
