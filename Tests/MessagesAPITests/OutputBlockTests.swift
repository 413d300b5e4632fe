import MessagesAPI
import Testing

@Suite struct OutputBlockTests {
    @Test func toolInputText_isCompactJSONOrThePartialText() throws {
        let input = try Wire.json(#"{ "q" : "a b", "n" : 1.0 }"#)
        #expect(OutputBlock.toolUse(id: "t", name: "n", input: input).toolInputText == #"{"q":"a b","n":1.0}"#)
        #expect(OutputBlock.toolUse(id: "t", name: "n", input: input, partialJSON: #"{"q": "a"#).toolInputText == #"{"q": "a"#)
        #expect(OutputBlock.toolUse(id: "t", name: "n", input: input, partialJSON: "").toolInputText == "")
        #expect(OutputBlock.text("x").toolInputText == nil)
        #expect(OutputBlock.thinking(thinking: "x", signature: "s").toolInputText == nil)
    }

    @Test func tokenCounts() throws {
        #expect(OutputBlock.text("Say hello").tokenCount == 3)
        #expect(OutputBlock.text("").tokenCount == 0)
        #expect(OutputBlock.thinking(thinking: "hello world", signature: "long signature text").tokenCount == 4)
        #expect(OutputBlock.redactedThinking(data: "lots of opaque data").tokenCount == 0)
        // Name "lookup" (2) + {"q":1} (5 symbols + q + 1).
        #expect(OutputBlock.toolUse(id: "toolu_1", name: "lookup", input: try Wire.json(#"{"q":1}"#)).tokenCount == 2 + 7)
        // A cut call counts the text it streamed.
        #expect(OutputBlock.toolUse(id: "t", name: "lookup", input: .object(JSONObject()), partialJSON: #"{"q"#).tokenCount == 2 + 3)
    }

    @Test func equality() {
        #expect(OutputBlock.text("a") == .text("a"))
        #expect(OutputBlock.text("a") != .text("b"))
        #expect(
            OutputBlock.toolUse(id: "t", name: "n", input: .null) != OutputBlock.toolUse(id: "t", name: "n", input: .null, partialJSON: "x"))
    }
}
