import MessagesAPI
import Testing

/// pydantic's lax readings, as the endpoint applies them to JSON input.
@Suite struct LaxValueTests {
    @Test(arguments: [
        (Wire.number("64"), LaxValue.IntegerReading.value(64)),
        (Wire.number("64.0"), .value(64)),
        (Wire.number("1e3"), .value(1000)),
        (Wire.number("-2"), .value(-2)),
        (Wire.number("64.5"), .fractional),
        (Wire.number("0.1"), .fractional),
        (Wire.number("1e400"), .notInteger),
        (.bool(true), .value(1)),
        (.bool(false), .value(0)),
        (.string("64"), .value(64)),
        (.string(" 64\n"), .value(64)),
        (.string("-3"), .value(-3)),
        (.string("abc"), .unparsableString),
        (.string(""), .unparsableString),
        (.string("64.5"), .unparsableString),
        (.null, .notInteger),
        (.array([]), .notInteger),
        (.object(JSONObject()), .notInteger),
    ])
    func integer(value: JSONValue, expected: LaxValue.IntegerReading) {
        #expect(LaxValue.integer(value) == expected)
    }

    @Test func integer_fromAStringWithAZeroFraction() {
        // pydantic-core reads '42.0' and '123.000' as integers (tests/validators/test_int.py).
        #expect(LaxValue.integer(.string("64.0")) == .value(64))
    }

    @Test(arguments: [
        (Wire.number("0.5"), LaxValue.NumberReading.value(0.5)),
        (Wire.number("1"), .value(1)),
        (.bool(true), .value(1)),
        (.bool(false), .value(0)),
        (.string("0.25"), .value(0.25)),
        (.string(" 1 "), .value(1)),
        (.string("abc"), .unparsableString),
        (.null, .notNumber),
        (.array([Wire.number("1")]), .notNumber),
    ])
    func number(value: JSONValue, expected: LaxValue.NumberReading) {
        #expect(LaxValue.number(value) == expected)
    }

    @Test(arguments: ["1", "on", "t", "true", "y", "yes", "TRUE", "Yes", " true "])
    func boolean_trueStrings(text: String) {
        #expect(LaxValue.boolean(.string(text)) == true)
    }

    @Test(arguments: ["0", "off", "f", "false", "n", "no", "FALSE", "No"])
    func boolean_falseStrings(text: String) {
        #expect(LaxValue.boolean(.string(text)) == false)
    }

    @Test func boolean_otherValues() {
        #expect(LaxValue.boolean(.bool(true)) == true)
        #expect(LaxValue.boolean(.bool(false)) == false)
        #expect(LaxValue.boolean(Wire.number("1")) == true)
        #expect(LaxValue.boolean(Wire.number("0")) == false)
        #expect(LaxValue.boolean(Wire.number("1.0")) == true)
        #expect(LaxValue.boolean(Wire.number("0.0")) == false)
        #expect(LaxValue.boolean(Wire.number("2")) == nil)
        #expect(LaxValue.boolean(Wire.number("0.5")) == nil)
        #expect(LaxValue.boolean(.string("maybe")) == nil)
        #expect(LaxValue.boolean(.string("")) == nil)
        #expect(LaxValue.boolean(.null) == nil)
        #expect(LaxValue.boolean(.array([])) == nil)
    }
}
