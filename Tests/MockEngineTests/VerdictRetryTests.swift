import MessagesAPI
import MockEngine
import Testing

/// Checks 1–3 on hand-built sessions: retry-after honoured, retries bounded and backed off, no retry of the
/// unretryable; each with a client that passes and one that fails, and the entries named.
@Suite struct VerdictRetryTests {
    let ask = SessionLog.body(SessionLog.user("hi"))

    @Test func retryAfter_honoured_passes_andTooEarly_failsNamingBothEntries() {
        var good = SessionLog()
        good.add(self.ask, status: 429, headers: [("retry-after", "2")], after: .milliseconds(2000))
        good.add(self.ask, sent: [.text("hi")])
        #expect(good.verdict().check("retry_after_honoured").status == .pass)

        var eager = SessionLog()
        let first = eager.add(self.ask, status: 529, headers: [("retry-after-ms", "1500")], after: .milliseconds(300))
        let second = eager.add(self.ask, sent: [.text("hi")])
        let check = eager.verdict().check("retry_after_honoured")
        #expect(check.status == .fail)
        #expect(check.evidence.first?.entries == [first, second])
        #expect(check.evidence.first?.values.map(\.value) == [1500, 300])
        #expect(check.explanation == "A retry came sooner than retry-after asked: entry 2 came 300 ms after entry 1's 529 answer, which asked for 1500 ms")
    }

    @Test func retryAfter_withinTolerance_passes_andAnotherRequestDoesNotCount() {
        var log = SessionLog()
        log.add(self.ask, status: 429, headers: [("retry-after", "1")], after: .milliseconds(970))
        log.add(self.ask, sent: [.text("hi")])
        #expect(log.verdict().check("retry_after_honoured").status == .pass)

        var other = SessionLog()
        other.add(self.ask, status: 429, headers: [("retry-after", "5")])
        other.add(SessionLog.body(SessionLog.user("something else")), sent: [.text("x")])
        #expect(other.verdict().check("retry_after_honoured").status == .notApplicable)
    }

    @Test func backedOffRetries_pass_andFixedOrInstantRetries_fail() {
        var sdk = SessionLog()
        sdk.add(self.ask, status: 500, after: .milliseconds(450))
        sdk.add(self.ask, status: 500, after: .milliseconds(900))
        sdk.add(self.ask, status: 500, after: .milliseconds(1800))
        sdk.add(self.ask, sent: [.text("hi")])
        let passed = sdk.verdict().check("retries_bounded")
        #expect(passed.status == .pass)
        #expect(passed.evidence.first?.values.first?.value == 3)

        var fixed = SessionLog()
        fixed.add(self.ask, status: 503, after: .milliseconds(500))
        fixed.add(self.ask, status: 503, after: .milliseconds(500))
        fixed.add(self.ask, sent: [.text("hi")])
        let flat = fixed.verdict().check("retries_bounded")
        #expect(flat.status == .fail)
        #expect(flat.evidence.first?.entries == [2, 3])

        var hammer = SessionLog()
        hammer.add(self.ask, status: 429, after: .milliseconds(5))
        hammer.add(self.ask, sent: [.text("hi")])
        #expect(hammer.verdict().check("retries_bounded").explanation.contains("came 5 ms after entry 1's failure with no retry advice"))
    }

    @Test func tooManyRetries_fail_andTheLimitIsAThreshold() {
        var log = SessionLog()
        var wait = Duration.milliseconds(200)
        for _ in 0..<4 {
            log.add(self.ask, status: 529, after: wait)
            wait *= 2
        }
        log.add(self.ask, status: 529)
        var thresholds = Verdict.Thresholds()
        thresholds.maxRetries = 3
        let check = log.verdict(thresholds).check("retries_bounded")
        #expect(check.status == .fail)
        #expect(check.explanation.contains("4 retries of one request in a row (entries 1–5), more than max_retries=3"))
        #expect(log.verdict().check("retries_bounded").status == .pass)
    }

    @Test func connectionFaults_andUnfinishedStreams_countAsRetryableFailures() {
        var log = SessionLog()
        log.add(self.ask, stream: true, events: ["message_start"], ending: .reset, after: .milliseconds(400))
        log.add(self.ask, stream: true, events: ["message_start", "error"], after: .milliseconds(800))
        log.add(self.ask, stream: true, sent: [.text("hi")])
        #expect(log.verdict().check("retries_bounded").status == .pass)
        #expect(log.verdict().check("no_retry_of_unretryable").status == .notApplicable)
    }

    @Test func resendingA400_orAnAnswerSayingDoNotRetry_fails() {
        var bad = SessionLog()
        bad.add(self.ask, status: 400, after: .seconds(1))
        bad.add(self.ask, status: 400)
        let check = bad.verdict().check("no_retry_of_unretryable")
        #expect(check.status == .fail)
        #expect(check.evidence.first?.detail == "entry 2 sent entry 1's request again after its 400")

        var told = SessionLog()
        told.add(self.ask, status: 429, headers: [("x-should-retry", "false")], after: .seconds(1))
        told.add(self.ask, sent: [.text("hi")])
        #expect(told.verdict().check("no_retry_of_unretryable").explanation.contains("after its 429 with x-should-retry: false"))

        var fixed = SessionLog()
        fixed.add(self.ask, status: 400)
        fixed.add(SessionLog.body(SessionLog.user("fixed")), sent: [.text("fixed")])
        #expect(fixed.verdict().check("no_retry_of_unretryable").status == .pass)
    }

    @Test func sameRequest_ignoresKeyOrderAndSpacing() {
        var log = SessionLog()
        log.add(Array(#"{"model":"m","messages":[{"role":"user","content":"a"}],"max_tokens":5}"#.utf8), status: 401)
        log.add(Array(#"{ "max_tokens": 5, "messages": [ { "content": "a", "role": "user" } ], "model": "m" }"#.utf8), status: 401)
        #expect(log.verdict().check("no_retry_of_unretryable").status == .fail)
    }

    @Test func droppedEntries_leaveWhatDidNotFailUndecided() {
        var log = SessionLog()
        log.add(self.ask, sent: [.text("hi")])
        let verdict = log.verdict(dropped: 3)
        #expect(verdict.ok)
        #expect(verdict.checks.allSatisfy { !$0.decided && $0.status == .notApplicable })
        #expect(verdict.check("streams_consumed").explanation.hasPrefix("Could not be decided: 3 of this session's entries were dropped"))
    }
}
