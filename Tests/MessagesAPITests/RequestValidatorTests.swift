import MessagesAPI
import Testing

/// The order of checks (body, schema, cross-field rules, model) and the rules that are not in the schema.
@Suite struct RequestValidatorTests {
    // MARK: Accepted requests

    @Test func minimalRequest_isAccepted() throws {
        let request = try Wire.accepted(Wire.request())
        #expect(request.model == Wire.model)
        #expect(request.maxTokens == 2000)
        #expect(request.messages == [InputMessage(role: .user, content: [.text("hi")])])
    }

    @Test func maxTokensOmitted_isAccepted() throws {
        let request = try Wire.accepted(Wire.request(maxTokens: nil))
        #expect(request.maxTokens == nil)
    }

    @Test func streamFalse_isAccepted() throws {
        #expect(try Wire.accepted(Wire.request(#""stream":false"#)).stream == false)
        #expect(try Wire.accepted(Wire.request(#""stream":true"#)).stream == true)
    }

    @Test func laxValues_areReadTheWayTheyWereAccepted() throws {
        let request = try Wire.accepted(Wire.request(#""stream":"true""#, maxTokensJSON: #""64""#))
        #expect(request.maxTokens == 64)
        #expect(request.stream)
        #expect(try Wire.accepted(Wire.request(#""max_tokens":64.0"#, maxTokens: nil)).maxTokens == 64)
        #expect(try Wire.accepted(Wire.request(#""stream":1"#)).stream)
        #expect(try Wire.accepted(Wire.request(#""stream":"off""#)).stream == false)
    }

    @Test func everyOptionalMember_atOnce_isAccepted() throws {
        let extra = #""system":"Be brief","stop_sequences":["END"],"stream":false,"temperature":0.2,"top_p":0.9,"top_k":40,"metadata":{"user_id":"u1"},"tools":[{"name":"t","description":"d","input_schema":{"type":"object"}}],"tool_choice":{"type":"auto"},"thinking":{"type":"enabled","budget_tokens":1024},"output_config":{"effort":"low"},"raw_output":false"#
        #expect(Wire.error(Wire.request(extra)) == nil)
    }

    // MARK: The body

    @Test(arguments: [
        ("{", "1 request validation error: JSON decode error (Expecting property name enclosed in double quotes: line 1 column 2 (char 1)), field: 'body'"),
        ("", "1 request validation error: JSON decode error (Expecting value: line 1 column 1 (char 0)), field: 'body'"),
        (#"{"model": "x",}"#, "1 request validation error: JSON decode error (Expecting property name enclosed in double quotes: line 1 column 15 (char 14)), field: 'body'"),
        ("{} {}", "1 request validation error: JSON decode error (Extra data: line 1 column 4 (char 3)), field: 'body'"),
    ])
    func invalidJSON(body: String, message: String) {
        let error = Wire.error(body)
        #expect(error?.status == 400)
        #expect(error?.type == .invalidRequest)
        #expect(error?.message == message)
    }

    @Test func invalidUTF8() {
        let error = RequestValidator.validate(body: [0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D]).failure
        #expect(error == APIError(type: .invalidRequest, message: "Invalid request body: Invalid UTF-8 in request body at byte 2"))
        #expect(error?.status == 400)
    }

    @Test func nestingTooDeep() {
        let deep = String(repeating: "[", count: 257) + String(repeating: "]", count: 257)
        #expect(Wire.message(deep) == "Invalid request body: Nesting deeper than 256 levels: line 1 column 257 (char 256)")
        #expect(Wire.error(deep)?.status == 400)
    }

    @Test func nestingAtTheLimit_reachesTheSchema() {
        // 256 levels parse; the document is then judged as a request.
        let value = String(repeating: "[", count: 255) + String(repeating: "]", count: 255)
        let body = #"{"model":"\#(Wire.model)","messages":\#(Wire.hello),"extra":\#(value)}"#
        #expect(Wire.message(body)?.hasPrefix("1 request validation error: Extra inputs are not permitted, field: 'extra', value: [[[[") == true)
    }

    @Test func validateJSON_isTheSameCheckWithoutParsing() throws {
        let json = try JSONParser.parse(Wire.request(#""stream":"yes""#))
        let request = try RequestValidator.validate(json: json).get()
        #expect(request.stream)
        #expect(request.json == json)
        #expect(RequestValidator.validate(json: .array([])).failure?.message == "1 request validation error: Input should be a valid dictionary or object to extract fields from, field: '', value: []")
    }

    // MARK: Cross-field rules

    @Test func thinkingBudget_mustBeBelowMaxTokens() {
        let expected = APIError(type: .invalidRequest, message: "`max_tokens` must be greater than `thinking.budget_tokens`.")
        #expect(Wire.error(Wire.request(#""thinking":{"type":"enabled","budget_tokens":1500}"#, maxTokens: 1500)) == expected)
        #expect(Wire.error(Wire.request(#""thinking":{"type":"enabled","budget_tokens":4000}"#, maxTokens: 2000)) == expected)
        #expect(Wire.error(Wire.request(#""thinking":{"type":"enabled","budget_tokens":1999}"#, maxTokens: 2000)) == nil)
        // Without max_tokens there is nothing to compare.
        #expect(Wire.error(Wire.request(#""thinking":{"type":"enabled","budget_tokens":50000}"#, maxTokens: nil)) == nil)
    }

    @Test func thinkingBudget_readsLaxValues() {
        #expect(
            Wire.message(Wire.request(#""thinking":{"type":"enabled","budget_tokens":"2000"}"#, maxTokensJSON: #""2000""#))
                == "`max_tokens` must be greater than `thinking.budget_tokens`.")
    }

    @Test func schemaErrors_comeBeforeCrossFieldRules() {
        // A budget below 1024 that is also above max_tokens: only the schema issue is reported.
        #expect(
            Wire.message(Wire.request(#""thinking":{"type":"enabled","budget_tokens":1000}"#, maxTokens: 500))
                == "1 request validation error: Input should be greater than or equal to 1024, field: 'thinking.enabled.budget_tokens', value: 1000")
    }

    @Test(arguments: [
        (#"[{"role":"user","content":""}]"#, 0),
        (#"[{"role":"user","content":[]}]"#, 0),
        (#"[{"role":"user","content":"x"},{"role":"assistant","content":""},{"role":"user","content":"y"}]"#, 1),
        (#"[{"role":"user","content":"x"},{"role":"assistant","content":[]},{"role":"user","content":"y"}]"#, 1),
        (#"[{"role":"user","content":"x"},{"role":"user","content":""}]"#, 1),
    ])
    func emptyMessages_areRefused(messages: String, index: Int) {
        #expect(
            Wire.error(Wire.request(messages: messages))
                == APIError(
                    type: .invalidRequest,
                    message: "messages[\(index)]: all messages must have non-empty content except for the optional final assistant message"))
    }

    @Test func emptyFinalAssistantPrefill_isAccepted() {
        #expect(Wire.error(Wire.request(messages: #"[{"role":"user","content":"x"},{"role":"assistant","content":""}]"#)) == nil)
        #expect(Wire.error(Wire.request(messages: #"[{"role":"user","content":"x"},{"role":"assistant","content":[]}]"#)) == nil)
    }

    @Test func firstEmptyMessageIsTheOneReported() {
        #expect(
            Wire.message(Wire.request(messages: #"[{"role":"user","content":"x"},{"role":"assistant","content":[]},{"role":"user","content":""}]"#))
                == "messages[1]: all messages must have non-empty content except for the optional final assistant message")
    }

    // MARK: The model

    @Test(arguments: [
        "claude-opus-4-6", "accounts/fireworks/models/", "accounts//models/x", "accounts/a/b/c",
        "accounts/fireworks/models/Kimi", "models/kimi", "", "accounts/fireworks/models/kimi/extra",
        "accounts/fireworks/deployments/kimi",
    ])
    func nonFireworksModels_are404(model: String) {
        let error = Wire.error(#"{"model":"\#(model)","messages":\#(Wire.hello)}"#)
        #expect(error == .modelNotFound)
        #expect(error?.status == 404)
        #expect(error?.type == .notFound)
        #expect(error?.message == "Model not found, inaccessible, and/or not deployed")
        #expect(
            error.map { Wire.text($0.body) }
                == #"{"error":{"type":"not_found_error","message":"Model not found, inaccessible, and/or not deployed"},"type":"error"}"#)
    }

    @Test(arguments: [
        "accounts/fireworks/models/kimi-k2p5", "accounts/fireworks/routers/kimi-k2p5-turbo",
        "accounts/my-team/models/llama-v3p1-8b-instruct", "accounts/a/models/b",
    ])
    func fireworksModels_areAccepted(model: String) {
        #expect(Wire.error(#"{"model":"\#(model)","messages":\#(Wire.hello)}"#) == nil)
    }

    @Test func schemaErrors_comeBeforeTheModelLookup() {
        #expect(
            Wire.message(#"{"model":"claude","messages":[]}"#)
                == "1 request validation error: List should have at least 1 item after validation, not 0, field: 'messages', value: []")
    }

    @Test func crossFieldErrors_comeBeforeTheModelLookup() {
        let body = #"{"model":"claude","max_tokens":1500,"thinking":{"type":"enabled","budget_tokens":1500},"messages":\#(Wire.hello)}"#
        #expect(Wire.error(body)?.status == 400)
    }
}
