import MessagesAPI
import Testing

/// The parser accepts exactly RFC 8259 JSON and words its refusals like Python's `json` module, whose messages
/// the endpoint's validator quotes. Every expected message below was produced by CPython's `json.loads`.
@Suite struct JSONParserTests {
    // MARK: Values

    @Test func scalars() throws {
        #expect(try JSONParser.parse("null") == .null)
        #expect(try JSONParser.parse("true") == .bool(true))
        #expect(try JSONParser.parse("false") == .bool(false))
        #expect(try JSONParser.parse(#""text""#) == .string("text"))
        #expect(try JSONParser.parse(#""""#) == .string(""))
        #expect(try JSONParser.parse("0") == Wire.number("0"))
        #expect(try JSONParser.parse("-12") == Wire.number("-12"))
    }

    @Test func containers() throws {
        #expect(try JSONParser.parse("[]") == .array([]))
        #expect(try JSONParser.parse("{}") == .object(JSONObject()))
        #expect(try JSONParser.parse("[ ]") == .array([]))
        #expect(try JSONParser.parse("{ \n}") == .object(JSONObject()))
        #expect(
            try JSONParser.parse(#"[1,"a",[null],{"k":false}]"#)
                == .array([
                    Wire.number("1"), .string("a"), .array([.null]), .object(JSONObject([("k", .bool(false))])),
                ]))
    }

