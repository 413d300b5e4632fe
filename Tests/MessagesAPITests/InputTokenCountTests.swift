import MessagesAPI
import Testing

/// input_tokens: the system prompt, 3 per message plus its blocks, 3 per tool plus its name, description and
/// compact input schema JSON.
@Suite struct InputTokenCountTests {
    static func count(_ json: String) throws -> Int {
        InputTokenCount.count(try Wire.accepted(json))
    }

    static func count(messages: String, _ extra: String = "") throws -> Int {
        try self.count(Wire.request(extra, messages: messages))
    }

    @Test func constants() {
        #expect(InputTokenCount.perMessage == 3)
        #expect(InputTokenCount.perTool == 3)
        #expect(InputTokenCount.perImage == 256)
        #expect(InputTokenCount.perOpaqueDocument == 512)
    }

    @Test func oneShortMessage() throws {
        // "Say hello": 3 framing + 3 text, the README's example.
        #expect(try Self.count(messages: #"[{"role":"user","content":"Say hello"}]"#) == 6)
    }

    @Test func system_asStringAndAsBlocks() throws {
        // "Be brief" = Be, brie, f.
        #expect(try Self.count(messages: #"[{"role":"user","content":"Hi"}]"#, #""system":"Be brief""#) == 3 + 3 + 1)
        #expect(
            try Self.count(messages: #"[{"role":"user","content":"Hi"}]"#, #""system":[{"type":"text","text":"One"},{"type":"text","text":"Two"}]"#)
                == 1 + 1 + 3 + 1)
    }

    @Test func everyMessageAddsThree() throws {
        let messages = #"[{"role":"user","content":"a"},{"role":"assistant","content":"b"},{"role":"user","content":"c"}]"#
        #expect(try Self.count(messages: messages) == 3 * (3 + 1))
    }

    @Test func tools() throws {
        // {"type":"object"}: 7 symbols, "type" 1, "object" 2.
        let withDescription = #""tools":[{"name":"get","description":"Gets","input_schema":{"type":"object"}}]"#
        #expect(try Self.count(messages: #"[{"role":"user","content":"Hi"}]"#, withDescription) == 4 + 3 + 1 + 1 + 10)
        let withoutDescription = #""tools":[{"name":"get","input_schema":{"type":"object"}},{"name":"put","input_schema":{"type":"object"}}]"#
        #expect(try Self.count(messages: #"[{"role":"user","content":"Hi"}]"#, withoutDescription) == 4 + 2 * (3 + 1 + 10))
    }

    @Test func images() throws {
        let messages = #"[{"role":"user","content":[{"type":"image","source":{"type":"url","url":"http://x"}},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"AAAA"}},{"type":"text","text":"see"}]}]"#
        #expect(try Self.count(messages: messages) == 3 + 256 + 256 + 1)
    }

    @Test func documents() throws {
        let plain = #"[{"role":"user","content":[{"type":"document","source":{"type":"text","media_type":"text/plain","data":"plain text"}}]}]"#
        #expect(try Self.count(messages: plain) == 3 + 3)
        let pdf = #"[{"role":"user","content":[{"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBER"}}]}]"#
        #expect(try Self.count(messages: pdf) == 3 + 512)
        let url = #"[{"role":"user","content":[{"type":"document","source":{"type":"url","url":"https://example.com/a.pdf"}}]}]"#
        #expect(try Self.count(messages: url) == 3 + 512)
    }

    @Test func toolUseAndToolResult() throws {
        let json = #"[{"role":"user","content":"go"},{"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"look","input":{}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"done"}]}]"#
        // user: 3 + go 1; assistant: 3 + look 1 + {} 2; user: 3 + done 1.
        #expect(try Self.count(messages: json) == 4 + 6 + 4)
    }

    @Test func toolUseInput_isCountedAsCompactJSON() throws {
        // {"q":1}: 5 symbols, q, 1.
        let json = #"[{"role":"user","content":"go"},{"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"find","input":{ "q" : 1 }}]},{"role":"user","content":"ok"}]"#
        #expect(try Self.count(messages: json) == 4 + (3 + 1 + 7) + 4)
    }

    @Test func toolResultContent() throws {
        func result(_ block: String) -> String {
            #"[{"role":"user","content":"go"},{"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"x","input":{}}]},{"role":"user","content":[\#(block)]}]"#
        }
        let before = 4 + (3 + 1 + 2) + 3
        #expect(try Self.count(messages: result(#"{"type":"tool_result","tool_use_id":"t1","content":[{"type":"text","text":"a"},{"type":"image","source":{"type":"url","url":"u"}}]}"#)) == before + 1 + 256)
        #expect(try Self.count(messages: result(#"{"type":"tool_result","tool_use_id":"t1"}"#)) == before)
    }

    @Test func thinkingCounts_redactedThinkingDoesNot() throws {
        let json = #"[{"role":"user","content":"q"},{"role":"assistant","content":[{"type":"thinking","thinking":"let me see","signature":"sig"},{"type":"redacted_thinking","data":"opaque data here"}]},{"role":"user","content":"ok"}]"#
        // thinking "let me see": let, me, see = 3.
        #expect(try Self.count(messages: json) == 4 + (3 + 3 + 0) + 4)
    }

    @Test func handBuiltRequest() {
        let request = MessagesRequest(
            model: "m",
            messages: [InputMessage(role: .user, content: [.text("hello"), .document(text: nil)])],
            system: ["Be"],
            tools: [ToolDefinition(name: "t", description: nil, inputSchema: .object(JSONObject()))])
        #expect(InputTokenCount.count(request) == 1 + (3 + 2 + 512) + (3 + 1 + 2))
    }
}
