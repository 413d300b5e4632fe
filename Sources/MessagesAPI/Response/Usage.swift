/// Token counts of one reply. Encoded with all four counters plus the three null fields Fireworks sends.
public struct Usage: Sendable, Equatable {
    public var inputTokens: Int
    public var outputTokens: Int
    public var cacheCreationInputTokens: Int
    public var cacheReadInputTokens: Int

    public init(inputTokens: Int, outputTokens: Int, cacheCreationInputTokens: Int = 0, cacheReadInputTokens: Int = 0) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.cacheCreationInputTokens = cacheCreationInputTokens
        self.cacheReadInputTokens = cacheReadInputTokens
    }

    public static let zero = Usage(inputTokens: 0, outputTokens: 0)

    /// The `usage` object of a message (and of `message_start`): four counters, then
    /// `cache_creation`, `service_tier` and `inference_geo` as null.
    public func write(to writer: inout JSONWriter, withNullFields: Bool) {
        writer.beginObject()
        writer.key("input_tokens")
        writer.int(self.inputTokens)
        writer.key("output_tokens")
        writer.int(self.outputTokens)
        writer.key("cache_creation_input_tokens")
        writer.int(self.cacheCreationInputTokens)
        writer.key("cache_read_input_tokens")
        writer.int(self.cacheReadInputTokens)
        if withNullFields {
            for key in ["cache_creation", "service_tier", "inference_geo"] {
                writer.key(key)
                writer.null()
            }
        }
        writer.endObject()
    }
}
