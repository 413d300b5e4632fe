import MessagesAPI
import MockEngine

/// Turns an event into bytes the way a stream shape asks: LF or CRLF, comment lines, JSON spread over
/// several `data:` lines.
enum SSEFraming {
    static func bytes(_ event: ServerSentEvent, shape: StreamShape) -> [UInt8] {
        guard shape.crlf || shape.comments || shape.multilineData else { return event.bytes }
        let newline: [UInt8] = shape.crlf ? [0x0D, 0x0A] : [0x0A]
        var out: [UInt8] = []
        if shape.comments { out += Array(": keep-alive".utf8) + newline }
        out += Array("event: \(event.name)".utf8) + newline
        if shape.multilineData, let cut = self.firstTopLevelComma(event.data) {
            // A line break after a comma is JSON white space, so the joined lines still parse.
            out += Array("data: ".utf8) + event.data[...cut] + newline
            out += Array("data: ".utf8) + event.data[(cut + 1)...] + newline
        } else {
            out += Array("data: ".utf8) + event.data + newline
        }
        return out + newline
    }

    /// The first comma outside a string, if any.
    static func firstTopLevelComma(_ json: [UInt8]) -> Int? {
        var inString = false
        var escaped = false
        for (i, c) in json.enumerated() {
            if escaped {
                escaped = false
            } else if c == UInt8(ascii: "\\") {
                escaped = inString
            } else if c == UInt8(ascii: "\"") {
                inString.toggle()
            } else if c == UInt8(ascii: ","), !inString {
                return i
            }
        }
        return nil
    }

    static let unknownEvent = ServerSentEvent(name: "mock_unknown", data: Array(#"{"type":"mock_unknown"}"#.utf8))

    static func unknownIndexDelta() -> ServerSentEvent {
        ServerSentEvent(
            name: "content_block_delta",
            data: Array(#"{"type":"content_block_delta","index":99,"delta":{"type":"text_delta","text":"?"}}"#.utf8))
    }

    static func error(type: APIErrorType, message: String) -> ServerSentEvent {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("type")
        writer.string("error")
        writer.key("error")
        writer.beginObject()
        writer.key("type")
        writer.string(type.rawValue)
        writer.key("message")
        writer.string(message)
        writer.endObject()
        writer.endObject()
        return ServerSentEvent(name: "error", data: writer.bytes)
    }
}
