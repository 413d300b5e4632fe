import MessagesAPI
import Testing

@Suite struct JSONParserTests {
    static func failure(_ text: String) -> String? {
        do {
            _ = try JSONParser.parse(text)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func parsesEveryKindKeepingOrderAndNumberText() throws {
        let value = try JSONParser.parse(#" {"b": [1, 2.50, -3e2], "a": {"t": true, "f": false, "n": null}, "s": "x"} "#)
        let object = try #require(value.objectValue)
        #expect(object.keys == ["b", "a", "s"])
        #expect(value["b"]?.arrayValue?.compactMap { if case .number(let n) = $0 { return n.text } else { return nil } } == ["1", "2.50", "-3e2"])
        #expect(value["a"]?["t"] == .bool(true))
        #expect(value["a"]?["n"] == .null)
        #expect(value["s"] == .string("x"))
    }

    @Test func escapes_includingSurrogatePairs() throws {
        let value = try JSONParser.parse(#""a\"b\\c\/d\n\t\r\b\f\u00e9\ud83d\ude00""#)
        #expect(value == .string("a\"b\\c/d\n\t\r\u{8}\u{C}é😀"))
        #expect(try JSONParser.parse(#""\ud800x""#) == .string("\u{FFFD}x"))
    }

    @Test func duplicateKeys_lastWins() throws {
        #expect(try JSONParser.parse(#"{"a":1,"a":2}"#)["a"] == .number(JSONNumber(text: "2")))
    }

    @Test(arguments: [
        ("", "Expecting value: line 1 column 1 (char 0)"),
        ("{", "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"),
        (#"{"a" 1}"#, "Expecting ':' delimiter: line 1 column 6 (char 5)"),
        (#"{"a": 1 "b": 2}"#, "Expecting ',' delimiter: line 1 column 9 (char 8)"),
        ("[1 2]", "Expecting ',' delimiter: line 1 column 4 (char 3)"),
        (#""abc"#, "Unterminated string starting at: line 1 column 1 (char 0)"),
        ("\"a\u{01}\"", "Invalid control character at: line 1 column 3 (char 2)"),
        (#""\q""#, "Invalid \\escape: line 1 column 2 (char 1)"),
        ("{} x", "Extra data: line 1 column 4 (char 3)"),
        ("tru", "Expecting value: line 1 column 1 (char 0)"),
        ("-", "Expecting value: line 1 column 1 (char 0)"),
        ("{\n\"a\": }", "Expecting value: line 2 column 6 (char 7)"),
    ])
    func errors_readLikePythons(text: String, message: String) {
        #expect(Self.failure(text) == message)
    }

    @Test func invalidUTF8_isRefused() {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse([0x22, 0xFF, 0x22]) }
        do {
            _ = try JSONParser.parse([0x22, 0x61, 0xC3, 0x22])
        } catch {
            #expect(error.message == "Invalid UTF-8 in request body at byte 2")
        }
    }

    @Test func nestingLimit() throws {
        let ok = String(repeating: "[", count: 256) + String(repeating: "]", count: 256)
        #expect(throws: Never.self) { try JSONParser.parse(ok) }
        let deep = String(repeating: "[", count: 257) + String(repeating: "]", count: 257)
        #expect(Self.failure(deep) == "Nesting deeper than 256 levels: line 1 column 257 (char 256)")
    }

    @Test func numbers_integerReadings() {
        #expect(JSONNumber(text: "64").integerValue == 64)
        #expect(JSONNumber(text: "64.0").integerValue == 64)
        #expect(JSONNumber(text: "1e3").integerValue == 1000)
        #expect(JSONNumber(text: "64.5").integerValue == nil)
        #expect(JSONNumber(text: "99999999999999999999999").integerValue == Int.max)
    }
}
