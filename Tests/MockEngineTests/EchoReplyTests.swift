import MessagesAPI
import MockEngine
import Testing

@Suite struct EchoReplyTests {
    @Test func sourceText_rules() throws {
        #expect(EchoReply.sourceText(of: try RequestMaker.user("plain")) == "plain")
        let blocks = try RequestMaker.request(
            #"{"model":"accounts/a/models/b","messages":[{"role":"user","content":[{"type":"text","text":"a"},{"type":"image","source":{"type":"url","url":"u"}},{"type":"text","text":"b"}]}]}"#)
        #expect(EchoReply.sourceText(of: blocks) == "a\nb")
        #expect(EchoReply.sourceText(of: try RequestMaker.toolResult()) == "sunny")
        let imageOnly = try RequestMaker.request(
            #"{"model":"accounts/a/models/b","messages":[{"role":"user","content":[{"type":"image","source":{"type":"url","url":"u"}}]}]}"#)
        #expect(EchoReply.sourceText(of: imageOnly) == EchoReply.emptyFallback)
        let prefill = try RequestMaker.request(
            #"{"model":"accounts/a/models/b","messages":[{"role":"user","content":"question"},{"role":"assistant","content":"The answer is"}]}"#)
        #expect(EchoReply.sourceText(of: prefill) == "question")
    }

    @Test func limit_maxTokens() {
        let result = EchoReply.limit("one two three", maxTokens: 2, stopSequences: [])
        #expect(result.text == "one two")
        #expect(result.stopReason == .maxTokens)
        #expect(EchoReply.limit("one two", maxTokens: 2, stopSequences: []).stopReason == .endTurn)
        #expect(EchoReply.limit("one two", maxTokens: nil, stopSequences: []).stopReason == .endTurn)
    }

    @Test func limit_earliestStopSequenceWins() {
        let result = EchoReply.limit("a b STOP c END", maxTokens: nil, stopSequences: ["END", "STOP"])
        #expect(result.text == "a b ")
        #expect(result.stopReason == .stopSequence)
        #expect(result.stopSequence == "STOP")
        #expect(EchoReply.limit("abc", maxTokens: nil, stopSequences: [""]).stopReason == .endTurn)
    }

    @Test func limit_maxTokensBeforeTheSequenceCompletes() {
        // "one two three" = 4 tokens (three is "thre", "e"); the sequence completes at token 4.
        let result = EchoReply.limit("one two three", maxTokens: 2, stopSequences: ["three"])
        #expect(result.stopReason == .maxTokens)
        #expect(result.text == "one two")
        #expect(EchoReply.limit("one two three", maxTokens: 3, stopSequences: ["three"]).text == "one two thre")
        let within = EchoReply.limit("one two three", maxTokens: 4, stopSequences: ["three"])
        #expect(within.stopReason == .stopSequence)
        #expect(within.text == "one two ")
    }

    @Test func plan_headersAndErrors() throws {
        let planner = ReplyPlanner()
        let plan = planner.plan(for: try RequestMaker.user("Say hello"))
        #expect(plan.headers.contains { $0.name == "fireworks-prompt-tokens" && $0.value == "6" })
        #expect(plan.source == "echo")
        let streamed = planner.plan(for: try RequestMaker.user("Say hello", stream: true))
        #expect(!streamed.headers.contains { $0.name == "fireworks-prompt-tokens" })
        let invalid = planner.plan(body: Array("{}".utf8))
        #expect(invalid.status == 400)
        #expect(invalid.source == "validation")
    }
}
