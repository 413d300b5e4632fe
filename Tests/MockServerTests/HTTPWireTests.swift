import MockServer
import Testing

@Suite struct HTTPWireTests {
    @Test func head_writesStatusLineHeadersAndBlankLine() {
        let bytes = HTTPWire.head(status: 404, headers: [("a", "1"), ("b", "two")], version: .http11)
        #expect(String(decoding: bytes, as: UTF8.self) == "HTTP/1.1 404 Not Found\r\na: 1\r\nb: two\r\n\r\n")
    }

    @Test func head_usesTheRequestVersion() {
        let bytes = HTTPWire.head(status: 200, headers: [], version: .http10)
        #expect(String(decoding: bytes, as: UTF8.self) == "HTTP/1.0 200 OK\r\n\r\n")
    }

    @Test func chunk_framesPayloadWithHexSize() {
        let payload = Array(repeating: UInt8(ascii: "x"), count: 26)
        #expect(String(decoding: HTTPWire.chunk(payload), as: UTF8.self) == "1a\r\n" + String(repeating: "x", count: 26) + "\r\n")
        #expect(String(decoding: HTTPWire.lastChunk, as: UTF8.self) == "0\r\n\r\n")
    }

    @Test func reasonPhrase_coversAnthropicStatuses() {
        #expect(HTTPWire.reasonPhrase(529) == "Site Overloaded")
        #expect(HTTPWire.reasonPhrase(413) == "Payload Too Large")
        #expect(HTTPWire.reasonPhrase(599) == "Status 599")
    }
}
