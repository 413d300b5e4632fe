import MessagesAPI
import Testing

@Suite struct UsageTests {
    static func written(_ usage: Usage, withNullFields: Bool) -> String {
        var writer = JSONWriter()
        usage.write(to: &writer, withNullFields: withNullFields)
        return writer.text
    }

    @Test func withNullFields_forMessagesAndMessageStart() {
        #expect(
            Self.written(Usage(inputTokens: 91, outputTokens: 16, cacheCreationInputTokens: 2, cacheReadInputTokens: 3), withNullFields: true)
                == #"{"input_tokens":91,"output_tokens":16,"cache_creation_input_tokens":2,"cache_read_input_tokens":3,"cache_creation":null,"service_tier":null,"inference_geo":null}"#)
    }

    @Test func withoutNullFields_forTheMessageDelta() {
        #expect(
            Self.written(Usage(inputTokens: 91, outputTokens: 16), withNullFields: false)
                == #"{"input_tokens":91,"output_tokens":16,"cache_creation_input_tokens":0,"cache_read_input_tokens":0}"#)
    }

    @Test func zero() {
        #expect(Usage.zero == Usage(inputTokens: 0, outputTokens: 0, cacheCreationInputTokens: 0, cacheReadInputTokens: 0))
        #expect(Usage(inputTokens: 1, outputTokens: 0) != .zero)
    }

    @Test func writesAsAMemberValue() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("usage")
        Usage.zero.write(to: &writer, withNullFields: false)
        writer.key("after")
        writer.int(1)
        writer.endObject()
        #expect(writer.text == #"{"usage":{"input_tokens":0,"output_tokens":0,"cache_creation_input_tokens":0,"cache_read_input_tokens":0},"after":1}"#)
    }
}
