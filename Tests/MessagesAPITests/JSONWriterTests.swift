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
        writer.beginObject()
        writer.endObject()
        writer.endArray()
        writer.endObject()
        #expect(writer.text == #"{"z":1,"a":["x",null,false,{}]}"#)
    }

    @Test func escapesWhatJSONRequires_andKeepsUTF8() {
        var out: [UInt8] = []
        JSONWriter.appendQuoted("q\"b\\n\nt\t\u{01}é😀", to: &out)
        #expect(String(decoding: out, as: UTF8.self) == #""q\"b\\n\nt\t\u0001é😀""#)
    }

    @Test func roundTripsParsedValues() throws {
        let text = #"{"a":[1,2.5,"s",true,null],"b":{"c":{}}}"#
        #expect(String(decoding: JSONWriter.encode(try JSONParser.parse(text)), as: UTF8.self) == text)
    }
}
