import MessagesAPI
import MockEngine
import Testing

/// A recording as a script: `raw` with the recorded status, headers and timing, read by the decoder, planned
/// by the planner, and its timing carried onto the stream's pieces (faults included).
@Suite struct RecordedReplyTests {
    static func load(_ yaml: String) -> ScriptLoader.Result {
        ScriptLoader.load(bytes: Array(yaml.utf8), file: "r.yaml", baseDirectory: "responses")
    }

    static let timed = """
        name: recorded
        reply:
          raw: transcripts/hello.sse
          status: 200
          headers: {content-type: text/event-stream, request-id: req_up, x-ratelimit-remaining-requests: 99}
          timing: {headers_ms: 120, events_ms: [130, 131, 140, 150, 160, 170, 180, 190, 200.5]}
        """

    func plan(_ yaml: String, headers: [(name: String, value: String)] = []) throws -> ResponsePlan {
        let result = Self.load(yaml)
        #expect(result.problems.isEmpty, "\(result.problems)")
        let planner = ReplyPlanner(scripts: ScriptBook(scripts: result.scripts))
        let body = #"{"model":"accounts/fireworks/models/kimi-k2p5","max_tokens":5,"stream":true,"messages":[{"role":"user","content":"hi"}]}"#
        return planner.plan(body: Array(body.utf8), headers: headers)
    }

    @Test func aTimedTranscript_plansItsHeadersAndTiming() throws {
        let plan = try self.plan(Self.timed)
        #expect(plan.status == 200)
        #expect(plan.headers.map(\.name) == ["content-type", "request-id", "x-ratelimit-remaining-requests"])
        #expect(plan.timing?.headers == .milliseconds(120))
        #expect(plan.timing?.events.last == .microseconds(200_500))
        #expect(plan.headersDelay == .milliseconds(120))
        guard case .rawStream(let chunks) = plan.body else { throw Failure("not a stream") }
        #expect(chunks.count == 9)
    }

    @Test func speed_scalesTheRecordedTiming_andZeroRemovesIt() throws {
        let twice = try self.plan(Self.timed, headers: [("x-mock-stream", "speed=2")])
        #expect(twice.headersDelay == .milliseconds(60))
        #expect(twice.replaysTiming)
        let instant = try self.plan(Self.timed, headers: [("x-mock-stream", "speed=0")])
        #expect(instant.headersDelay == .zero)
        #expect(!instant.replaysTiming)
        #expect(ReplayTiming.scaled(.milliseconds(300), speed: 3) == .milliseconds(100))
    }

    @Test func aRecordedJSONAnswer_isSentWhole() throws {
        let yaml = """
            name: overloaded
            reply:
              raw: transcripts/hello.sse
              status: 529
              headers: {content-type: application/json, retry-after: '2'}
              timing: {headers_ms: 40}
            """
        let plan = try self.plan(yaml)
        #expect(plan.status == 529)
        guard case .complete(let body) = plan.body else { throw Failure("not a whole body") }
        #expect(body.count == 1169)
        #expect(plan.headers.contains { $0 == ("retry-after", "2") })
    }

    @Test func badRecordings_nameTheField() {
        let cases: [(String, String)] = [
            ("timing: {events_ms: [1, 2]}", "reply.timing.events_ms: has 2 times for 9 events in the file"),
            ("timing: {events_ms: [5, 4, 6, 7, 8, 9, 10, 11, 12]}", "reply.timing.events_ms[1]: must not be earlier than the event before it"),
            ("timing: {headers_ms: -1}", "reply.timing.headers_ms: must be a number of milliseconds, 0 or more"),
            ("timing: {ttfb: 3}", "reply.timing.ttfb: unknown field (known: headers_ms, events_ms)"),
            ("status: 99", "reply.status: must be an HTTP status from 200 to 599"),
            ("headers: [a]", "reply.headers: must be a mapping of name to value"),
            ("text: hi", "reply.text: not allowed next to 'raw' (known: fault, headers, raw, status, stream, timing)"),
        ]
        for (extra, problem) in cases {
            let result = Self.load("name: r\nreply:\n  raw: transcripts/hello.sse\n  \(extra)\n")
            #expect(result.problems.map(\.description).contains("r.yaml: script 'r': \(problem)"), "\(extra): \(result.problems)")
        }
    }

    @Test func streamOption_speed() throws {
        #expect(try FaultSyntax.shape("speed=0").speed == 0)
        #expect(try FaultSyntax.shape("speed=2.5").speed == 2.5)
        #expect(StreamShape().speed == nil)
        #expect(throws: FaultSyntax.Failure.self) { try FaultSyntax.shape("speed=-1") }
        #expect(throws: FaultSyntax.Failure.self) { try FaultSyntax.shape("speed=fast") }
    }

    @Test func pieces_carryTheirRecordedTimes_andWhatAFaultAddsHasNone() {
        let chunks = (0..<4).map { Array("event: e\($0)\ndata: {}\n\n".utf8) }
        let offsets: [Duration] = [.milliseconds(1), .milliseconds(2), .milliseconds(3), .milliseconds(4)]
        var plain = FaultedStream(transcript: chunks, offsets: offsets, fault: nil, shape: StreamShape(), seed: 1)
        #expect(Array(IteratorSequence(plain)).map(\.at) == offsets)
        _ = plain.next()
        var shape = StreamShape()
        shape.unknownEvents = true
        let withPing = [Array("event: ping\ndata: {}\n\n".utf8)] + chunks
        let added = FaultedStream(transcript: withPing, offsets: [.zero] + offsets, fault: nil, shape: shape, seed: 1)
        // The unknown event added after `ping` follows it at once; the rest keep their times.
        #expect(Array(IteratorSequence(added)).map(\.at) == [.zero, nil] + offsets.map { $0 })
        let error = FaultedStream(
            transcript: chunks, offsets: offsets, fault: .midStreamError(afterEvents: 2, type: .overloaded, message: "x"),
            shape: StreamShape(), seed: 1)
        // The error takes the third event's place, and its time.
        #expect(Array(IteratorSequence(error)).map(\.at) == Array(offsets.prefix(3)))
    }
}

/// A test failure with a message.
private struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
