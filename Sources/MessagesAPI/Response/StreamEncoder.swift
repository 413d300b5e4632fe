/// Turns a reply into the event sequence Fireworks streams: `message_start` (zero usage, null fields),
/// `ping`, then per block `content_block_start`, its deltas and `content_block_stop`, then exactly one
/// `message_delta` with the real counts, then `message_stop`.
public struct StreamEncoder: Sendable {
    /// How text is cut into `text_delta` events.
    public var textChunking: TextChunking
    /// Characters of tool input JSON per `input_json_delta`.
    public var jsonPieceSize: Int

    public init(textChunking: TextChunking = .characters(8), jsonPieceSize: Int = 16) {
        self.textChunking = textChunking
        self.jsonPieceSize = jsonPieceSize
    }

    /// The events of `message`, made one at a time as they are consumed, so a long stream costs neither
    /// memory nor a long stretch of CPU before its first byte.
    public func events(for message: ResponseMessage) -> StreamEvents {
        StreamEvents(message: message, encoder: self)
    }

    public static let ping = ServerSentEvent(name: "ping", data: Array(#"{"type":"ping"}"#.utf8))
    public static let messageStop = ServerSentEvent(name: "message_stop", data: Array(#"{"type":"message_stop"}"#.utf8))

    func contentBlockStart(_ block: OutputBlock, index: Int) -> ServerSentEvent {
        Self.event("content_block_start", index: index) { writer in
            writer.key("content_block")
            block.writeStart(to: &writer)
        }
    }

    static func contentBlockStop(index: Int) -> ServerSentEvent {
        self.event("content_block_stop", index: index) { _ in }
    }

    func messageStart(_ message: ResponseMessage) -> ServerSentEvent {
        var writer = JSONWriter(reservingCapacity: 320)
        writer.beginObject()
        writer.key("type")
        writer.string("message_start")
        writer.key("message")
        message.write(to: &writer, streamingStart: true)
        writer.endObject()
        return ServerSentEvent(name: "message_start", data: writer.bytes)
    }

    func messageDelta(_ message: ResponseMessage) -> ServerSentEvent {
        var writer = JSONWriter(reservingCapacity: 200)
        writer.beginObject()
        writer.key("type")
        writer.string("message_delta")
        writer.key("delta")
        writer.beginObject()
        writer.key("stop_reason")
        writer.string(message.stopReason.rawValue)
        writer.key("stop_sequence")
        if let s = message.stopSequence { writer.string(s) } else { writer.null() }
        writer.endObject()
        writer.key("usage")
        message.usage.write(to: &writer, withNullFields: false)
        // Where Fireworks puts raw_output in a stream is not documented; the completion is only known at the
        // end, so it travels with the final counts.
        if let rawOutput = message.rawOutput {
            writer.key("raw_output")
            rawOutput.write(to: &writer)
        }
        writer.endObject()
        return ServerSentEvent(name: "message_delta", data: writer.bytes)
    }

    /// `{"type":"<name>","index":N, …}` with the rest written by `body`.
    static func event(_ name: String, index: Int, body: (inout JSONWriter) -> Void) -> ServerSentEvent {
        var writer = JSONWriter(reservingCapacity: 96)
        writer.beginObject()
        writer.key("type")
        writer.string(name)
        writer.key("index")
        writer.int(index)
        body(&writer)
        writer.endObject()
        return ServerSentEvent(name: name, data: writer.bytes)
    }

    static func delta(index: Int, type: String, field: String, value: String) -> ServerSentEvent {
        self.event("content_block_delta", index: index) { writer in
            writer.key("delta")
            writer.beginObject()
            writer.key("type")
            writer.string(type)
            writer.key(field)
            writer.string(value)
            writer.endObject()
        }
    }
}
