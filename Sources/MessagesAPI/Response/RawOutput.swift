/// Fireworks' `raw_output` object: how the prompt was laid out, and the raw completion text. The layout the
/// mock reports is its own, documented in the README; it is not any model's real template.
public struct RawOutput: Sendable, Equatable {
    public var promptFragments: [String]
    public var promptTokenIDs: [Int]
    public var completion: String

    public init(promptFragments: [String], promptTokenIDs: [Int], completion: String) {
        self.promptFragments = promptFragments
        self.promptTokenIDs = promptTokenIDs
        self.completion = completion
    }

    /// `prompt_fragments`, `prompt_token_ids`, `completion`, then the optional fields as null.
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("prompt_fragments")
        writer.beginArray()
        for fragment in self.promptFragments { writer.string(fragment) }
        writer.endArray()
        writer.key("prompt_token_ids")
        writer.beginArray()
        for id in self.promptTokenIDs { writer.int(id) }
        writer.endArray()
        writer.key("completion")
        writer.string(self.completion)
        for key in ["completion_token_ids", "images", "grammar"] {
            writer.key(key)
            writer.null()
        }
        writer.endObject()
    }
}
