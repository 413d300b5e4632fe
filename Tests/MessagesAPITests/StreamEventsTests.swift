import MessagesAPI
import Testing

/// How each kind of block streams: its start event, its deltas, its stop event, and the indexes.
@Suite struct StreamEventsTests {
    @Test func thinkingBlock_deltasThenOneSignatureDelta() throws {
        let message = Streams.message([.thinking(thinking: "abcdefghij", signature: "SIG=")])
        let events = Array(StreamEncoder(textChunking: .characters(4)).events(for: message))
        #expect(
            events[2].dataText
                == #"{"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}"#)
        #expect(try Streams.deltas(events) == ["thinking_delta:abcd", "thinking_delta:efgh", "thinking_delta:ij", "signature_delta:SIG="])
        #expect(events[6].dataText == #"{"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"SIG="}}"#)
        #expect(events[7].name == "content_block_stop")
    }

    @Test func emptyThinking_stillSendsTheSignature() throws {
        let events = StreamEncoder().events(for: Streams.message([.thinking(thinking: "", signature: "S")]))
        #expect(try Streams.deltas(events) == ["signature_delta:S"])
    }

    @Test func toolUse_startsWithEmptyInput_thenAnEmptyDelta_thenSixteenCharacterPieces() throws {
        let input = try Wire.json(#"{"city":"San Francisco","unit":"c"}"#)
        let message = Streams.message([.toolUse(id: "toolu_1", name: "get_weather", input: input)], stopReason: .toolUse)
        let events = Array(StreamEncoder().events(for: message))
        #expect(
            events[2].dataText
                == #"{"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{}}}"#)
        #expect(events[3].dataText == #"{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":""}}"#)
        #expect(events[4].dataText == #"{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\"city\":\"San Fra"}}"#)
        #expect(
            try Streams.deltas(events) == [
                "input_json_delta:", #"input_json_delta:{"city":"San Fra"#, #"input_json_delta:ncisco","unit":""#, #"input_json_delta:c"}"#,
            ])
    }

    @Test func toolUse_jsonPieceSize() throws {
        let message = Streams.message([.toolUse(id: "t", name: "n", input: try Wire.json(#"{"a":1}"#))])
        let events = StreamEncoder(jsonPieceSize: 3).events(for: message)
        #expect(try Streams.deltas(events) == ["input_json_delta:", #"input_json_delta:{"a"#, #"input_json_delta:":1"#, "input_json_delta:}"])
    }

    @Test func toolUse_emptyInput() throws {
        let events = StreamEncoder().events(for: Streams.message([.toolUse(id: "t", name: "n", input: .object(JSONObject()))]))
        #expect(try Streams.deltas(events) == ["input_json_delta:", "input_json_delta:{}"])
    }

    @Test func toolUse_cutShort_streamsExactlyThePartialText() throws {
        let block = OutputBlock.toolUse(id: "t", name: "n", input: .object(JSONObject()), partialJSON: #"{"city": "San"#)
        let events = StreamEncoder().events(for: Streams.message([block], stopReason: .maxTokens))
        #expect(try Streams.deltas(events) == ["input_json_delta:", #"input_json_delta:{"city": "San"#])
    }

    @Test func redactedThinking_arrivesWholeInItsStartEvent() {
        let events = Array(StreamEncoder().events(for: Streams.message([.redactedThinking(data: "opaque==")])))
        #expect(events.map(\.name) == ["message_start", "ping", "content_block_start", "content_block_stop", "message_delta", "message_stop"])
        #expect(events[2].dataText == #"{"type":"content_block_start","index":0,"content_block":{"type":"redacted_thinking","data":"opaque=="}}"#)
    }

    @Test func textStart_hasNoCitations() {
        let events = Array(StreamEncoder().events(for: Streams.message([.text("x")])))
        #expect(events[2].dataText == #"{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#)
    }

    @Test func severalBlocks_areIndexedInOrder() throws {
        let message = Streams.message([
            .thinking(thinking: "t", signature: "s"), .redactedThinking(data: "r"), .text("hi"),
            .toolUse(id: "toolu_9", name: "f", input: .object(JSONObject())),
        ])
        let events = Array(StreamEncoder().events(for: message))
        let summary = try events.map { event -> String in
            let json = try JSONParser.parse(event.data)
            if let index = json["index"], case .number(let n) = index { return "\(event.name)#\(n.text)" }
            return event.name
        }
        #expect(
            summary == [
                "message_start", "ping",
                "content_block_start#0", "content_block_delta#0", "content_block_delta#0", "content_block_stop#0",
                "content_block_start#1", "content_block_stop#1",
                "content_block_start#2", "content_block_delta#2", "content_block_stop#2",
                "content_block_start#3", "content_block_delta#3", "content_block_delta#3", "content_block_stop#3",
                "message_delta", "message_stop",
            ])
        #expect(events[14].dataText == #"{"type":"content_block_stop","index":3}"#)
    }

    @Test func everyEventIsFramedWithAnEventLineADataLineAndABlankLine() {
        let message = Streams.message([.thinking(thinking: "t", signature: "s"), .text("line one\nline two")])
        for event in StreamEncoder().events(for: message) {
            let text = Wire.text(event.bytes)
            #expect(text == Streams.frame(event.name, event.dataText))
            // The JSON never carries a raw newline, so the data stays on one line.
            #expect(!event.dataText.contains("\n"))
        }
    }
}
