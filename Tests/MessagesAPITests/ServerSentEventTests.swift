import MessagesAPI
import Testing

@Suite struct ServerSentEventTests {
    @Test func bytes_areEventLineDataLineBlankLine() {
        let event = ServerSentEvent(name: "content_block_stop", data: Array(#"{"type":"content_block_stop","index":0}"#.utf8))
        #expect(Wire.text(event.bytes) == "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n")
        #expect(event.dataText == #"{"type":"content_block_stop","index":0}"#)
    }

    @Test func bytes_keepUTF8() {
        let event = ServerSentEvent(name: "x", data: Array("é😀".utf8))
        #expect(event.bytes == Array("event: x\ndata: é😀\n\n".utf8))
    }

    @Test func ping_andMessageStop() {
        #expect(Wire.text(StreamEncoder.ping.bytes) == "event: ping\ndata: {\"type\":\"ping\"}\n\n")
        #expect(Wire.text(StreamEncoder.messageStop.bytes) == "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n")
    }

    @Test func equality() {
        #expect(ServerSentEvent(name: "a", data: [1]) == ServerSentEvent(name: "a", data: [1]))
        #expect(ServerSentEvent(name: "a", data: [1]) != ServerSentEvent(name: "b", data: [1]))
        #expect(ServerSentEvent(name: "a", data: [1]) != ServerSentEvent(name: "a", data: [2]))
    }
}
