import MessagesAPI
import MockEngine
import Testing

/// The event-level faults as a pure transformation of a stream's events: what each one sends in place of the
/// events, where, and how the body then ends, with no socket.
@Suite struct FaultedStreamTests {
    /// message_start, ping, content_block_start, two deltas, content_block_stop, message_delta, message_stop.
    static let events: [ServerSentEvent] = {
        let message = ResponseMessage(id: "m", model: "m", content: [.text("0123456789abcdef")], stopReason: .endTurn, usage: .zero)
        return Array(StreamEncoder(textChunking: .characters(8)).events(for: message))
    }()

    static var names: [String] { self.events.map(\.name) }

    struct Result {
        var pieces: [FaultedStream.Piece]
        var end: FaultedStream.End
        var applied: Bool

        var names: [String] { self.pieces.map { SSEFramingProbe.name($0.bytes) } }
    }

    static func run(_ fault: Fault?, shape: StreamShape = StreamShape(), seed: UInt64 = 7) -> Result {
        var stream = FaultedStream(self.events, fault: fault, shape: shape, seed: seed)
        var pieces: [FaultedStream.Piece] = []
        while let piece = stream.next() { pieces.append(piece) }
        return Result(pieces: pieces, end: stream.end, applied: stream.faultApplied)
    }

    @Test func withoutAFault_theEventsPassUnchanged() {
        let result = Self.run(nil)
        #expect(result.pieces.map(\.bytes) == Self.events.map(\.bytes))
        #expect(result.end == .complete)
        #expect(!result.applied)
        #expect(result.pieces.allSatisfy { $0.framing == .chunk })
        #expect(result.pieces.map(\.isContent) == Self.names.map { $0.hasPrefix("content_block") })
    }

    @Test func transportFaults_leaveTheEventsAlone() {
        for fault in [Fault.cut(afterEvents: 2, afterBytes: nil, terminator: false), .reset(afterEvents: 1), .stall(afterEvents: 3, duration: nil)] {
            let result = Self.run(fault)
            #expect(result.pieces.map(\.bytes) == Self.events.map(\.bytes))
            #expect(!result.applied, "\(fault)")
        }
    }

    @Test func midStreamError_takesThePlaceOfEventNAndEndsTheBody() throws {
        let result = Self.run(.midStreamError(afterEvents: 3, type: .overloaded, message: "busy"))
        #expect(result.names == Array(Self.names.prefix(3)) + ["error"])
        let data = try #require(SSEFramingProbe.data(result.pieces[3].bytes))
        #expect(data == #"{"type":"error","error":{"type":"overloaded_error","message":"busy"}}"#)
        #expect(result.end == .complete)
        #expect(result.applied)
    }

    @Test func midStreamError_pastTheLastEvent_doesNotApply() {
        let result = Self.run(.midStreamError(afterEvents: Self.events.count, type: .api, message: "late"))
        #expect(result.names == Self.names)
        #expect(!result.applied)
    }

    @Test func missingMessageDelta_dropsIt() {
        let result = Self.run(.missingMessageDelta)
        #expect(result.names == Self.names.filter { $0 != "message_delta" })
        #expect(result.applied)
    }

    @Test func duplicateMessageDelta_sendsItTwice() {
        let result = Self.run(.duplicateMessageDelta)
        let delta = Self.names.firstIndex(of: "message_delta")!
        var expected = Self.names
        expected.insert("message_delta", at: delta)
        #expect(result.names == expected)
        #expect(result.pieces[delta].bytes == result.pieces[delta + 1].bytes)
        #expect(result.applied)
    }

    @Test func unknownIndex_followsTheFirstDeltaOnly() throws {
        let result = Self.run(.unknownIndex)
        #expect(result.names.filter { $0 == "content_block_delta" }.count == 3)
        let firstDelta = Self.names.firstIndex(of: "content_block_delta")!
        let injected = try #require(SSEFramingProbe.data(result.pieces[firstDelta + 1].bytes))
        #expect(injected.contains(#""index":99"#))
        #expect(result.pieces[firstDelta + 1].isContent)
        #expect(result.applied)
    }

    @Test func unknownEvents_followPing_andCountAsPieces() {
        var shape = StreamShape()
        shape.unknownEvents = true
        // Position 2 is now the unknown event, so a mid-stream error there comes after it.
        let result = Self.run(.midStreamError(afterEvents: 3, type: .api, message: "x"), shape: shape)
        #expect(result.names == ["message_start", "ping", "mock_unknown", "error"])
    }

    @Test func invalidJSON_cutsTheDataOfEventN() throws {
        let result = Self.run(.malformed(.invalidJSON, atEvent: 2))
        let original = Self.events[2]
        let data = try #require(SSEFramingProbe.data(result.pieces[2].bytes))
        #expect(data == String(decoding: original.data.prefix(original.data.count / 2), as: UTF8.self))
        #expect(result.pieces.count == Self.events.count)
        #expect(result.end == .complete)
        #expect(result.applied)
    }

