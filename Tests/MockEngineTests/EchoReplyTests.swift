import MessagesAPI
import MockEngine
import Testing

/// Echo mode: which text is echoed, and how max_tokens and stop_sequences cut it.
@Suite struct EchoReplyTests {
    static func source(_ messages: String) throws -> String {
        EchoReply.sourceText(
            of: try RequestMaker.request(#"{"model":"accounts/a/models/b","messages":\#(messages)}"#))
    }

    // MARK: Source text

    @Test func stringContent() throws {
        #expect(EchoReply.sourceText(of: try RequestMaker.user("plain")) == "plain")
        #expect(try Self.source(#"[{"role":"user","content":"two\nlines"}]"#) == "two\nlines")
    }

    @Test func textBlocks_joinedByNewlines_otherBlocksIgnored() throws {
        let messages = #"[{"role":"user","content":[{"type":"text","text":"a"},{"type":"image","source":{"type":"url","url":"u"}},{"type":"text","text":"b"},{"type":"document","source":{"type":"text","media_type":"text/plain","data":"doc"}}]}]"#
        #expect(try Self.source(messages) == "a\nb")
    }

    @Test func toolResultFallback() throws {
        #expect(EchoReply.sourceText(of: try RequestMaker.toolResult()) == "sunny")
    }

    @Test func toolResultFallback_joinsEveryResultsText() throws {
        let messages = #"[{"role":"user","content":"go"},{"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"a","input":{}},{"type":"tool_use","id":"t2","name":"b","input":{}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"sunny"},{"type":"tool_result","tool_use_id":"t2","content":[{"type":"text","text":"windy"},{"type":"image","source":{"type":"url","url":"u"}},{"type":"text","text":"cold"}]}]}]"#
        #expect(try Self.source(messages) == "sunny\nwindy\ncold")
    }

    @Test func textBlocksWinOverToolResults() throws {
        let messages = #"[{"role":"user","content":"go"},{"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"a","input":{}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"sunny"},{"type":"text","text":"thanks"}]}]"#
        #expect(try Self.source(messages) == "thanks")
    }

    @Test func emptyFallback() throws {
        #expect(EchoReply.emptyFallback == "(no text in the last user message)")
        #expect(try Self.source(#"[{"role":"user","content":[{"type":"image","source":{"type":"url","url":"u"}}]}]"#) == EchoReply.emptyFallback)
        let emptyResult = #"[{"role":"user","content":"go"},{"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"a","input":{}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1"}]}]"#
        #expect(try Self.source(emptyResult) == EchoReply.emptyFallback)
        let noUser = MessagesRequest(model: "m", messages: [InputMessage(role: .assistant, content: [.text("only me")])])
        #expect(EchoReply.sourceText(of: noUser) == EchoReply.emptyFallback)
    }

    @Test func lastUserMessage_whenTheLastMessageIsAnAssistantPrefill() throws {
        let messages = #"[{"role":"user","content":"first"},{"role":"assistant","content":"reply"},{"role":"user","content":"question"},{"role":"assistant","content":"The answer is"}]"#
        #expect(try Self.source(messages) == "question")
    }

    @Test func lastUserMessage_notTheFirst() throws {
        #expect(try Self.source(#"[{"role":"user","content":"first"},{"role":"assistant","content":"x"},{"role":"user","content":"second"}]"#) == "second")
    }

    // MARK: max_tokens

    @Test func noLimits_endTurn() {
        let result = EchoReply.limit("one two three", maxTokens: nil, stopSequences: [])
        #expect(result.text == "one two three")
        #expect(result.stopReason == .endTurn)
        #expect(result.stopSequence == nil)
    }

    @Test func maxTokens_cutsAfterThatManyTokens() {
        let result = EchoReply.limit("one two three", maxTokens: 2, stopSequences: [])
        #expect(result.text == "one two")
        #expect(result.stopReason == .maxTokens)
        #expect(result.stopSequence == nil)
        #expect(EchoReply.limit("hello", maxTokens: 1, stopSequences: []).text == "hell")
    }

    @Test func maxTokens_exactlyEnough_isEndTurn() {
        // "one two three" is 4 tokens: one, two, thre, e.
        let result = EchoReply.limit("one two three", maxTokens: 4, stopSequences: [])
        #expect(result.text == "one two three")
        #expect(result.stopReason == .endTurn)
        #expect(EchoReply.limit("one two three", maxTokens: 3, stopSequences: []).stopReason == .maxTokens)
    }

    @Test func maxTokens_zero() {
        let result = EchoReply.limit("text", maxTokens: 0, stopSequences: [])
        #expect(result.text == "")
        #expect(result.stopReason == .maxTokens)
        #expect(EchoReply.limit("", maxTokens: 0, stopSequences: []).stopReason == .endTurn)
    }

    // MARK: stop_sequences

    @Test func stopSequence_cutsBeforeTheMatch() {
        let result = EchoReply.limit("a b STOP c", maxTokens: nil, stopSequences: ["STOP"])
        #expect(result.text == "a b ")
        #expect(result.stopReason == .stopSequence)
        #expect(result.stopSequence == "STOP")
    }

    @Test func earliestMatchWins_whateverTheListOrder() {
        for order in [["END", "STOP"], ["STOP", "END"]] {
            let result = EchoReply.limit("a b STOP c END", maxTokens: nil, stopSequences: order)
            #expect(result.text == "a b ")
            #expect(result.stopSequence == "STOP")
        }
    }

    @Test func stopSequence_atTheStart() {
        let result = EchoReply.limit("STOP here", maxTokens: nil, stopSequences: ["STOP"])
        #expect(result.text == "")
        #expect(result.stopReason == .stopSequence)
    }

    @Test func stopSequence_firstOccurrence() {
        #expect(EchoReply.limit("x.y.z", maxTokens: nil, stopSequences: ["."]).text == "x")
    }

    @Test func stopSequence_notPresentOrEmpty_isIgnored() {
        #expect(EchoReply.limit("abc", maxTokens: nil, stopSequences: ["zzz"]).stopReason == .endTurn)
        #expect(EchoReply.limit("abc", maxTokens: nil, stopSequences: [""]).stopReason == .endTurn)
        #expect(EchoReply.limit("abc", maxTokens: nil, stopSequences: ["", "b"]).stopSequence == "b")
        // Matching is case-sensitive.
        #expect(EchoReply.limit("a STOP", maxTokens: nil, stopSequences: ["stop"]).stopReason == .endTurn)
    }

    @Test func stopSequence_completingWithinMaxTokens_wins() {
        // "three" completes with token 4 ("e"); with 4 tokens allowed the stop sequence is met first.
        let result = EchoReply.limit("one two three four", maxTokens: 4, stopSequences: ["three"])
        #expect(result.text == "one two ")
        #expect(result.stopReason == .stopSequence)
        #expect(result.stopSequence == "three")
    }

    @Test func stopSequence_completingAfterTheCut_losesToMaxTokens() {
        let result = EchoReply.limit("one two three", maxTokens: 3, stopSequences: ["three"])
        #expect(result.text == "one two thre")
        #expect(result.stopReason == .maxTokens)
        #expect(result.stopSequence == nil)
        let earlier = EchoReply.limit("one two three", maxTokens: 2, stopSequences: ["three"])
        #expect(earlier.text == "one two")
        #expect(earlier.stopReason == .maxTokens)
    }

    @Test func stopSequence_endingInsideAToken_completesWithThatToken() {
        // "abc" ends inside the first token "abcd": one token is enough to meet it.
        let result = EchoReply.limit("abcdefgh", maxTokens: 1, stopSequences: ["abc"])
        #expect(result.text == "")
        #expect(result.stopReason == .stopSequence)
    }

    @Test func aStopSequenceCompletedWithinMaxTokens_isNeverMissed() {
        // "two three" starts first but completes at token 4; "wo" completes at token 2, inside the 3 allowed.
        // A model would have stopped at "wo": a max_tokens reply can never contain a stop sequence.
        let result = EchoReply.limit("one two three", maxTokens: 3, stopSequences: ["two three", "wo"])
        #expect(result.text == "one t")
        #expect(result.stopReason == .stopSequence)
        #expect(result.stopSequence == "wo")
    }
}
