import MessagesAPI
import Testing

@Suite struct PythonReprTests {
    @Test(arguments: [
        ("true", "True"), ("false", "False"), ("null", "None"), ("12", "12"), ("1.5", "1.5"), ("1e30", "1e+30"),
        (#""system""#, "'system'"), (#""it's""#, #""it's""#), (#""a'b\"c""#, #"'a\'b"c'"#), (#""x\ny""#, #"'x\ny'"#),
        (#"[1, "a", [true]]"#, "[1, 'a', [True]]"), (#"{"k": 1}"#, "{'k': 1}"),
    ])
    func rendersLikePython(json: String, repr: String) throws {
        #expect(PythonRepr.render(try JSONParser.parse(json)) == repr)
    }

    @Test func longValuesAreCut() throws {
        let value = JSONValue.string(String(repeating: "a", count: 500))
        let rendered = PythonRepr.render(value)
        #expect(rendered.count == 203)
        #expect(rendered.hasSuffix("..."))
    }
}
