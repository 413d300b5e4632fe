import MessagesAPI
import Testing

/// The Fireworks event sequence, byte for byte.
@Suite struct StreamEncoderTests {
    @Test func wholeStream_exactBytes() {
        let message = Streams.message([.text("Hello there")], usage: Usage(inputTokens: 6, outputTokens: 4))
        let expected =
            "event: message_start\ndata: " + Streams.startJSON + "\n\n"
            + "event: ping\ndata: {\"type\":\"ping\"}\n\n"
            + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
            + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello th\"}}\n\n"
            + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"ere\"}}\n\n"
            + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
            + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"input_tokens\":6,\"output_tokens\":4,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0}}\n\n"
            + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"
        #expect(Streams.wire(StreamEncoder().events(for: message)) == expected)
    }

    @Test func eventNames_inOrder() {
        let names = StreamEncoder().events(for: Streams.message([.text("Hello there")])).map(\.name)
        #expect(
            names == [
                "message_start", "ping", "content_block_start", "content_block_delta", "content_block_delta",
                "content_block_stop", "message_delta", "message_stop",
            ])
    }

    @Test func messageStart_hasZeroUsageAndTheThreeNullFields_whateverTheRealCounts() {
        let message = Streams.message(
            [.text("x")], usage: Usage(inputTokens: 91, outputTokens: 16, cacheCreationInputTokens: 3, cacheReadInputTokens: 4))
        let start = Array(StreamEncoder().events(for: message)).first
        #expect(start?.name == "message_start")
        #expect(start?.dataText == Streams.startJSON)
    }

    @Test func messageStart_nullsTheStopFields() {
        let message = Streams.message([.text("x")], stopReason: .stopSequence, stopSequence: "END")
        let start = Array(StreamEncoder().events(for: message))[0].dataText
        #expect(start.contains(#""content":[],"stop_reason":null,"stop_sequence":null,"#))
    }

    @Test func pingIsSecond() {
        let events = Array(StreamEncoder().events(for: Streams.message([.text("x")])))
        #expect(events[1] == StreamEncoder.ping)
        #expect(events.filter { $0.name == "ping" }.count == 1)
    }

    @Test func exactlyOneMessageDelta_withTheFourRealCounters_lastBeforeMessageStop() {
        let message = Streams.message(
            [.text("a"), .text("b")], usage: Usage(inputTokens: 91, outputTokens: 16, cacheCreationInputTokens: 3, cacheReadInputTokens: 4))
        let events = Array(StreamEncoder().events(for: message))
        let deltas = events.filter { $0.name == "message_delta" }
        #expect(deltas.count == 1)
        #expect(events[events.count - 2].name == "message_delta")
        #expect(
            deltas.first?.dataText
                == #"{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":91,"output_tokens":16,"cache_creation_input_tokens":3,"cache_read_input_tokens":4}}"#)
    }

    @Test func messageStopIsLast() {
        let events = Array(StreamEncoder().events(for: Streams.message([.text("x")])))
        #expect(events.last == StreamEncoder.messageStop)
        #expect(events.last?.dataText == #"{"type":"message_stop"}"#)
    }

    @Test(arguments: StopReason.allCases)
    func stopReason_isInTheMessageDelta(reason: StopReason) {
        let delta = StreamEncoder().events(for: Streams.message([.text("x")], stopReason: reason)).first { $0.name == "message_delta" }
        #expect(delta?.dataText.hasPrefix(#"{"type":"message_delta","delta":{"stop_reason":"\#(reason.rawValue)","stop_sequence":null},"#) == true)
    }

    @Test func stopSequence_isInTheMessageDelta() {
        let delta = StreamEncoder().events(for: Streams.message([.text("x")], stopReason: .stopSequence, stopSequence: "E\"ND"))
            .first { $0.name == "message_delta" }
        #expect(delta?.dataText.hasPrefix(#"{"type":"message_delta","delta":{"stop_reason":"stop_sequence","stop_sequence":"E\"ND"},"usage":"#) == true)
    }

    @Test func defaultDeltaSize_isEightCharacters() throws {
        #expect(StreamEncoder().textChunking == .characters(8))
        #expect(StreamEncoder().jsonPieceSize == 16)
        let events = StreamEncoder().events(for: Streams.message([.text("abcdefghijklmnopqrst")]))
        #expect(try Streams.deltas(events) == ["text_delta:abcdefgh", "text_delta:ijklmnop", "text_delta:qrst"])
    }

    @Test(arguments: [1, 3, 5, 100])
    func characterDeltaSizes(size: Int) throws {
        let text = "The quick brown fox 😀 jumps"
        let events = StreamEncoder(textChunking: .characters(size)).events(for: Streams.message([.text(text)]))
        let pieces = try Streams.deltas(events).map { String($0.dropFirst("text_delta:".count)) }
        #expect(pieces.joined() == text)
        #expect(pieces.dropLast().allSatisfy { $0.count == size })
        #expect(pieces.count == (text.count + size - 1) / size)
    }

    @Test func tokenDeltas() throws {
        let events = StreamEncoder(textChunking: .tokens(2)).events(for: Streams.message([.text("one two three")]))
        #expect(try Streams.deltas(events) == ["text_delta:one two", "text_delta: three"])
    }

    @Test func textIsEscapedInsideTheDelta() {
        let events = StreamEncoder().events(for: Streams.message([.text("a\"b\nc")]))
        let delta = events.first { $0.name == "content_block_delta" }
        #expect(delta?.dataText == #"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a\"b\nc"}}"#)
    }

    @Test func emptyText_hasNoDeltas() {
        let names = StreamEncoder().events(for: Streams.message([.text("")])).map(\.name)
        #expect(names == ["message_start", "ping", "content_block_start", "content_block_stop", "message_delta", "message_stop"])
    }

    @Test func noContent_goesStraightToTheMessageDelta() {
        let names = StreamEncoder().events(for: Streams.message([])).map(\.name)
        #expect(names == ["message_start", "ping", "message_delta", "message_stop"])
    }

    @Test func rawOutput_travelsInTheMessageDelta() {
        let raw = RawOutput(promptFragments: ["<|user|>\n", "Hi\n"], promptTokenIDs: [1, 2], completion: "Hi")
        let events = Array(StreamEncoder().events(for: Streams.message([.text("Hi")], rawOutput: raw)))
        #expect(
            events.first { $0.name == "message_delta" }?.dataText
                == #"{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":6,"output_tokens":4,"cache_creation_input_tokens":0,"cache_read_input_tokens":0},"raw_output":{"prompt_fragments":["<|user|>\n","Hi\n"],"prompt_token_ids":[1,2],"completion":"Hi","completion_token_ids":null,"images":null,"grammar":null}}"#)
        // Not in message_start.
        #expect(!events[0].dataText.contains("raw_output"))
    }

    @Test func iteratingTwice_givesTheSameEvents() {
        let events = StreamEncoder().events(for: Streams.message([.text("Hello there, twice")]))
        #expect(Array(events) == Array(events))
    }

    @Test func iterator_staysDoneAfterTheEnd() {
        var iterator = StreamEncoder().events(for: Streams.message([.text("x")])).makeIterator()
        var count = 0
        while iterator.next() != nil { count += 1 }
        #expect(count == 7)
        #expect(iterator.next() == nil)
        #expect(iterator.next() == nil)
    }
}
