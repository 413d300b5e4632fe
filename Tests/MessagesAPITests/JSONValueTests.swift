import MessagesAPI
import Testing

@Suite struct JSONValueTests {
    @Test(arguments: [
        ("64", 64 as Int?), ("-5", -5), ("-0", 0), ("64.0", 64), ("1e3", 1000), ("1E3", 1000), ("1.5e1", 15),
        ("64.5", nil), ("1e-1", nil), ("0.999", nil), ("1e400", nil),
        ("99999999999999999999999", Int.max), ("-99999999999999999999999", Int.min),
        ("1e19", Int.max), ("-1e19", Int.min),
    ])
    func integerReading(text: String, expected: Int?) {
        #expect(JSONNumber(text: text).integerValue == expected)
    }

    @Test func integerLiteral_meansNoFractionAndNoExponent() {
        #expect(JSONNumber(text: "12").isIntegerLiteral)
        #expect(JSONNumber(text: "-12").isIntegerLiteral)
        #expect(!JSONNumber(text: "12.0").isIntegerLiteral)
        #expect(!JSONNumber(text: "1e2").isIntegerLiteral)
        #expect(!JSONNumber(text: "1E2").isIntegerLiteral)
    }

    @Test func doubleReading() {
        #expect(JSONNumber(text: "2.5").doubleValue == 2.5)
        #expect(JSONNumber(text: "-1e-3").doubleValue == -0.001)
        #expect(JSONNumber(text: "1e400").doubleValue == .infinity)
        #expect(JSONNumber(text: "not a number").doubleValue.isNaN)
    }

    @Test func numberFromInt_writesItsDecimalText() {
        #expect(JSONNumber(42).text == "42")
        #expect(JSONNumber(-7).text == "-7")
        #expect(JSONNumber(42) == JSONNumber(text: "42"))
        // Equality is textual: 5 and 5.0 stay distinguishable.
        #expect(JSONNumber(text: "5") != JSONNumber(text: "5.0"))
    }

    @Test func kindNames() throws {
        #expect(JSONValue.null.kindName == "null")
        #expect(JSONValue.bool(true).kindName == "boolean")
        #expect(Wire.number("1").kindName == "number")
        #expect(JSONValue.string("").kindName == "string")
        #expect(JSONValue.array([]).kindName == "array")
        #expect(JSONValue.object(JSONObject()).kindName == "object")
    }

    @Test func accessors_answerOnlyForTheirKind() throws {
        let value = try Wire.json(#"{"s":"x","a":[1],"o":{},"n":null,"b":true}"#)
        #expect(value["s"]?.stringValue == "x")
        #expect(value["a"]?.stringValue == nil)
        #expect(value["a"]?.arrayValue == [Wire.number("1")])
        #expect(value["s"]?.arrayValue == nil)
        #expect(value["o"]?.objectValue == JSONObject())
        #expect(value["a"]?.objectValue == nil)
        #expect(value["n"]?.isNull == true)
        #expect(value["b"]?.isNull == false)
        #expect(value["missing"] == nil)
        // Looking up a key in something that is not an object gives nothing.
        #expect(value["a"]?["s"] == nil)
        #expect(JSONValue.string("x")["x"] == nil)
    }

    @Test func objects_compareMembersInOrder() {
        let ab = JSONObject([("a", Wire.number("1")), ("b", Wire.number("2"))])
        let ba = JSONObject([("b", Wire.number("2")), ("a", Wire.number("1"))])
        #expect(ab == JSONObject([("a", Wire.number("1")), ("b", Wire.number("2"))]))
        #expect(ab != ba)
        #expect(ab != JSONObject([("a", Wire.number("1"))]))
        #expect(ab.keys == ["a", "b"])
        #expect(!ab.isEmpty)
        #expect(JSONObject().isEmpty)
    }

    @Test func objectSubscript_lastDuplicateWins() {
        let object = JSONObject([("k", .string("first")), ("other", .null), ("k", .string("last"))])
        #expect(object["k"] == .string("last"))
        #expect(object["other"] == .null)
        #expect(object["absent"] == nil)
    }
}
