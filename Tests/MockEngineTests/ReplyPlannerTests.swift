import MessagesAPI
import MockEngine
import Testing

/// Echo plans: the same message whole or streamed, with the same usage; headers; error plans.
@Suite struct ReplyPlannerTests {
    static let model = "accounts/fireworks/models/kimi-k2p5"

    static func body(_ extra: String = "", stream: Bool, text: String = "Say hello") -> [UInt8] {
        Array(#"{"model":"\#(model)","max_tokens":1000,"stream":\#(stream),"messages":[{"role":"user","content":"\#(text)"}]\#(extra)}"#.utf8)
    }

    // MARK: Non-streaming

    @Test func nonStreaming_statusHeadersAndSource() throws {
        let plan = ReplyPlanner().plan(body: Self.body(stream: false))
        #expect(plan.status == 200)
        #expect(plan.source == .echo)
        #expect(Plans.headerNames(plan) == ["content-type", "fireworks-prompt-tokens", "fireworks-cached-prompt-tokens"])
        #expect(Plans.header(plan, "content-type") == "application/json")
        #expect(Plans.header(plan, "fireworks-prompt-tokens") == "6")
        #expect(Plans.header(plan, "fireworks-cached-prompt-tokens") == "0")
        #expect(plan.fault == nil)
    }

    @Test func nonStreaming_exactBody() throws {
        let plan = ReplyPlanner().plan(body: Self.body(stream: false))
        let json = try Plans.json(plan)
        let id = try #require(json["id"]?.stringValue)
        #expect(id.wholeMatch(of: /msg_[0-9A-Za-z]{24}/) != nil)
        #expect(
            try Plans.text(plan)
                == #"{"id":"\#(id)","type":"message","role":"assistant","model":"\#(Self.model)","content":[{"type":"text","text":"Say hello","citations":null}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":6,"output_tokens":3,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"cache_creation":null,"service_tier":null,"inference_geo":null}}"#)
    }

    @Test func promptTokensHeader_followsTheInputCount() throws {
        let plan = ReplyPlanner().plan(body: Self.body(#","system":"Be brief""#, stream: false))
        // 6 for the message, 3 for "Be brief".
        #expect(Plans.header(plan, "fireworks-prompt-tokens") == "9")
        #expect(Plans.int(try Plans.json(plan)["usage"]?["input_tokens"]) == 9)
    }

    @Test func idsDifferPerAnswer() throws {
        let planner = ReplyPlanner()
        let a = try Plans.json(planner.plan(body: Self.body(stream: false)))["id"]
        let b = try Plans.json(planner.plan(body: Self.body(stream: false)))["id"]
        #expect(a != b)
    }

    // MARK: Streaming

    @Test func streaming_statusHeadersAndSource() throws {
        let plan = ReplyPlanner().plan(body: Self.body(stream: true))
        #expect(plan.status == 200)
        #expect(plan.source == .echo)
        #expect(Plans.headerNames(plan) == ["content-type", "cache-control"])
        #expect(Plans.header(plan, "content-type") == "text/event-stream; charset=utf-8")
        #expect(Plans.header(plan, "cache-control") == "no-cache")
        #expect(Plans.header(plan, "fireworks-prompt-tokens") == nil)
    }

    @Test func streaming_events() throws {
        let events = try Plans.events(ReplyPlanner().plan(body: Self.body(stream: true)))
        #expect(events.map(\.name) == ["message_start", "ping", "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop"])
        #expect(try Plans.streamedText(events) == "Say hello")
        #expect(
            events[6].dataText
                == #"{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":6,"output_tokens":3,"cache_creation_input_tokens":0,"cache_read_input_tokens":0}}"#)
    }

    @Test(arguments: [
        #""#,
        #","system":"Be brief","stop_sequences":["llo"]"#,
        #","max_tokens":2000,"thinking":{"type":"enabled","budget_tokens":1024}"#,
        #","tools":[{"name":"get","input_schema":{"type":"object"}}],"max_tokens":2"#,
    ])
    func streamedAndWhole_carryIdenticalUsageAndText(extra: String) throws {
        let planner = ReplyPlanner()
        let whole = try Plans.json(planner.plan(body: Self.body(extra, stream: false, text: "Say hello to the whole world")))
        let events = try Plans.events(planner.plan(body: Self.body(extra, stream: true, text: "Say hello to the whole world")))
        let streamedUsage = try #require(try Plans.finalUsage(events))
        for key in ["input_tokens", "output_tokens", "cache_creation_input_tokens", "cache_read_input_tokens"] {
            #expect(Plans.int(whole["usage"]?[key]) == Plans.int(streamedUsage[key]), "\(key)")
        }
        let wholeText = whole["content"]?.arrayValue?.compactMap { $0["text"]?.stringValue }.joined()
        #expect(try Plans.streamedText(events) == wholeText)
        let delta = try JSONParser.parse(events.first { $0.name == "message_delta" }!.data)["delta"]
        #expect(delta?["stop_reason"] == whole["stop_reason"])
        #expect(delta?["stop_sequence"] == whole["stop_sequence"])
    }

    @Test func streaming_usesTheConfiguredDeltaSize() throws {
        let planner = ReplyPlanner(configuration: .init(textChunking: .characters(3)))
        let events = try Plans.events(planner.plan(body: Self.body(stream: true)))
        let pieces = try events.filter { $0.name == "content_block_delta" }.map { try JSONParser.parse($0.data)["delta"]?["text"]?.stringValue }
        #expect(pieces == ["Say", " he", "llo"])
    }

    // MARK: Echo message

    @Test func echoMessage_limitsAndUsage() throws {
        let request = try RequestMaker.request(
            #"{"model":"\#(Self.model)","max_tokens":3,"stop_sequences":["zzz"],"messages":[{"role":"user","content":"one two three"}]}"#)
        let message = ReplyPlanner().echoMessage(for: request, id: "msg_fixed")
        #expect(
            message
                == ResponseMessage(
                    id: "msg_fixed", model: Self.model, content: [.text("one two thre")], stopReason: .maxTokens,
                    usage: Usage(inputTokens: 3 + 4, outputTokens: 3)))
    }

    @Test func echoMessage_stopSequence() throws {
        let request = try RequestMaker.request(
            #"{"model":"\#(Self.model)","stop_sequences":["three"],"messages":[{"role":"user","content":"one two three"}]}"#)
        let message = ReplyPlanner().echoMessage(for: request, id: "m")
        #expect(message.content == [.text("one two ")])
        #expect(message.stopReason == .stopSequence)
        #expect(message.stopSequence == "three")
        #expect(message.usage.outputTokens == 2)
    }

    @Test func echoMessage_thinkingComesFirstAndSpendsTheBudget() {
        let thinking = #"The user wrote: "one two three". In echo mode I repeat it back."#
        // The, user, wrot+e, :, ", one, two, thre+e, ", ., In, echo, mode, I, repe+at, it, back, . = 21 tokens.
        #expect(TokenCounter.count(thinking) == 21)
        // Leave room for exactly two tokens of the echo after the thinking. (Built by hand: validation would
        // want max_tokens above the budget.)
        let request = MessagesRequest(
            model: Self.model, messages: [InputMessage(role: .user, content: [.text("one two three")])], maxTokens: 23,
            thinking: .enabled(budgetTokens: 1024))
        let message = ReplyPlanner().echoMessage(for: request, id: "m")
        #expect(message.content == [.thinking(thinking: thinking, signature: EchoThinking.signature(for: thinking)), .text("one two")])
        #expect(message.stopReason == .maxTokens)
        #expect(message.usage.outputTokens == 23)
    }

    @Test func echoMessage_thinkingUsingTheWholeBudget_leavesAnEmptyText() {
        let request = MessagesRequest(
            model: Self.model, messages: [InputMessage(role: .user, content: [.text("one two three")])], maxTokens: 5,
            thinking: .enabled(budgetTokens: 1024))
        let message = ReplyPlanner().echoMessage(for: request, id: "m")
        #expect(message.content.last == .text(""))
        #expect(message.stopReason == .maxTokens)
    }

    @Test func echoMessage_thinkingDisabled_hasNoThinkingBlock() throws {
        let request = try RequestMaker.user("Hi", extra: #","thinking":{"type":"disabled"}"#)
        #expect(ReplyPlanner().echoMessage(for: request, id: "m").content == [.text("Hi")])
    }

    @Test func echoMessage_rawOutputOnlyWhenAsked() throws {
        let plain = try RequestMaker.user("Hi")
        #expect(ReplyPlanner().echoMessage(for: plain).rawOutput == nil)
        let asked = try RequestMaker.user("Hi", extra: #","raw_output":true"#)
        let raw = try #require(ReplyPlanner().echoMessage(for: asked).rawOutput)
        #expect(raw.promptFragments == ["<|user|>\n", "Hi\n", "<|assistant|>\n"])
        #expect(raw.completion == "Hi")
    }

    // MARK: Errors

    @Test func invalidBody_isA400PlanWithTheErrorBody() throws {
        let plan = ReplyPlanner().plan(body: Array("{}".utf8))
        #expect(plan.status == 400)
        #expect(plan.source == .validation)
        #expect(Plans.headerNames(plan) == ["content-type"])
        #expect(Plans.header(plan, "content-type") == "application/json")
        #expect(
            try Plans.text(plan)
                == #"{"error":{"type":"invalid_request_error","message":"2 request validation errors: Field required, field: 'model'; Field required, field: 'messages'"},"type":"error"}"#)
    }

    @Test func brokenJSON_isA400Plan() throws {
        let plan = ReplyPlanner().plan(body: Array("{".utf8))
        #expect(plan.status == 400)
        #expect(
            try Plans.text(plan)
                == #"{"error":{"type":"invalid_request_error","message":"1 request validation error: JSON decode error (Expecting property name enclosed in double quotes: line 1 column 2 (char 1)), field: 'body'"},"type":"error"}"#)
    }

    @Test func unknownModel_isA404Plan() throws {
        let plan = ReplyPlanner().plan(body: Array(#"{"model":"claude-opus-4-6","messages":[{"role":"user","content":"hi"}]}"#.utf8))
        #expect(plan.status == 404)
        #expect(plan.source == .validation)
        #expect(try Plans.text(plan) == #"{"error":{"type":"not_found_error","message":"Model not found, inaccessible, and/or not deployed"},"type":"error"}"#)
    }

    @Test func errorsAreNeverStreamed() throws {
        let plan = ReplyPlanner().plan(body: Array(#"{"model":"x","stream":true,"messages":[{"role":"user","content":"hi"}]}"#.utf8))
        #expect(plan.status == 404)
        #expect(Plans.header(plan, "content-type") == "application/json")
        _ = try Plans.bytes(plan)
    }
}
