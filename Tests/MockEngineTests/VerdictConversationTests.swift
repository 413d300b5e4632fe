import MessagesAPI
import MockEngine
import Testing

/// Checks 4–7 on hand-built sessions: unfinished streams not kept, history sent back unchanged (thinking and
/// signatures included), every tool call answered with its id, streams read to their end.
@Suite struct VerdictConversationTests {
    static let question = SessionLog.user("weather?")
    static let thinking = OutputBlock.thinking(thinking: "Let me look it up.", signature: "sig-abc123")
    static let call = OutputBlock.toolUse(id: "toolu_01", name: "get_weather", input: .object(JSONObject([("city", .string("Paris"))])))
    static let answerJSON =
        #"{"role":"assistant","content":[{"type":"thinking","thinking":"Let me look it up.","signature":"sig-abc123"},{"type":"tool_use","id":"toolu_01","name":"get_weather","input":{"city":"Paris"}}]}"#

    static func followUp(assistant: String = answerJSON, result: String = #"{"type":"tool_result","tool_use_id":"toolu_01","content":"sunny"}"#) -> [UInt8] {
        SessionLog.body(#"[{"role":"user","content":"weather?"},\#(assistant),{"role":"user","content":[\#(result)]}]"#)
    }

    @Test func toolLoopWithThinking_sentBackIntact_passesHistoryAndToolChecks() {
        var log = SessionLog()
        log.add(SessionLog.body(Self.question), sent: [Self.thinking, Self.call])
        log.add(Self.followUp(), sent: [.text("Sunny in Paris.")])
        let verdict = log.verdict()
        #expect(verdict.ok)
        #expect(verdict.check("history_intact").status == .pass)
        #expect(verdict.check("history_intact").evidence.first?.entries == [1, 2])
        #expect(verdict.check("tool_calls_answered").status == .pass)
    }

    @Test func droppedSignature_failsWithTheFirstDifference() {
        var log = SessionLog()
        log.add(SessionLog.body(Self.question), sent: [Self.thinking, Self.call])
        let unsigned =
            #"{"role":"assistant","content":[{"type":"thinking","thinking":"Let me look it up."},{"type":"tool_use","id":"toolu_01","name":"get_weather","input":{"city":"Paris"}}]}"#
        log.add(Self.followUp(assistant: unsigned), sent: [.text("ok")])
        let check = log.verdict().check("history_intact")
        #expect(check.status == .fail)
        #expect(check.evidence.first?.detail == #"entry 2 sends back entry 1's answer changed: messages[1].content[0].signature: sent "sig-abc123", got none"#)
    }

    @Test func thinkingLeftOut_failsInAToolLoop_butNotInAnEarlierTurn() {
        var loop = SessionLog()
        loop.add(SessionLog.body(Self.question), sent: [Self.thinking, Self.call])
        let withoutThinking = #"{"role":"assistant","content":[{"type":"tool_use","id":"toolu_01","name":"get_weather","input":{"city":"Paris"}}]}"#
        loop.add(Self.followUp(assistant: withoutThinking), sent: [.text("ok")])
        #expect(loop.verdict().check("history_intact").evidence.first?.detail.hasSuffix("messages[1].content[0]: the thinking block sent is missing (a tool loop must send it back unmodified, with its signature)") == true)

        var chat = SessionLog()
        chat.add(SessionLog.body(SessionLog.user("hello")), sent: [Self.thinking, .text("Hi!")])
        chat.add(SessionLog.body(#"[{"role":"user","content":"hello"},{"role":"assistant","content":"Hi!"},{"role":"user","content":"bye"}]"#), sent: [.text("Bye!")])
        #expect(chat.verdict().check("history_intact").status == .pass)
    }

    @Test func changedText_orToolInput_fail_numbersComparedByValue() {
        var text = SessionLog()
        text.add(SessionLog.body(SessionLog.user("hello")), sent: [.text("Hi there!")])
        text.add(SessionLog.body(#"[{"role":"user","content":"hello"},{"role":"assistant","content":"Hi there"},{"role":"user","content":"x"}]"#), sent: [.text("x")])
        #expect(text.verdict().check("history_intact").evidence.first?.detail.hasSuffix(#"messages[1].content[0].text: sent "Hi there!", got "Hi there""#) == true)

        var numbers = SessionLog()
        numbers.add(SessionLog.body(Self.question), sent: [.toolUse(id: "t", name: "n", input: .object(JSONObject([("a", .number(JSONNumber(text: "1e3")))])))])
        numbers.add(
            Self.followUp(
                assistant: #"{"role":"assistant","content":[{"type":"tool_use","id":"t","name":"n","input":{"a":1000.0}}]}"#,
                result: #"{"type":"tool_result","tool_use_id":"t","content":"ok"}"#),
            sent: [.text("done")])
        #expect(numbers.verdict().check("history_intact").status == .pass)
    }

    @Test func wrongToolResultID_failsNamingBothIDs() {
        var log = SessionLog()
        log.add(SessionLog.body(Self.question), sent: [Self.thinking, Self.call])
        log.add(Self.followUp(result: #"{"type":"tool_result","tool_use_id":"toolu_99","content":"sunny"}"#), sent: [.text("ok")])
        let check = log.verdict().check("tool_calls_answered")
        #expect(check.status == .fail)
        #expect(check.evidence.first?.detail == "entry 2, messages[2]: no tool_result for toolu_01; a tool_result for toolu_99, which entry 1 never sent")
    }

    @Test func unfinishedStreamKept_fails_butARetry_passes() {
        let ask = SessionLog.body(SessionLog.user("tell me a story"), stream: true)
        let story = "Once upon a time there was a mock."
        var keeper = SessionLog()
        keeper.add(ask, stream: true, events: ["message_start", "ping", "content_block_start", "content_block_delta", "error"], sent: [.text(story)])
        keeper.add(
            SessionLog.body(#"[{"role":"user","content":"tell me a story"},{"role":"assistant","content":"Once upon"},{"role":"user","content":"go on"}]"#, stream: true),
            stream: true, sent: [.text("more")])
        let kept = keeper.verdict().check("truncated_stream_not_accepted")
        #expect(kept.status == .fail)
        #expect(kept.evidence.first?.detail == #"entry 2 sends entry 1's unfinished stream back as a finished assistant turn (messages[1]: "Once upon", 9 of 34 characters)"#)

        var retrier = SessionLog()
        retrier.add(ask, stream: true, events: ["message_start", "ping"], sent: [.text(story)], ending: .reset, after: .milliseconds(500))
        retrier.add(ask, stream: true, sent: [.text(story)])
        retrier.add(
            SessionLog.body(#"[{"role":"user","content":"tell me a story"},{"role":"assistant","content":"\#(story)"},{"role":"user","content":"go on"}]"#, stream: true),
            stream: true, sent: [.text("more")])
        #expect(retrier.verdict().check("truncated_stream_not_accepted").status == .pass)
        #expect(retrier.verdict().ok)
    }

    @Test func abandonedStream_fails_unlessExpected_andAStallIsNotAbandonment() {
        var log = SessionLog()
        log.add(SessionLog.body(SessionLog.user("a")), stream: true, events: ["message_start"], sent: [.text("a")], ending: .clientGone)
        log.add(SessionLog.body(SessionLog.user("b")), stream: true, events: ["message_start"], sent: [.text("b")], ending: .clientGone, fault: .stall(afterEvents: 1, duration: nil))
        let check = log.verdict().check("streams_consumed")
        #expect(check.status == .fail)
        #expect(check.evidence.map(\.entries) == [[1]])
        var thresholds = Verdict.Thresholds()
        thresholds.expectAbandon = true
        #expect(log.verdict(thresholds).check("streams_consumed").status == .notApplicable)
    }

    @Test func cutBodies_keepTheirConversation_soTheChecksStillSeeIt() {
        var log = SessionLog()
        log.add(SessionLog.body(Self.question), sent: [Self.thinking, Self.call])
        log.add(Self.followUp(result: #"{"type":"tool_result","tool_use_id":"toolu_99","content":"sunny"}"#), sent: [.text("ok")])
        let journal = Journal(capacity: 10, bodyLimit: 16)
        for entry in log.entries { journal.record(entry) }
        let kept = journal.entries()
        #expect(kept.allSatisfy { $0.body.count == 16 && $0.conversation != nil })
        let verdict = Verdict(session: "s", exchanges: kept.map(Exchange.init), droppedEntries: 0)
        #expect(verdict.check("tool_calls_answered").status == .fail)
        #expect(verdict.check("history_intact").status == .pass)
    }

    @Test func droppedEntries_areCountedPerSession() {
        let journal = Journal(capacity: 2)
        var log = SessionLog()
        for _ in 0..<3 { log.add(SessionLog.body(SessionLog.user("x"))) }
        for entry in log.entries { journal.record(entry) }
        #expect(journal.droppedEntries(session: "s") == 1)
        #expect(journal.droppedEntries(session: "other") == 0)
        journal.clear(session: "s")
        #expect(journal.droppedEntries(session: "s") == 0)
    }

    @Test func transcriptAnswers_areReadAsAClientWould() {
        let transcript = [
            #"event: content_block_start\#ndata: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_7","name":"f","input":{}}}\#n\#n"#,
            #"event: content_block_delta\#ndata: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\"q\":"}}\#n\#n"#,
            #"event: content_block_delta\#ndata: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"1}"}}\#n\#nevent: content_block_stop\#ndata: {"type":"content_block_stop","index":0}\#n\#n"#,
        ].map { Array($0.utf8) }
        let answer = SentAnswer(transcript: transcript)
        #expect(answer.blocks == [.toolUse(id: "toolu_7", name: "f", input: .object(JSONObject([("q", .number(JSONNumber(text: "1")))])))])
    }
}
