import MessagesAPI
import Testing

/// One case per rule, with the exact message the endpoint answers.
@Suite struct RequestValidatorTests {
    static let model = "accounts/fireworks/models/kimi-k2p5"
    static let hello = #"[{"role":"user","content":"hi"}]"#

    static func error(_ json: String) -> APIError? {
        if case .failure(let error) = RequestValidator.validate(body: Array(json.utf8)) { return error }
        return nil
    }

    static func message(_ json: String) -> String? { self.error(json)?.message }

    static func with(_ extra: String, messages: String = hello) -> String {
        #"{"model":"\#(model)","max_tokens":2000,"messages":\#(messages)\#(extra.isEmpty ? "" : ",")\#(extra)}"#
    }

    @Test func validRequests_pass() {
        #expect(Self.error(Self.with("")) == nil)
        #expect(Self.error(#"{"model":"\#(Self.model)","messages":\#(Self.hello)}"#) == nil)  // max_tokens optional
        #expect(Self.error(Self.with(#""stream":false,"metadata":{"user_id":"u"},"top_k":5,"top_p":0.5,"temperature":0"#)) == nil)
        #expect(Self.error(Self.with(#""system":null,"tools":null,"stop_sequences":null"#)) == nil)
        #expect(Self.error(Self.with(#""thinking":{"type":"enabled","budget_tokens":1024}"#)) == nil)
        #expect(Self.error(Self.with(#""thinking":{"type":"disabled"}"#)) == nil)
        #expect(Self.error(Self.with(#""output_config":{"effort":"xhigh"},"raw_output":true"#)) == nil)
        #expect(Self.error(Self.with(#""tool_choice":{"type":"tool","name":"t","disable_parallel_tool_use":true}"#)) == nil)
        #expect(
            Self.error(#"{"model":"accounts/fireworks/routers/kimi-k2p5-turbo","messages":\#(Self.hello)}"#) == nil)
    }

    @Test func laxScalars_areAccepted() {
        #expect(Self.error(#"{"model":"\#(Self.model)","max_tokens":"64","stream":"true","messages":\#(Self.hello)}"#) == nil)
        #expect(Self.error(#"{"model":"\#(Self.model)","max_tokens":64.0,"stream":1,"messages":\#(Self.hello)}"#) == nil)
    }

    @Test(arguments: [
        (#"{"messages":[{"role":"user","content":"hi"}]}"#, "1 request validation error: Field required, field: 'model'"),
        (#"{"model":"accounts/a/models/b"}"#, "1 request validation error: Field required, field: 'messages'"),
        (#"{"model":5,"messages":[{"role":"user","content":"hi"}]}"#, "1 request validation error: Input should be a valid string, field: 'model', value: 5"),
        (#"{"model":"accounts/a/models/b","messages":[]}"#, "1 request validation error: List should have at least 1 item after validation, not 0, field: 'messages', value: []"),
        (#"{"model":"accounts/a/models/b","messages":"hi"}"#, "1 request validation error: Input should be a valid list, field: 'messages', value: 'hi'"),
        (#"[1]"#, "1 request validation error: Input should be a valid dictionary or object to extract fields from, field: '', value: [1]"),
    ])
    func structure(json: String, expected: String) {
        #expect(Self.message(json) == expected)
    }

    @Test(arguments: [
        (#""max_tokens":64.5"#, "Input should be a valid integer, got a number with a fractional part, field: 'max_tokens', value: 64.5"),
        (#""max_tokens":"abc""#, "Input should be a valid integer, unable to parse string as an integer, field: 'max_tokens', value: 'abc'"),
        (#""max_tokens":0"#, "Input should be greater than or equal to 1, field: 'max_tokens', value: 0"),
        (#""temperature":1.5"#, "Input should be less than or equal to 1, field: 'temperature', value: 1.5"),
        (#""top_p":-0.1"#, "Input should be greater than or equal to 0, field: 'top_p', value: -0.1"),
        (#""stream":"maybe""#, "Input should be a valid boolean, unable to interpret input, field: 'stream', value: 'maybe'"),
        (#""stop_sequences":"END""#, "Input should be a valid list, field: 'stop_sequences', value: 'END'"),
        (#""service_tier":"auto""#, "Extra inputs are not permitted, field: 'service_tier', value: 'auto'"),
        (#""inference_geo":"us""#, "Extra inputs are not permitted, field: 'inference_geo', value: 'us'"),
        (#""container":"c1""#, "Extra inputs are not permitted, field: 'container', value: 'c1'"),
        (#""cache_control":{"type":"ephemeral"}"#, "Extra inputs are not permitted, field: 'cache_control'"),
        (#""output_config":{"speed":"fast"}"#, "Extra inputs are not permitted, field: 'output_config.speed', value: 'fast'"),
        (#""output_config":{"effort":"huge"}"#, "Input should be 'low', 'medium', 'high', 'xhigh' or 'max', field: 'output_config.effort', value: 'huge'"),
        (#""thinking":{"type":"adaptive"}"#, "Input tag 'adaptive' found using 'type' does not match any of the expected tags: 'enabled', 'disabled', field: 'thinking'"),
        (#""thinking":{"budget_tokens":2000}"#, "Unable to extract tag using discriminator 'type', field: 'thinking'"),
        (#""thinking":{"type":"enabled","budget_tokens":1023}"#, "Input should be greater than or equal to 1024, field: 'thinking.enabled.budget_tokens', value: 1023"),
        (#""thinking":{"type":"enabled","budget_tokens":1024,"display":"omitted"}"#, "Extra inputs are not permitted, field: 'thinking.enabled.display', value: 'omitted'"),
        (#""tool_choice":{"type":"some"}"#, "Input tag 'some' found using 'type' does not match any of the expected tags: 'auto', 'any', 'tool', 'none', field: 'tool_choice'"),
    ])
    func topLevelFields(extra: String, issue: String) {
        #expect(Self.message(Self.with(extra)) == "1 request validation error: " + issue)
    }

    @Test func longValues_areCutInTheMessage() {
        let message = Self.message(Self.with(#""metadata":{"user_id":"\#(String(repeating: "u", count: 257))"}"#))
        #expect(message?.hasPrefix("1 request validation error: String should have at most 256 characters, field: 'metadata.user_id', value: 'uuu") == true)
        #expect(message?.hasSuffix("uuu...") == true)
    }

    @Test(arguments: [
        ("cache_control", #"{"type":"ephemeral"}"#, "Extra inputs are not permitted, field: 'tools[0].cache_control'"),
        ("eager_input_streaming", "true", "Extra inputs are not permitted, field: 'tools[0].eager_input_streaming', value: True"),
        ("allowed_callers", #"["direct"]"#, "Extra inputs are not permitted, field: 'tools[0].allowed_callers', value: ['direct']"),
        ("defer_loading", "true", "Extra inputs are not permitted, field: 'tools[0].defer_loading', value: True"),
        ("input_examples", #"[{"a":1}]"#, "Extra inputs are not permitted, field: 'tools[0].input_examples', value: [{'a': 1}]"),
    ])
    func unsupportedToolFields(name: String, value: String, issue: String) {
        let tools = #""tools":[{"name":"t","input_schema":{"type":"object"},"\#(name)":\#(value)}]"#
        #expect(Self.message(Self.with(tools)) == "1 request validation error: " + issue)
    }

    @Test func serverTool_isRejected() {
        let message = Self.message(Self.with(#""tools":[{"type":"web_search_20250305","name":"web_search","max_uses":5}]"#))
        #expect(
            message
                == "3 request validation errors: Input should be 'custom', field: 'tools[0].type', value: 'web_search_20250305'; Field required, field: 'tools[0].input_schema'; Extra inputs are not permitted, field: 'tools[0].max_uses', value: 5"
        )
    }

    @Test func badToolName_isRejected() {
        #expect(
            Self.message(Self.with(#""tools":[{"name":"bad name","input_schema":{"type":"object"}}]"#))
                == "1 request validation error: String should match pattern '^[a-zA-Z0-9_-]{1,128}$', field: 'tools[0].name', value: 'bad name'"
        )
    }

    @Test(arguments: [
        (#"[{"role":"system","content":"x"}]"#, "1 request validation error: Input should be 'user' or 'assistant', field: 'messages[0].role', value: 'system'"),
        (#"[{"role":"user","content":[{"type":"text","text":""}]}]"#, "1 request validation error: String should have at least 1 character, field: 'messages[0].content[0].text.text', value: ''"),
        (#"[{"role":"user","content":5}]"#, "2 request validation errors: Input should be a valid string, field: 'messages[0].content.str', value: 5; Input should be a valid list, field: 'messages[0].content.list', value: 5"),
        (#"[{"role":"user","content":[{"type":"search_result"}]}]"#, "1 request validation error: Input tag 'search_result' found using 'type' does not match any of the expected tags: 'text', 'image', 'document', 'thinking', 'redacted_thinking', 'tool_use', 'tool_result', field: 'messages[0].content[0]'"),
        (#"[{"role":"user","content":"hi"},{"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"x","input":{},"caller":{"type":"direct"}}]}]"#, "1 request validation error: Extra inputs are not permitted, field: 'messages[1].content[0].tool_use.caller'"),
        (#"[{"role":"user","content":"hi","name":"bob"}]"#, "1 request validation error: Extra inputs are not permitted, field: 'messages[0].name', value: 'bob'"),
        (#"[{"content":"hi"}]"#, "1 request validation error: Field required, field: 'messages[0].role'"),
        (#"[{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/bmp","data":"x"}}]}]"#, "1 request validation error: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp', field: 'messages[0].content[0].image.source.base64.media_type', value: 'image/bmp'"),
    ])
    func messages(messages: String, expected: String) {
        #expect(Self.message(Self.with("", messages: messages)) == expected)
    }

    @Test func orderIsDeclaredFieldsThenExtrasInRequestOrder() {
        let json = #"{"zeta":1,"messages":[{"role":"bot","content":"x"}],"alpha":2,"model":7}"#
        #expect(
            Self.message(json)
                == "4 request validation errors: Input should be a valid string, field: 'model', value: 7; Input should be 'user' or 'assistant', field: 'messages[0].role', value: 'bot'; Extra inputs are not permitted, field: 'zeta', value: 1; Extra inputs are not permitted, field: 'alpha', value: 2"
        )
    }

    @Test func crossFieldRules() {
        #expect(
            Self.message(#"{"model":"\#(Self.model)","max_tokens":1500,"thinking":{"type":"enabled","budget_tokens":1500},"messages":\#(Self.hello)}"#)
                == "`max_tokens` must be greater than `thinking.budget_tokens`.")
        #expect(
            Self.message(Self.with("", messages: #"[{"role":"user","content":""},{"role":"assistant","content":"x"}]"#))
                == "messages[0]: all messages must have non-empty content except for the optional final assistant message")
        // A final assistant prefill may be empty.
        #expect(Self.error(Self.with("", messages: #"[{"role":"user","content":"x"},{"role":"assistant","content":""}]"#)) == nil)
    }

    @Test(arguments: ["claude-opus-4-6", "accounts/fireworks/models/", "accounts//models/x", "accounts/a/b/c", "accounts/fireworks/models/Kimi", "models/kimi"])
    func nonFireworksModels_are404(model: String) {
        let error = Self.error(#"{"model":"\#(model)","messages":\#(Self.hello)}"#)
        #expect(error?.status == 404)
        #expect(error?.type == .notFound)
        #expect(error?.message == "Model not found, inaccessible, and/or not deployed")
    }

    @Test func schemaErrors_comeBeforeTheModelLookup() {
        #expect(Self.error(#"{"model":"claude","messages":[]}"#)?.status == 400)
    }

    @Test func invalidBodies() {
        #expect(Self.message("{") == "1 request validation error: JSON decode error (Expecting property name enclosed in double quotes: line 1 column 2 (char 1)), field: 'body'")
        #expect(Self.message("") == "1 request validation error: JSON decode error (Expecting value: line 1 column 1 (char 0)), field: 'body'")
        #expect(Self.error("{")?.status == 400)
    }
}
