import MessagesAPI
import MockEngine
import Testing

/// What the planner answers when a script matches: the same message streamed or whole, placeholders,
/// ids, signatures, usage, errors and raw transcripts.
@Suite struct ScriptedPlanTests {
    static func planner(_ yaml: String) -> ReplyPlanner {
        let loaded = ScriptLoader.load(bytes: Array(yaml.utf8), file: "t.yaml", baseDirectory: nil)
        #expect(loaded.problems.isEmpty, "\(loaded.problems)")
        return ReplyPlanner(scripts: ScriptBook(scripts: loaded.scripts))
    }

    static func body(_ plan: ResponsePlan) throws -> JSONValue {
        guard case .complete(let bytes) = plan.body else { throw RawFailure("not a complete body") }
        return try JSONParser.parse(bytes)
    }

    static func events(_ plan: ResponsePlan) throws -> [JSONValue] {
        guard case .events(let events) = plan.body else { throw RawFailure("not a stream") }
        return try events.map { try JSONParser.parse($0.data) }
    }

    struct RawFailure: Error {
        var text: String
        init(_ text: String) { self.text = text }
    }

    static let allBlocks = """
        name: all
        reply:
          content:
            - {type: thinking, thinking: "Let me think.", signature: sig-1}
            - {type: redacted_thinking, data: opaque}
            - {type: text, text: "Hi {{last_user_text}} on {{model}}"}
            - {type: tool_use, id: toolu_fixed, name: lookup, input: {q: "a b", n: 2}}
        """

