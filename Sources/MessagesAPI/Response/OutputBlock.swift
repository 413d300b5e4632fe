/// A content block of the reply.
public enum OutputBlock: Sendable, Equatable {
    case text(String)
    case thinking(thinking: String, signature: String)
    case redactedThinking(data: String)
    /// A tool call. `partialJSON` is set when the call was cut off (`max_tokens` inside the input): the
    /// stream then carries exactly that text, and the whole message carries `input` as given.
    case toolUse(id: String, name: String, input: JSONValue, partialJSON: String? = nil)

    /// The block as it appears whole in a non-streaming message.
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        switch self {
        case .text(let text):
            writer.key("type")
            writer.string("text")
            writer.key("text")
            writer.string(text)
            writer.key("citations")
            writer.null()
        case .thinking(let thinking, let signature):
            writer.key("type")
            writer.string("thinking")
            writer.key("thinking")
            writer.string(thinking)
            writer.key("signature")
            writer.string(signature)
        case .redactedThinking(let data):
            writer.key("type")
            writer.string("redacted_thinking")
            writer.key("data")
            writer.string(data)
        case .toolUse(let id, let name, let input, _):
            writer.key("type")
            writer.string("tool_use")
            writer.key("id")
            writer.string(id)
            writer.key("name")
            writer.string(name)
            writer.key("input")
            writer.value(input)
        }
        writer.endObject()
    }

    /// The block as `content_block_start` announces it: empty text (without `citations`, as Fireworks sends
    /// it), empty thinking and signature, a tool call with `input: {}`; redacted thinking arrives whole.
    func writeStart(to writer: inout JSONWriter) {
        switch self {
        case .text:
            writer.beginObject()
            writer.key("type")
            writer.string("text")
            writer.key("text")
            writer.string("")
            writer.endObject()
        case .thinking:
            OutputBlock.thinking(thinking: "", signature: "").write(to: &writer)
        case .redactedThinking:
            self.write(to: &writer)
        case .toolUse(let id, let name, _, _):
            OutputBlock.toolUse(id: id, name: name, input: .object(JSONObject())).write(to: &writer)
        }
    }

    /// The text a tool call's input streams as: the partial text when cut off, else the compact JSON.
    public var toolInputText: String? {
        guard case .toolUse(_, _, let input, let partial) = self else { return nil }
        return partial ?? String(decoding: JSONWriter.encode(input), as: UTF8.self)
    }

    /// Output tokens of the block: its text, its thinking, or its tool name and input JSON.
    public var tokenCount: Int {
        switch self {
        case .text(let text): return TokenCounter.count(text)
        case .thinking(let thinking, _): return TokenCounter.count(thinking)
        case .redactedThinking: return 0
        case .toolUse(_, let name, _, _): return TokenCounter.count(name) + TokenCounter.count(self.toolInputText ?? "")
        }
    }
}