    @Test func objects_keepTheOrderMembersWereWritten() throws {
        let value = try JSONParser.parse(#"{"zeta":1,"alpha":2,"mid":3}"#)
        #expect(value.objectValue?.keys == ["zeta", "alpha", "mid"])
    }

    @Test func whiteSpace_isAllowedAroundEveryToken() throws {
        let value = try JSONParser.parse(" \t\r\n{ \"a\" :\n[ 1 ,\t2 ] } \r\n")
        #expect(value == .object(JSONObject([("a", .array([Wire.number("1"), Wire.number("2")]))])))
    }

    @Test(arguments: ["0", "-0", "7", "2.50", "-3e2", "1E+02", "6.02e-23", "-0.0", "123456789012345678901234567890", "1.0"])
    func numbers_keepTheirText(text: String) throws {
        guard case .number(let number) = try JSONParser.parse(text) else {
            Issue.record("not a number")
            return
        }
        #expect(number.text == text)
    }

    @Test func numbersInsideContainers_keepTheirText() throws {
        let value = try JSONParser.parse(#"{"b":[1,2.50,-3e2],"n":100.000}"#)
        #expect(value["b"] == .array([Wire.number("1"), Wire.number("2.50"), Wire.number("-3e2")]))
        #expect(value["n"] == Wire.number("100.000"))
    }

    @Test func duplicateKeys_lastOneWins() throws {
        let value = try JSONParser.parse(#"{"a":1,"b":2,"a":3}"#)
        #expect(value["a"] == Wire.number("3"))
        #expect(value["b"] == Wire.number("2"))
    }

    // MARK: Strings

    @Test func simpleEscapes() throws {
        #expect(try JSONParser.parse(#""\"\\\/\b\f\n\r\t""#) == .string("\"\\/\u{8}\u{C}\n\r\t"))
    }

    @Test func unicodeEscapes() throws {
        #expect(try JSONParser.parse(#""\u0041\u00e9\u4E2D\u0000""#) == .string("Aé中\u{0}"))
    }

    @Test func surrogatePairs_combineIntoOneScalar() throws {
        #expect(try JSONParser.parse(#""\ud83d\ude00""#) == .string("😀"))
        #expect(try JSONParser.parse(#""\uD83D\uDE00!""#) == .string("😀!"))
        #expect(try JSONParser.parse(#""x\ud834\udd1ey""#) == .string("x𝄞y"))
    }

    @Test func loneSurrogates_becomeTheReplacementCharacter() throws {
        #expect(try JSONParser.parse(#""\ud800x""#) == .string("\u{FFFD}x"))
        #expect(try JSONParser.parse(#""\ud800\u0041""#) == .string("\u{FFFD}A"))
        #expect(try JSONParser.parse(#""\udc00""#) == .string("\u{FFFD}"))
        #expect(try JSONParser.parse(#""\ud800""#) == .string("\u{FFFD}"))
    }

    @Test func rawUTF8_isKept() throws {
        #expect(try JSONParser.parse("\"é 中 😀 👍🏽\"") == .string("é 中 😀 👍🏽"))
        #expect(try JSONParser.parse("\"a\\nb é\"") == .string("a\nb é"))
    }

    @Test func delete_andHighBytesAreNotControlCharacters() throws {
        #expect(try JSONParser.parse("\"\u{7F}\u{85}\"") == .string("\u{7F}\u{85}"))
    }

    // MARK: Errors, worded and placed as Python's json module does

    @Test(arguments: [
        ("", "Expecting value: line 1 column 1 (char 0)"),
        ("   ", "Expecting value: line 1 column 4 (char 3)"),
        ("}", "Expecting value: line 1 column 1 (char 0)"),
        ("]", "Expecting value: line 1 column 1 (char 0)"),
        ("[", "Expecting value: line 1 column 2 (char 1)"),
        ("[1,", "Expecting value: line 1 column 4 (char 3)"),
        ("[1,]", "Expecting value: line 1 column 4 (char 3)"),
        (#"{"a":"#, "Expecting value: line 1 column 6 (char 5)"),
        ("tru", "Expecting value: line 1 column 1 (char 0)"),
        ("nul", "Expecting value: line 1 column 1 (char 0)"),
        ("fals", "Expecting value: line 1 column 1 (char 0)"),
        ("-", "Expecting value: line 1 column 1 (char 0)"),
        ("-a", "Expecting value: line 1 column 1 (char 0)"),
        (".5", "Expecting value: line 1 column 1 (char 0)"),
        ("+1", "Expecting value: line 1 column 1 (char 0)"),
        ("{\n\"a\": }", "Expecting value: line 2 column 6 (char 7)"),
    ])
    func expectingValue(text: String, message: String) {
        #expect(Wire.parseFailure(text) == message)
    }

    @Test(arguments: [
        ("[1", "Expecting ',' delimiter: line 1 column 3 (char 2)"),
        ("[1 2]", "Expecting ',' delimiter: line 1 column 4 (char 3)"),
        (#"{"a": 1 "b": 2}"#, "Expecting ',' delimiter: line 1 column 9 (char 8)"),
        ("[\n1,\n2\n3]", "Expecting ',' delimiter: line 4 column 1 (char 7)"),
        ("[01]", "Expecting ',' delimiter: line 1 column 3 (char 2)"),
        (#"{"a""#, "Expecting ':' delimiter: line 1 column 5 (char 4)"),
        (#"{"a"#, "Unterminated string starting at: line 1 column 2 (char 1)"),
        (#"{"a" 1}"#, "Expecting ':' delimiter: line 1 column 6 (char 5)"),
    ])
    func expectingDelimiter(text: String, message: String) {
        #expect(Wire.parseFailure(text) == message)
    }

    @Test(arguments: [
        ("{", "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"),
        ("{1:2}", "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"),
        ("{,}", "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"),
        (#"{"a":1,}"#, "Expecting property name enclosed in double quotes: line 1 column 8 (char 7)"),
        ("{'a':1}", "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"),
    ])
    func expectingPropertyName(text: String, message: String) {
        #expect(Wire.parseFailure(text) == message)
    }

    @Test(arguments: [
        (#""abc"#, "Unterminated string starting at: line 1 column 1 (char 0)"),
        (#"["ok", "abc"#, "Unterminated string starting at: line 1 column 8 (char 7)"),
        (#""abc\\"#, "Unterminated string starting at: line 1 column 1 (char 0)"),
        (#""\"#, "Unterminated string starting at: line 1 column 1 (char 0)"),
        (#""a\n"#, "Unterminated string starting at: line 1 column 1 (char 0)"),
    ])
    func unterminatedString(text: String, message: String) {
        #expect(Wire.parseFailure(text) == message)
    }

    @Test(arguments: [
        ("\"a\u{01}\"", "Invalid control character at: line 1 column 3 (char 2)"),
        ("\"a\nb\"", "Invalid control character at: line 1 column 3 (char 2)"),
        ("\"\t\"", "Invalid control character at: line 1 column 2 (char 1)"),
        ("\"\\n\u{1F}\"", "Invalid control character at: line 1 column 4 (char 3)"),
    ])
    func invalidControlCharacter(text: String, message: String) {
        #expect(Wire.parseFailure(text) == message)
    }

    @Test(arguments: [
        (#""\q""#, "Invalid \\escape: line 1 column 2 (char 1)"),
        (#""ab\x""#, "Invalid \\escape: line 1 column 4 (char 3)"),
        (#""\u00e9x\q""#, "Invalid \\escape: line 1 column 9 (char 8)"),
        (#""\'""#, "Invalid \\escape: line 1 column 2 (char 1)"),
    ])
    func invalidEscape(text: String, message: String) {
        #expect(Wire.parseFailure(text) == message)
    }

    @Test(arguments: [
        ("{} x", "Extra data: line 1 column 4 (char 3)"),
        ("[] []", "Extra data: line 1 column 4 (char 3)"),
        ("01", "Extra data: line 1 column 2 (char 1)"),
        ("1.", "Extra data: line 1 column 2 (char 1)"),
        ("[1]\n\n x", "Extra data: line 3 column 2 (char 6)"),
        (#""a" "b""#, "Extra data: line 1 column 5 (char 4)"),
    ])
    func extraData(text: String, message: String) {
        #expect(Wire.parseFailure(text) == message)
    }

    @Test func nonStandardLiterals_areRefused() {
        // Python would read these; RFC 8259 does not allow them, and neither does the parser.
        #expect(Wire.parseFailure("NaN") == "Expecting value: line 1 column 1 (char 0)")
        #expect(Wire.parseFailure("Infinity") == "Expecting value: line 1 column 1 (char 0)")
        #expect(Wire.parseFailure("[-Infinity]") == "Expecting value: line 1 column 2 (char 1)")
    }

    @Test func failure_carriesTheByteOffset() {
        do {
            _ = try JSONParser.parse(#"{"a": 1 "b": 2}"#)
            Issue.record("parsed")
        } catch {
            #expect(error.offset == 8)
            #expect(error == JSONParser.Failure(message: "Expecting ',' delimiter: line 1 column 9 (char 8)", offset: 8))
        }
    }

    @Test(
        "Exponent without digits: Python points after the mantissa",
        arguments: [
            ("1e", "Extra data: line 1 column 2 (char 1)"),
            ("1e+", "Extra data: line 1 column 2 (char 1)"),
            ("1.5e", "Extra data: line 1 column 4 (char 3)"),
        ])
    func danglingExponent(text: String, message: String) {
        #expect(Wire.parseFailure(text) == message)
    }

    @Test(
        "A number cut short inside a container: Python reads the number and then expects a delimiter",
        arguments: [
            ("[1.]", "Expecting ',' delimiter: line 1 column 3 (char 2)"),
            ("[1e]", "Expecting ',' delimiter: line 1 column 3 (char 2)"),
            (#"{"a": 1.}"#, "Expecting ',' delimiter: line 1 column 8 (char 7)"),
        ])
    func truncatedNumberInContainer(text: String, message: String) {
        #expect(Wire.parseFailure(text) == message)
    }

    @Test(
        "Bad \\u escapes: Python points at the 'u'",
        arguments: [
            (#""\u12""#, "Invalid \\uXXXX escape: line 1 column 3 (char 2)"),
            (#""\u12G4""#, "Invalid \\uXXXX escape: line 1 column 3 (char 2)"),
            (#""\ud800\uzzzz""#, "Invalid \\uXXXX escape: line 1 column 9 (char 8)"),
        ])
    func invalidUnicodeEscape(text: String, message: String) {
        #expect(Wire.parseFailure(text) == message)
    }

    @Test(
        "Positions count characters, as Python's do, not UTF-8 bytes",
        arguments: [
            ("\"é\" x", "Extra data: line 1 column 5 (char 4)"),
            (#""abé\x""#, "Invalid \\escape: line 1 column 5 (char 4)"),
            ("[\"中文\" 1]", "Expecting ',' delimiter: line 1 column 7 (char 6)"),
        ])
    func positionsCountCharacters(text: String, message: String) {
        #expect(Wire.parseFailure(text) == message)
    }

    // MARK: UTF-8

    @Test(arguments: [
        ([0x22, 0xFF, 0x22] as [UInt8], "Invalid UTF-8 in request body at byte 1"),
        ([0x22, 0x61, 0xC3, 0x22], "Invalid UTF-8 in request body at byte 2"),
        ([0xC0, 0xAF], "Invalid UTF-8 in request body at byte 0"),
        ([0x22, 0x61, 0x62, 0xED, 0xA0, 0x80, 0x22], "Invalid UTF-8 in request body at byte 3"),
        ([0x22, 0xE2, 0x82], "Invalid UTF-8 in request body at byte 1"),
        ([0x22, 0xC3, 0xA9, 0xF8, 0x22], "Invalid UTF-8 in request body at byte 3"),
    ])
    func invalidUTF8_isRefusedWithItsOffset(bytes: [UInt8], message: String) {
        #expect(Wire.parseFailure(bytes) == message)
    }

    @Test func invalidUTF8_isFoundEvenAfterAnotherError() {
        // The encoding is checked before the grammar.
        #expect(Wire.parseFailure([0x7B, 0x7D, 0x20, 0xFF]) == "Invalid UTF-8 in request body at byte 3")
    }

    // MARK: Nesting

    @Test func arrays_256LevelsAccepted_257Refused() throws {
        let ok = String(repeating: "[", count: 256) + String(repeating: "]", count: 256)
        var current: JSONValue? = try JSONParser.parse(ok)
        var depth = 0
        while case .array(let items)? = current {
            depth += 1
            current = items.first
        }
        #expect(depth == 256)
        let deep = String(repeating: "[", count: 257) + String(repeating: "]", count: 257)
        #expect(Wire.parseFailure(deep) == "Nesting deeper than 256 levels: line 1 column 257 (char 256)")
    }

    @Test func objects_256LevelsAccepted_257Refused() {
        func nested(_ levels: Int) -> String {
            String(repeating: #"{"a":"#, count: levels) + "1" + String(repeating: "}", count: levels)
        }
        #expect(Wire.parseFailure(nested(256)) == nil)
        #expect(Wire.parseFailure(nested(257)) == "Nesting deeper than 256 levels: line 1 column 1281 (char 1280)")
    }

    @Test func depthIsNestingNotCount() {
        // Many siblings at shallow depth are fine.
        let wide = "[" + Array(repeating: "[[1]]", count: 1000).joined(separator: ",") + "]"
        #expect(Wire.parseFailure(wide) == nil)
    }

    @Test func customMaximumDepth() {
        #expect(throws: Never.self) { try JSONParser.parse(Array("[[1]]".utf8), maximumDepth: 2) }
        do {
            _ = try JSONParser.parse(Array("[[[1]]]".utf8), maximumDepth: 2)
            Issue.record("parsed")
        } catch {
            #expect(error.message == "Nesting deeper than 2 levels: line 1 column 3 (char 2)")
        }
    }
}