    @Test func nonStreaming_hasEveryBlockShape() throws {
        let plan = Self.planner(Self.allBlocks).plan(for: try RequestMaker.user("there"))
        #expect(plan.source == .script("all"))
        let json = try Self.body(plan)
        let content = String(decoding: JSONWriter.encode(json["content"]!), as: UTF8.self)
        #expect(
            content
                == #"[{"type":"thinking","thinking":"Let me think.","signature":"sig-1"},{"type":"redacted_thinking","data":"opaque"},{"type":"text","text":"Hi there on accounts/fireworks/models/kimi-k2p5","citations":null},{"type":"tool_use","id":"toolu_fixed","name":"lookup","input":{"q":"a b","n":2}}]"#
        )
        #expect(json["stop_reason"]?.stringValue == "tool_use")
    }

    @Test func streaming_carriesTheSameMessageWithTheRightDeltas() throws {
        let request = try RequestMaker.user("there", stream: true)
        let events = try Self.events(Self.planner(Self.allBlocks).plan(for: request))
        let types = events.map { event -> String in
            let type = event["type"]!.stringValue!
            if let delta = event["delta"]?["type"]?.stringValue { return "\(type):\(delta)" }
            if let block = event["content_block"]?["type"]?.stringValue { return "\(type):\(block)" }
            return type
        }
        #expect(types.first == "message_start")
        #expect(types[1] == "ping")
        #expect(types.filter { $0 == "content_block_delta:signature_delta" }.count == 1)
        // Thinking: deltas, then exactly one signature delta just before the block stops.
        let thinkingStop = types.firstIndex(of: "content_block_stop")!
        #expect(types[thinkingStop - 1] == "content_block_delta:signature_delta")
        #expect(types[2] == "content_block_start:thinking")
        // Redacted thinking arrives whole in its start event, with no deltas.
        let redacted = types.firstIndex(of: "content_block_start:redacted_thinking")!
        #expect(types[redacted + 1] == "content_block_stop")
        #expect(events[redacted]["content_block"]?["data"]?.stringValue == "opaque")
        // The tool call starts with empty input, and its first input_json_delta is empty.
        let tool = types.firstIndex(of: "content_block_start:tool_use")!
        #expect(events[tool]["content_block"]?["id"]?.stringValue == "toolu_fixed")
        #expect(String(decoding: JSONWriter.encode(events[tool]["content_block"]!["input"]!), as: UTF8.self) == "{}")
        #expect(events[tool + 1]["delta"]?["partial_json"]?.stringValue == "")
        let json = events.compactMap { $0["delta"]?["partial_json"]?.stringValue }.joined()
        #expect(json == #"{"q":"a b","n":2}"#)
        let thinking = events.compactMap { $0["delta"]?["thinking"]?.stringValue }.joined()
        #expect(thinking == "Let me think.")
        #expect(types.suffix(2) == ["message_delta", "message_stop"])
        #expect(types.filter { $0 == "message_delta" }.count == 1)
    }

    @Test func usage_isTheSameStreamedOrWhole() throws {
        let planner = Self.planner(Self.allBlocks)
        let whole = try Self.body(planner.plan(for: try RequestMaker.user("there")))["usage"]
        let streamed = try Self.events(planner.plan(for: try RequestMaker.user("there", stream: true)))
            .first { $0["type"]?.stringValue == "message_delta" }?["usage"]
        #expect(whole?["input_tokens"] == streamed?["input_tokens"])
        #expect(whole?["output_tokens"] == streamed?["output_tokens"])
        // thinking 5 + text ("Hi there on accounts/…") + tool name and JSON; redacted thinking counts 0.
        let expected = TokenCounter.count("Let me think.") + TokenCounter.count("Hi there on accounts/fireworks/models/kimi-k2p5")
            + TokenCounter.count("lookup") + TokenCounter.count(#"{"q":"a b","n":2}"#)
        #expect(whole?["output_tokens"] == .number(JSONNumber(expected)))
    }

    @Test func usageOverrides_andGeneratedIDs() throws {
        let planner = Self.planner(
            "name: u\nreply:\n  content: [{type: tool_use, name: t}]\n  usage: {input_tokens: 7, output_tokens: 9}")
        let first = try Self.body(planner.plan(for: try RequestMaker.user("x")))
        let second = try Self.body(planner.plan(for: try RequestMaker.user("x")))
        #expect(first["usage"]?["input_tokens"] == .number(JSONNumber(7)))
        #expect(first["usage"]?["output_tokens"] == .number(JSONNumber(9)))
        let id1 = try #require(first["content"]?.arrayValue?[0]["id"]?.stringValue)
        let id2 = try #require(second["content"]?.arrayValue?[0]["id"]?.stringValue)
        #expect(id1.hasPrefix("toolu_") && id1.count == 30)
        #expect(id1 != id2)
    }

    @Test func partialToolInput_streamsExactlyThatText() throws {
        let planner = Self.planner(
            "name: cut\nreply:\n  content: [{type: tool_use, name: t, partial_json: '{\"city\": \"San Fra'}]\n  stop_reason: max_tokens")
        let events = try Self.events(planner.plan(for: try RequestMaker.user("x", stream: true)))
        #expect(events.compactMap { $0["delta"]?["partial_json"]?.stringValue }.joined() == #"{"city": "San Fra"#)
        #expect(events.first { $0["type"]?.stringValue == "message_delta" }?["delta"]?["stop_reason"]?.stringValue == "max_tokens")
        let whole = try Self.body(planner.plan(for: try RequestMaker.user("x")))
        #expect(String(decoding: JSONWriter.encode(whole["content"]!.arrayValue![0]["input"]!), as: UTF8.self) == "{}")
    }

    @Test func errorReply_becomesAnErrorAnswer() throws {
        let planner = Self.planner(
            "name: e\nreply: {error: {status: 429, message: slow down, headers: {retry-after: 2, x-should-retry: true}}}")
        let plan = planner.plan(for: try RequestMaker.user("x"))
        #expect(plan.status == 429)
        #expect(plan.headers.contains { $0.name == "retry-after" && $0.value == "2" })
        #expect(plan.headers.contains { $0.name == "x-should-retry" && $0.value == "true" })
        let body = try Self.body(plan)
        #expect(body["error"]?["type"]?.stringValue == "rate_limit_error")
        #expect(body["error"]?["message"]?.stringValue == "slow down")
    }

    @Test func noMatch_fallsBackToEcho() throws {
        let planner = Self.planner("name: only-weather\nmatch: {last_user: weather}\nreply: {text: sunny}")
        let plan = planner.plan(for: try RequestMaker.user("hello"))
        #expect(plan.source == .echo)
        #expect(try Self.body(plan)["content"]?.arrayValue?[0]["text"]?.stringValue == "hello")
    }

    @Test func sessionHeader_selectsTheSequence() throws {
        let planner = Self.planner("name: seq\nreplies: [{text: one}, {text: two}]")
        func text(_ session: String) throws -> String? {
            try Self.body(planner.plan(for: try RequestMaker.user("x"), headers: [("X-Mock-Session", session)]))["content"]?
                .arrayValue?[0]["text"]?.stringValue
        }
        #expect(try text("a") == "one")
        #expect(try text("a") == "two")
        #expect(try text("b") == "one")
    }

    @Test func echoWithThinking_startsWithASignedThinkingBlock() throws {
        let request = try RequestMaker.request(
            #"{"model":"accounts/a/models/b","max_tokens":2000,"thinking":{"type":"enabled","budget_tokens":1024},"messages":[{"role":"user","content":"Say hello"}]}"#
        )
        let planner = ReplyPlanner()
        let first = planner.echoMessage(for: request, id: "msg_x")
        let second = planner.echoMessage(for: request, id: "msg_x")
        #expect(first == second)
        guard case .thinking(let thinking, let signature) = first.content[0] else {
            Issue.record("no thinking block")
            return
        }
        #expect(thinking == #"The user wrote: "Say hello". In echo mode I repeat it back."#)
        #expect(!signature.isEmpty)
        #expect(first.content[1] == .text("Say hello"))
        #expect(first.usage.outputTokens == TokenCounter.count(thinking) + 3)
    }

    @Test func rawOutput_showsLayoutMappedEffortAndCompletion() throws {
        let request = try RequestMaker.request(
            #"{"model":"accounts/a/models/b","raw_output":true,"output_config":{"effort":"max"},"system":"Be brief","tools":[{"name":"t","input_schema":{"type":"object"}}],"messages":[{"role":"user","content":"Hi"}]}"#
        )
        let message = ReplyPlanner().echoMessage(for: request)
        let raw = try #require(message.rawOutput)
        #expect(
            raw.promptFragments == [
                "<|system|>\n", "Be brief\n", "<|tools|>\n", #"[{"name":"t","description":null,"input_schema":{"type":"object"}}]"# + "\n",
                "<|reasoning_effort|>high\n", "<|user|>\n", "Hi\n", "<|assistant|>\n",
            ])
        #expect(raw.completion == "Hi")
        #expect(raw.promptTokenIDs.count == TokenCounter.tokens(raw.promptFragments.joined()).count)
        let body = String(decoding: message.encodedBody(), as: UTF8.self)
        #expect(body.contains(#""completion":"Hi","completion_token_ids":null,"images":null,"grammar":null}"#))
    }

    @Test(arguments: [("low", "low"), ("medium", "medium"), ("high", "high"), ("max", "high"), ("xhigh", "high")])
    func effortMapping(effort: String, expected: String) {
        #expect(ReasoningEffort.fireworksValue(for: effort) == expected)
    }
}
