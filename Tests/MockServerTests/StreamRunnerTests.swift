import MessagesAPI
import MockEngine
import Testing

@testable import MockServer

/// The transport side of a stream without a socket: the runner's writes into a recording sink, and the one
/// outcome it returns for each way a stream can end.
@Suite struct StreamRunnerTests {
    /// A sink that keeps every write; a client that "leaves" at once.
    final class RecordingSink: WireSink, @unchecked Sendable {
        var writes: [[UInt8]] = []
        var wasReset = false
        var waitedForClient = false

        func write(_ bytes: [UInt8]) async throws { self.writes.append(bytes) }
        func reset() async { self.wasReset = true }
        func untilClientLeaves() async { self.waitedForClient = true }

        var text: String { String(decoding: self.writes.joined(), as: UTF8.self) }
    }

    static let events: [ServerSentEvent] = {
        let message = ResponseMessage(id: "m", model: "m", content: [.text("0123456789abcdef")], stopReason: .endTurn, usage: .zero)
        return Array(StreamEncoder(textChunking: .characters(8)).events(for: message))
    }()

    static func run(
        _ fault: Fault?, shape: StreamShape = StreamShape(), chunked: Bool = true
    ) async throws -> (StreamRunner.Outcome, RecordingSink, StreamRunner) {
        var stream = FaultedStream(self.events, fault: fault, shape: shape, seed: 5)
        var runner = StreamRunner(shape: shape, fault: fault, chunked: chunked, seed: 5)
        let sink = RecordingSink()
        let outcome = try await runner.run(&stream, sink: sink)
        return (outcome, sink, runner)
    }