    @Test func missingBlankLine_dropsTheLastNewline_LFOrCRLF() {
        let plain = Self.run(.malformed(.missingBlankLine, atEvent: 1))
        #expect(plain.pieces[1].bytes == Array(Self.events[1].bytes.dropLast()))
        var shape = StreamShape()
        shape.crlf = true
        let crlf = Self.run(.malformed(.missingBlankLine, atEvent: 1), shape: shape)
        #expect(crlf.pieces[1].bytes == Array(SSEFraming.bytes(Self.events[1], shape: shape).dropLast(2)))
    }

    @Test func badChunkSize_marksEventN_andTheConnectionCloses() {
        let result = Self.run(.malformed(.badChunkSize, atEvent: 4))
        #expect(result.pieces.count == 5)
        #expect(result.pieces[4].framing == .oversizedChunk)
        #expect(result.pieces[4].bytes == Self.events[4].bytes)
        #expect(result.end == .close)
    }

    @Test func garbage_replacesEventN_sameForTheSameSeed() {
        let one = Self.run(.malformed(.garbage, atEvent: 2), seed: 11)
        let again = Self.run(.malformed(.garbage, atEvent: 2), seed: 11)
        let other = Self.run(.malformed(.garbage, atEvent: 2), seed: 12)
        #expect(one.pieces.count == 3)
        #expect(one.pieces[2].framing == .bare)
        #expect(one.pieces[2].bytes.count == 64)
        #expect(one.pieces[2].bytes == again.pieces[2].bytes)
        #expect(one.pieces[2].bytes != other.pieces[2].bytes)
        #expect(one.end == .close)
    }

    @Test func framingOptions_applyToEveryPiece() {
        var shape = StreamShape()
        shape.crlf = true
        shape.comments = true
        let result = Self.run(nil, shape: shape)
        #expect(result.pieces.map(\.bytes) == Self.events.map { SSEFraming.bytes($0, shape: shape) })
    }

    @Test func aPlannedMessagesEvents_areReadLazily_andGiveTheSamePieces() {
        let message = ResponseMessage(id: "m", model: "m", content: [.text("0123456789abcdef")], stopReason: .endTurn, usage: .zero)
        var stream = FaultedStream(
            StreamEncoder(textChunking: .characters(8)).events(for: message), fault: .duplicateMessageDelta, shape: StreamShape(), seed: 1)
        var pieces: [[UInt8]] = []
        while let piece = stream.next() { pieces.append(piece.bytes) }
        #expect(pieces == Self.run(.duplicateMessageDelta).pieces.map(\.bytes))
    }

    @Test func transcripts_takeTheEventFaultsByTheirEventLines() throws {
        let transcript = Self.events.map(\.bytes)
        func run(_ fault: Fault) -> Result {
            var stream = FaultedStream(transcript: transcript, fault: fault, shape: StreamShape(), seed: 3)
            var pieces: [FaultedStream.Piece] = []
            while let piece = stream.next() { pieces.append(piece) }
            return Result(pieces: pieces, end: stream.end, applied: stream.faultApplied)
        }
        #expect(run(.missingMessageDelta).names == Self.names.filter { $0 != "message_delta" })
        #expect(run(.midStreamError(afterEvents: 2, type: .api, message: "m")).names == ["message_start", "ping", "error"])
        let broken = run(.malformed(.invalidJSON, atEvent: 0))
        let data = try #require(SSEFramingProbe.data(broken.pieces[0].bytes))
        #expect(data == String(decoding: Self.events[0].data.prefix(Self.events[0].data.count / 2), as: UTF8.self))
        #expect(broken.pieces[0].bytes.suffix(2) == [0x0A, 0x0A])
        // A piece without an event line counts as content from the third piece on, as before names were read.
        var bare = FaultedStream(transcript: [Array("data: 1\n\n".utf8), Array("data: 2\n\n".utf8), Array("data: 3\n\n".utf8)], fault: nil, shape: StreamShape(), seed: 0)
        var content: [Bool] = []
        while let piece = bare.next() { content.append(piece.isContent) }
        #expect(content == [false, false, true])
    }
}

/// Reads back what a piece holds.
enum SSEFramingProbe {
    static func name(_ bytes: [UInt8]) -> String {
        self.value(after: "event: ", in: bytes) ?? ""
    }

    static func data(_ bytes: [UInt8]) -> String? {
        self.value(after: "data: ", in: bytes)
    }

    private static func value(after prefix: String, in bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) where line.hasPrefix(prefix) {
            let value = line.dropFirst(prefix.count)
            return String(value.last == "\r" ? value.dropLast() : value)
        }
        return nil
    }
}
