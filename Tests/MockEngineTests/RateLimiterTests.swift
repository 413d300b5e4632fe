import MessagesAPI
import MockEngine
import Testing

@Suite struct RateLimiterTests {
    @Test func limitsPerOneSecondWindow() throws {
        let limiter = try #require(RateLimiter(text: "2/s"))
        let start = ContinuousClock.now
        #expect(limiter.check(now: start) == nil)
        #expect(limiter.check(now: start + .milliseconds(100)) == nil)
        let limited = try #require(limiter.check(now: start + .milliseconds(200)))
        #expect(limited.status == 429)
        #expect(limited.type == .rateLimit)
        #expect(limited.headers.first { $0.name == "retry-after" }?.value == "1")
        #expect(limiter.check(now: start + .milliseconds(1001)) == nil)
    }

    @Test func syntax() {
        #expect(RateLimiter(text: "10/s")?.limit == 10)
        #expect(RateLimiter(text: "0/s") == nil)
        #expect(RateLimiter(text: "10") == nil)
    }

    @Test func faultSyntax_errorsNameThePart() throws {
        #expect(throws: FaultSyntax.Failure(message: "unknown fault 'boom' (known: \(FaultSyntax.faultKinds.joined(separator: ", ")))")) {
            try FaultSyntax.fault("boom")
        }
        #expect(throws: FaultSyntax.Failure(message: "cut: give one of after=N (events) or after-bytes=N")) {
            try FaultSyntax.fault("cut")
        }
        #expect(
            throws: FaultSyntax.Failure(
                message: "stream: unknown option 'pace' (known: ttfb, ttft, delay, jitter, ping, chunk, events-per-write, split, drip, crlf, comments, multiline, unknown-events, speed)")
        ) { try FaultSyntax.shape("pace=2") }
        #expect(throws: FaultSyntax.Failure(message: "cut: unknown option 'afterr' (known: after, after-bytes, terminator, times)")) {
            try FaultSyntax.fault("cut;afterr=2")
        }
        #expect(throws: FaultSyntax.Failure(message: "stall: 'for' is given twice")) { try FaultSyntax.fault("stall;for=1s;for=2s") }
        #expect(throws: FaultSyntax.Failure(message: "empty: unknown option 'after' (known: times)")) { try FaultSyntax.fault("empty;after=1") }
        #expect(try FaultSyntax.fault("error;status=429;header.x-custom=1").fault == .httpError(APIError(status: 429, type: .rateLimit, headers: [("x-custom", "1")])))
        #expect(try FaultSyntax.shape("none") == StreamShape())
        #expect(throws: FaultSyntax.Failure(message: "stream: delay must be a duration such as 250ms or 2s")) {
            try FaultSyntax.shape("delay=soon")
        }
        #expect(try FaultSyntax.fault("reset;after=5;times=2") == FaultRule(fault: .reset(afterEvents: 5), times: 2))
        #expect(try FaultSyntax.shape("delay=1.5s").eventDelay == .milliseconds(1500))
    }
}
