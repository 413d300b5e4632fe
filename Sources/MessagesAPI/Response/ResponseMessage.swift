/// The assistant message the mock answers with, before it is encoded as one JSON body or as a stream.
public struct ResponseMessage: Sendable, Equatable {
    public var id: String
    public var model: String
    public var content: [OutputBlock]
    public var stopReason: StopReason
    public var stopSequence: String?
    public var usage: Usage
    /// Fireworks' `raw_output` extension, present when the request asked for it.
    public var rawOutput: RawOutput?

    public init(
        id: String,
        model: String,
        content: [OutputBlock],
        stopReason: StopReason,
        stopSequence: String? = nil,
        usage: Usage,
        rawOutput: RawOutput? = nil
    ) {
        self.id = id
        self.model = model
        self.content = content
        self.stopReason = stopReason
        self.stopSequence = stopSequence
        self.usage = usage
        self.rawOutput = rawOutput
    }
}

/// Why the model stopped.
public enum StopReason: String, Sendable, CaseIterable {
    case endTurn = "end_turn"
    case maxTokens = "max_tokens"
    case stopSequence = "stop_sequence"
    case toolUse = "tool_use"
    case pauseTurn = "pause_turn"
    case refusal = "refusal"
}


extension ResponseMessage {
    /// The non-streaming body, keys in the order Fireworks writes them.
    public func encodedBody() -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: 320)
        self.write(to: &writer, streamingStart: false)
        return writer.bytes
    }

    /// Writes the message object. For `message_start` the content is empty, the stop fields are null and the
    /// usage is all zeros, as Fireworks sends it.
    func write(to writer: inout JSONWriter, streamingStart: Bool) {
        writer.beginObject()
        writer.key("id")
        writer.string(self.id)
        writer.key("type")
        writer.string("message")
        writer.key("role")
        writer.string("assistant")
        writer.key("model")
        writer.string(self.model)
        writer.key("content")
        writer.beginArray()
        if !streamingStart {
            for block in self.content { block.write(to: &writer) }
        }
        writer.endArray()
        writer.key("stop_reason")
        if streamingStart { writer.null() } else { writer.string(self.stopReason.rawValue) }
        writer.key("stop_sequence")
        if !streamingStart, let stopSequence = self.stopSequence { writer.string(stopSequence) } else { writer.null() }
        writer.key("usage")
        (streamingStart ? Usage.zero : self.usage).write(to: &writer, withNullFields: true)
        if !streamingStart, let rawOutput = self.rawOutput {
            writer.key("raw_output")
            rawOutput.write(to: &writer)
        }
        writer.endObject()
    }
}

