import MessagesAPI
import Testing

/// Values in validation messages are printed as Python's `repr` prints the decoded JSON. Every expected text
/// below is CPython's `repr(json.loads(...))`.
@Suite struct PythonReprTests {
    static func repr(_ json: String) throws -> String {
        PythonRepr.render(try JSONParser.parse(json))
    }

    @Test func constants() throws {
        #expect(try Self.repr("true") == "True")
        #expect(try Self.repr("false") == "False")
        #expect(try Self.repr("null") == "None")
    }

    @Test(arguments: [
        ("12", "12"), ("123456789012345678901234567890", "123456789012345678901234567890"),
        ("1.5", "1.5"), ("1e30", "1e+30"), ("1E2", "100.0"), ("2.50", "2.5"), ("-0.0", "-0.0"), ("0.1", "0.1"),
        ("1e16", "1e+16"), ("1e-5", "1e-05"), ("1234567890123456.0", "1234567890123456.0"), ("0.000123", "0.000123"),
        ("1e400", "inf"), ("-1e400", "-inf"), ("64.0", "64.0"), ("-3.25", "-3.25"),
    ])
    func numbers(json: String, expected: String) throws {
        #expect(try Self.repr(json) == expected)
    }

    @Test func negativeZeroInteger_isZero() throws {
        let rendered = try Self.repr("-0")
        #expect(rendered == "0")
    }

    @Test func quotes_singleUnlessTheTextHasOnlySingleQuotes() throws {
        #expect(try Self.repr(#""system""#) == "'system'")
        #expect(try Self.repr(#""it's""#) == #""it's""#)
        #expect(try Self.repr(#""say \"hi\"""#) == #"'say "hi"'"#)
        #expect(try Self.repr(#""a'b\"c""#) == #"'a\'b"c'"#)
        #expect(try Self.repr(#""""#) == "''")
    }

    @Test func escapes() throws {
        #expect(try Self.repr(#""x\ny""#) == #"'x\ny'"#)
        #expect(try Self.repr(#""\t\r\\""#) == #"'\t\r\\'"#)
        #expect(try Self.repr(#""\u0001\u001f\u007f""#) == #"'\x01\x1f\x7f'"#)
        #expect(try Self.repr(#""\u0000""#) == #"'\x00'"#)
    }

    @Test func printableUnicode_isKept() throws {
        #expect(try Self.repr(#""é中😀""#) == "'é中😀'")
    }

    @Test(arguments: [
        (#""\u00a0""#, #"'\xa0'"#), (#""\u0085""#, #"'\x85'"#), (#""\u200b""#, #"'\u200b'"#),
        (#""\u2028""#, #"'\u2028'"#),
    ])
    func nonPrintableUnicode_isEscaped(json: String, expected: String) throws {
        let rendered = try Self.repr(json)
        #expect(rendered == expected)
    }

    @Test func containers() throws {
        #expect(try Self.repr("[]") == "[]")
        #expect(try Self.repr("{}") == "{}")
        #expect(try Self.repr(#"[1, "a", [true]]"#) == "[1, 'a', [True]]")
        #expect(try Self.repr(#"{"k": 1}"#) == "{'k': 1}")
        #expect(try Self.repr(#"{"a": {"b": [null, false]}, "c": "d"}"#) == "{'a': {'b': [None, False]}, 'c': 'd'}")
        #expect(try Self.repr(#"[{"type":"direct"}]"#) == "[{'type': 'direct'}]")
        #expect(try Self.repr(#"{"it's": "x"}"#) == #"{"it's": 'x'}"#)
    }

    @Test func maximumLength_is200() {
        #expect(PythonRepr.maximumLength == 200)
    }

    @Test func exactly200Characters_isNotCut() {
        // 198 letters plus the two quotes.
        let rendered = PythonRepr.render(.string(String(repeating: "a", count: 198)))
        #expect(rendered.count == 200)
        #expect(rendered == "'" + String(repeating: "a", count: 198) + "'")
    }

    @Test func longerThan200_isCutTo200PlusEllipsis() {
        let rendered = PythonRepr.render(.string(String(repeating: "a", count: 199)))
        #expect(rendered == "'" + String(repeating: "a", count: 199) + "...")
        let huge = PythonRepr.render(.string(String(repeating: "b", count: 100_000)))
        #expect(huge == "'" + String(repeating: "b", count: 199) + "...")
    }

    @Test func longLists_areCutToo() {
        let list = JSONValue.array((0..<100).map { .number(JSONNumber($0)) })
        let full = "[" + (0..<100).map(String.init).joined(separator: ", ") + "]"
        #expect(PythonRepr.render(list) == String(full.prefix(200)) + "...")
    }

    @Test func cutCountsCharactersNotBytes() {
        let rendered = PythonRepr.render(.string(String(repeating: "é", count: 300)))
        #expect(rendered == "'" + String(repeating: "é", count: 199) + "...")
    }
}
