import MessagesAPI

/// Turns an event into bytes the way a stream shape asks: LF or CRLF, comment lines, JSON spread over
/// several `data:` lines.
public enum SSEFraming {
    public static func bytes(_ event: ServerSentEvent, shape: StreamShape) -> [UInt8] {
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

    /// The event `unknown-events` adds after each `ping`; clients must ignore it.
    static let unknownEvent = ServerSentEvent(name: "mock_unknown", data: Array(#"{"type":"mock_unknown"}"#.utf8))

    /// A delta for a block that was never started (`unknown-index`).
    static let unknownIndexDelta = ServerSentEvent(
        name: "content_block_delta",
        data: Array(#"{"type":"content_block_delta","index":99,"delta":{"type":"text_delta","text":"?"}}"#.utf8))

    /// The `event: error` of a mid-stream error.
    static func error(type: APIErrorType, message: String) -> ServerSentEvent {
        ServerSentEvent(name: "error", data: APIError(type: type, message: message).eventData)
    }

    /// The name on a framed event's `event:` line, if it has one (a transcript's pieces are already framed).
    static func eventName(in bytes: [UInt8]) -> String? {
        guard let line = self.line(startingWith: Self.eventPrefix, in: bytes) else { return nil }
        return String(decoding: bytes[line], as: UTF8.self)
    }

    /// The same framed event with the JSON of its first `data:` line cut in half (`malformed=invalid-json`).
    static func halvingData(of bytes: [UInt8]) -> [UInt8]? {
        guard let value = self.line(startingWith: Self.dataPrefix, in: bytes), value.count > 1 else { return nil }
        return Array(bytes[..<(value.lowerBound + value.count / 2)]) + bytes[value.upperBound...]
    }

    /// The bytes after `prefix` up to the end of the first line that starts with it (CR excluded).
    private static func line(startingWith prefix: [UInt8], in bytes: [UInt8]) -> Range<Int>? {
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            if bytes[start..<end].starts(with: prefix) {
                var valueEnd = end
                if valueEnd > start + prefix.count, bytes[valueEnd - 1] == 0x0D { valueEnd -= 1 }
                return (start + prefix.count)..<valueEnd
            }
            start = end + 1
        }
        return nil
    }

    private static let eventPrefix = Array("event: ".utf8)
    private static let dataPrefix = Array("data: ".utf8)
}