    /// A recording's pieces leave no earlier than their recorded offsets from the answer's start; at `speed=0`
    /// with no waits at all (a 10 s recording is over at once).
    @Test func recordedTiming_pacesThePieces_andSpeedZeroRemovesIt() async throws {
        let chunks = (0..<3).map { Array("event: e\($0)\ndata: {}\n\n".utf8) }
        let offsets: [Duration] = [.milliseconds(20), .milliseconds(120), .milliseconds(250)]
        final class TimedSink: WireSink, @unchecked Sendable {
            var times: [ContinuousClock.Instant] = []
            func write(_ bytes: [UInt8]) async throws { self.times.append(.now) }
            func reset() async {}
            func untilClientLeaves() async {}
        }
        let origin = ContinuousClock.now
        var stream = FaultedStream(transcript: chunks, offsets: offsets, fault: nil, shape: StreamShape(), seed: 1)
        var runner = StreamRunner(shape: StreamShape(), fault: nil, chunked: true, seed: 1, origin: origin)
        let sink = TimedSink()
        #expect(try await runner.run(&stream, sink: sink) == .complete)
        #expect(sink.times.count == 3)
        for (time, offset) in zip(sink.times, offsets) { #expect(time - origin >= offset) }

        var fast = StreamShape()
        fast.speed = 0
        let long = (1...3).map { Duration.seconds(10 * $0) }
        var instant = FaultedStream(transcript: chunks, offsets: long, fault: nil, shape: fast, seed: 1)
        var noWaits = StreamRunner(shape: fast, fault: nil, chunked: true, seed: 1)
        let start = ContinuousClock.now
        _ = try await noWaits.run(&instant, sink: TimedSink())
        #expect(ContinuousClock.now - start < .seconds(5))
        var doubled = StreamShape()
        doubled.speed = 2
        var scaled = FaultedStream(transcript: chunks, offsets: offsets, fault: nil, shape: doubled, seed: 1)
        var twice = StreamRunner(shape: doubled, fault: nil, chunked: true, seed: 1, origin: ContinuousClock.now)
        let scaledSink = TimedSink()
        let scaledStart = ContinuousClock.now
        _ = try await twice.run(&scaled, sink: scaledSink)
        #expect(try #require(scaledSink.times.last) - scaledStart >= .milliseconds(125) - .milliseconds(1))
    }

    @Test func everyEvent_isItsOwnChunk_andTheBodyEndsNormally() async throws {
        let (outcome, sink, runner) = try await Self.run(nil)
        #expect(outcome == .complete)
        #expect(sink.writes == Self.events.map { HTTPWire.chunk($0.bytes) })
        #expect(runner.eventsSent == Self.events.count)
        #expect(!runner.faultApplied)
    }

    @Test func withoutChunking_theBytesGoAsTheyAre() async throws {
        let (_, sink, _) = try await Self.run(nil, chunked: false)
        #expect(sink.writes == Self.events.map(\.bytes))
    }

    @Test func cutAfterEvents_withOrWithoutTheLastChunk() async throws {
        let (closing, sink, runner) = try await Self.run(.cut(afterEvents: 3, afterBytes: nil, terminator: false))
        #expect(closing == .close)
        #expect(sink.writes.count == 3)
        #expect(runner.faultApplied)
        let (clean, _, _) = try await Self.run(.cut(afterEvents: 3, afterBytes: nil, terminator: true))
        #expect(clean == .complete)
    }

    @Test func cutAfterBytes_stopsMidEvent() async throws {
        let (outcome, sink, _) = try await Self.run(.cut(afterEvents: nil, afterBytes: 40, terminator: false), chunked: false)
        #expect(outcome == .close)
        #expect(sink.writes.joined().count == 40)
        #expect(Array(sink.writes.joined()) == Array(Self.events.map(\.bytes).joined().prefix(40)))
    }

    @Test func reset_resetsTheSinkAfterNEvents() async throws {
        let (outcome, sink, _) = try await Self.run(.reset(afterEvents: 2))
        #expect(outcome == .reset)
        #expect(sink.wasReset)
        #expect(sink.writes.count == 2)
    }

    @Test func anOpenEndedStall_waitsForTheClient_thenCloses() async throws {
        let (outcome, sink, runner) = try await Self.run(.stall(afterEvents: 2, duration: nil))
        #expect(outcome == .close)
        #expect(sink.waitedForClient)
        #expect(sink.writes.count == 2)
        #expect(runner.faultApplied)
    }

    @Test func aTimedStall_pauses_thenTheStreamGoesOn() async throws {
        let (outcome, sink, runner) = try await Self.run(.stall(afterEvents: 2, duration: .milliseconds(1)))
        #expect(outcome == .complete)
        #expect(!sink.waitedForClient)
        #expect(sink.writes.count == Self.events.count)
        #expect(runner.faultApplied)
    }

    @Test func midStreamError_endsTheBodyNormally_afterTheErrorEvent() async throws {
        let (outcome, sink, runner) = try await Self.run(.midStreamError(afterEvents: 3, type: .overloaded, message: "busy"))
        #expect(outcome == .complete)
        #expect(sink.writes.count == 4)
        #expect(sink.text.hasSuffix("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"busy\"}}\n\n\r\n"))
        // The fault is the transform's: the runner saw only pieces.
        #expect(!runner.faultApplied)
    }

    @Test func badChunkSize_promisesSixteenMoreBytes_thenCloses() async throws {
        let (outcome, sink, _) = try await Self.run(.malformed(.badChunkSize, atEvent: 1))
        #expect(outcome == .close)
        let ping = Self.events[1].bytes
        #expect(sink.writes.last == Array(String(ping.count + 16, radix: 16).utf8) + [0x0D, 0x0A] + ping)
    }

    @Test func garbage_isWrittenWithoutChunkFraming_thenCloses() async throws {
        let (outcome, sink, _) = try await Self.run(.malformed(.garbage, atEvent: 1))
        #expect(outcome == .close)
        #expect(sink.writes.count == 2)
        #expect(sink.writes.last?.count == 64)
    }

    @Test func eventsPerWrite_groupsPieces() async throws {
        var shape = StreamShape()
        shape.eventsPerWrite = 4
        let (_, sink, _) = try await Self.run(nil, shape: shape, chunked: false)
        #expect(sink.writes.count == 2)
        #expect(Array(sink.writes.joined()) == Array(Self.events.map(\.bytes).joined()))
    }
}
