import MessagesAPI
import Testing

@Suite struct JSONWriterTests {
    @Test func writesCompactJSONInCallOrder() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("z")
        writer.int(1)
        writer.key("a")
        writer.beginArray()
        writer.string("x")
        writer.null()
        writer.bool(false)
        writer.bool(true)
        writer.beginObject()
        writer.endObject()
        writer.beginArray()
        writer.endArray()
        writer.int(-3)
        writer.endArray()
        writer.endObject()
        #expect(writer.text == #"{"z":1,"a":["x",null,false,true,{},[],-3]}"#)
        #expect(writer.bytes == Array(writer.text.utf8))
    }

    @Test func nestedContainers_getCommasOnlyBetweenSiblings() {
        var writer = JSONWriter()
        writer.beginArray()
        writer.beginObject()
        writer.key("a")
        writer.beginObject()
        writer.key("b")
        writer.int(1)
        writer.endObject()
        writer.key("c")
        writer.int(2)
        writer.endObject()
        writer.beginObject()
        writer.endObject()
        writer.endArray()
        #expect(writer.text == #"[{"a":{"b":1},"c":2},{}]"#)
    }

    @Test func raw_isCopiedAsOneValue() {
        var writer = JSONWriter()
        writer.beginArray()
        writer.raw(Array(#"{"pre":"built"}"#.utf8))
        writer.raw("1.50".utf8)
        writer.endArray()
        #expect(writer.text == #"[{"pre":"built"},1.50]"#)
    }

    @Test func keysAreEscapedLikeStrings() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("a\"b")
        writer.string("")
        writer.endObject()
        #expect(writer.text == #"{"a\"b":""}"#)
    }

    @Test func escapesWhatJSONRequires_andKeepsUTF8() {
        var out: [UInt8] = []
        JSONWriter.appendQuoted("q\"b\\n\nt\t\r\u{8}\u{C}/é😀", to: &out)
        #expect(Wire.text(out) == #""q\"b\\n\nt\t\r\b\f/é😀""#)
    }

    @Test func otherControlCharacters_useLowerCaseUnicodeEscapes() {
        var out: [UInt8] = []
        JSONWriter.appendQuoted("\u{0}\u{1}\u{1B}\u{1F}\u{7F}", to: &out)
        #expect(Wire.text(out) == "\"\\u0000\\u0001\\u001b\\u001f\u{7F}\"")
    }

    @Test func appendQuoted_appendsToWhatIsThere() {
        var out = Array("x=".utf8)
        JSONWriter.appendQuoted("y", to: &out)
        #expect(Wire.text(out) == #"x="y""#)
    }

    @Test func encode_writesNumbersWithTheirOriginalText() throws {
        let value = try JSONParser.parse(#"[1.50, 1E+02, -0, 12345678901234567890123]"#)
        #expect(Wire.text(JSONWriter.encode(value)) == "[1.50,1E+02,-0,12345678901234567890123]")
    }

    @Test func encode_scalarsOnTheirOwn() {
        #expect(Wire.text(JSONWriter.encode(.null)) == "null")
        #expect(Wire.text(JSONWriter.encode(.bool(true))) == "true")
        #expect(Wire.text(JSONWriter.encode(.string("a\nb"))) == #""a\nb""#)
    }

    @Test(arguments: [
        #"{"a":[1,2.5,"s",true,null],"b":{"c":{}}}"#,
        #"[]"#,
        #"{"k":"\"quoted\" \\ é 😀"}"#,
        #"[[[[]]],{"x":[{}]}]"#,
    ])
    func roundTripsCompactDocuments(text: String) throws {
        #expect(Wire.text(JSONWriter.encode(try JSONParser.parse(text))) == text)
    }

    @Test func parsedEscapesComeBackInTheirShortestForm() throws {
        #expect(Wire.text(JSONWriter.encode(try JSONParser.parse(#""\u0041\/\u00e9""#))) == #""A/é""#)
    }
}
