import MessagesAPI
import Testing

/// The schema walker on small hand-made schemas, one rule at a time. Messages are pydantic's.
@Suite struct SchemaValidatorTests {
    static func issues(_ json: String, _ schema: Schema) throws -> [String] {
        SchemaValidator.validate(try JSONParser.parse(json), against: schema).map(\.rendered)
    }

    // MARK: Scalars

    @Test func any_acceptsEverything() throws {
        for json in ["null", "1", #""s""#, "[1,{}]", #"{"a":[]}"#] {
            #expect(try Self.issues(json, .any) == [])
        }
    }

    @Test func dictionary() throws {
        #expect(try Self.issues(#"{"free":"form"}"#, .dictionary) == [])
        #expect(try Self.issues("[1]", .dictionary) == ["Input should be a valid dictionary, field: '', value: [1]"])
        #expect(try Self.issues(#""x""#, .dictionary) == ["Input should be a valid dictionary, field: '', value: 'x'"])
    }

    @Test func boolean() throws {
        #expect(try Self.issues("true", .boolean) == [])
        #expect(try Self.issues(#""yes""#, .boolean) == [])
        #expect(try Self.issues("0", .boolean) == [])
        #expect(try Self.issues(#""maybe""#, .boolean) == ["Input should be a valid boolean, unable to interpret input, field: '', value: 'maybe'"])
        #expect(try Self.issues("[]", .boolean) == ["Input should be a valid boolean, field: '', value: []"])
        #expect(try Self.issues("1.5", .boolean) == ["Input should be a valid boolean, field: '', value: 1.5"])
        #expect(try Self.issues("null", .boolean) == ["Input should be a valid boolean, field: '', value: None"])
    }

    @Test func boolean_integralNumbersOtherThanZeroAndOne() throws {
        // pydantic-core answers bool_parsing for 2 and 2.0 (tests/validators/test_bool.py), bool_type for 1.1.
        let two = try Self.issues("2", .boolean)
        let twoPointZero = try Self.issues("2.0", .boolean)
        #expect(two == ["Input should be a valid boolean, unable to interpret input, field: '', value: 2"])
        #expect(twoPointZero == ["Input should be a valid boolean, unable to interpret input, field: '', value: 2.0"])
    }

    @Test func integer() throws {
        let schema = Schema.integer(minimum: 1, maximum: 10)
        #expect(try Self.issues("5", schema) == [])
        #expect(try Self.issues("1", schema) == [])
        #expect(try Self.issues("10", schema) == [])
        #expect(try Self.issues(#""7""#, schema) == [])
        #expect(try Self.issues("7.0", schema) == [])
        #expect(try Self.issues("0", schema) == ["Input should be greater than or equal to 1, field: '', value: 0"])
        #expect(try Self.issues("11", schema) == ["Input should be less than or equal to 10, field: '', value: 11"])
        #expect(try Self.issues(#""11""#, schema) == ["Input should be less than or equal to 10, field: '', value: '11'"])
        #expect(try Self.issues("5.5", schema) == ["Input should be a valid integer, got a number with a fractional part, field: '', value: 5.5"])
        #expect(try Self.issues(#""five""#, schema) == ["Input should be a valid integer, unable to parse string as an integer, field: '', value: 'five'"])
        #expect(try Self.issues("null", schema) == ["Input should be a valid integer, field: '', value: None"])
        #expect(try Self.issues("[5]", schema) == ["Input should be a valid integer, field: '', value: [5]"])
    }

    @Test func number() throws {
        let schema = Schema.number(minimum: 0.5, maximum: 2)
        #expect(try Self.issues("0.5", schema) == [])
        #expect(try Self.issues("2", schema) == [])
        #expect(try Self.issues(#""1.5""#, schema) == [])
        #expect(try Self.issues("0.25", schema) == ["Input should be greater than or equal to 0.5, field: '', value: 0.25"])
        #expect(try Self.issues("2.5", schema) == ["Input should be less than or equal to 2, field: '', value: 2.5"])
        #expect(try Self.issues(#""x""#, schema) == ["Input should be a valid number, unable to parse string as a number, field: '', value: 'x'"])
        #expect(try Self.issues("{}", schema) == ["Input should be a valid number, field: ''"])
        #expect(try Self.issues("1e400", .number()) == ["Input should be a finite number, field: '', value: inf"])
    }

    // MARK: Strings

    @Test func string_typeAndLength() throws {
        #expect(try Self.issues("5", .string()) == ["Input should be a valid string, field: '', value: 5"])
        #expect(try Self.issues(#""""#, .string()) == [])
        #expect(try Self.issues(#""""#, .string(StringRule(minimumLength: 1))) == ["String should have at least 1 character, field: '', value: ''"])
        #expect(try Self.issues(#""a""#, .string(StringRule(minimumLength: 2))) == ["String should have at least 2 characters, field: '', value: 'a'"])
        #expect(try Self.issues(#""ab""#, .string(StringRule(maximumLength: 1))) == ["String should have at most 1 character, field: '', value: 'ab'"])
        #expect(try Self.issues(#""abcd""#, .string(StringRule(maximumLength: 3))) == ["String should have at most 3 characters, field: '', value: 'abcd'"])
        #expect(try Self.issues(#""abc""#, .string(StringRule(maximumLength: 3))) == [])
    }

    @Test func string_lengthCountsCodePoints() throws {
        // "e" + U+0301 twice: two characters on screen, four code points, as Python's len() counts them.
        let json = #""e\u0301e\u0301""#
        let issues = try Self.issues(json, .string(StringRule(maximumLength: 3)))
        #expect(issues == ["String should have at most 3 characters, field: '', value: 'e\u{301}e\u{301}'"])
    }

    @Test func string_pattern() throws {
        let rule = StringRule(pattern: ("^[a-z]+$", { $0.allSatisfy { $0.isLetter && $0.isLowercase } }))
        #expect(try Self.issues(#""abc""#, .string(rule)) == [])
        #expect(try Self.issues(#""a b""#, .string(rule)) == ["String should match pattern '^[a-z]+$', field: '', value: 'a b'"])
    }

    @Test func literals() throws {
        #expect(try Self.issues(#""x""#, .literal("x")) == [])
        #expect(try Self.issues(#""y""#, .literal("x")) == ["Input should be 'x', field: '', value: 'y'"])
        #expect(try Self.issues(#""y""#, .literal("a", "b")) == ["Input should be 'a' or 'b', field: '', value: 'y'"])
        #expect(try Self.issues(#""y""#, .literal("a", "b", "c")) == ["Input should be 'a', 'b' or 'c', field: '', value: 'y'"])
        // A value of the wrong type gets the literal message too.
        #expect(try Self.issues("3", .literal("a", "b")) == ["Input should be 'a' or 'b', field: '', value: 3"])
        // Literal matching is exact.
        #expect(try Self.issues(#""X""#, .literal("x")) == ["Input should be 'x', field: '', value: 'X'"])
    }

    // MARK: Lists

    @Test func array() throws {
        let schema = Schema.array(.integer(), minimumCount: 2)
        #expect(try Self.issues("[1,2]", schema) == [])
        #expect(try Self.issues(#""12""#, schema) == ["Input should be a valid list, field: '', value: '12'"])
        #expect(try Self.issues("[1]", schema) == ["List should have at least 2 items after validation, not 1, field: '', value: [1]"])
        #expect(try Self.issues("[]", .array(.any, minimumCount: 1)) == ["List should have at least 1 item after validation, not 0, field: '', value: []"])
        #expect(
            try Self.issues(#"[1,"x",2.5]"#, schema) == [
                "Input should be a valid integer, unable to parse string as an integer, field: '[1]', value: 'x'",
                "Input should be a valid integer, got a number with a fractional part, field: '[2]', value: 2.5",
            ])
    }

    @Test func elementIssuesComeBeforeTheCountIssue() throws {
        #expect(
            try Self.issues(#"["x"]"#, .array(.integer(), minimumCount: 2)) == [
                "Input should be a valid integer, unable to parse string as an integer, field: '[0]', value: 'x'",
                "List should have at least 2 items after validation, not 1, field: '', value: ['x']",
            ])
    }

    @Test func stringOrList() throws {
        let schema = Schema.stringOrList(.integer())
        #expect(try Self.issues(#""text""#, schema) == [])
        #expect(try Self.issues("[1,2]", schema) == [])
        #expect(try Self.issues(#"[1,"a"]"#, schema) == ["Input should be a valid integer, unable to parse string as an integer, field: '[1]', value: 'a'"])
        #expect(try Self.issues("5", schema) == ["Input should be a valid string, field: 'str', value: 5", "Input should be a valid list, field: 'list', value: 5"])
        #expect(try Self.issues("null", schema) == ["Input should be a valid string, field: 'str', value: None", "Input should be a valid list, field: 'list', value: None"])
        #expect(try Self.issues("{}", schema) == ["Input should be a valid string, field: 'str'", "Input should be a valid list, field: 'list'"])
    }

    // MARK: Objects

    static let person: Schema = .object([
        .init("name", .string(), required: true),
        .init("age", .integer(minimum: 0)),
        .init("tags", .array(.string())),
    ])

    @Test func object_valid() throws {
        #expect(try Self.issues(#"{"name":"a"}"#, Self.person) == [])
        #expect(try Self.issues(#"{"tags":["x"],"age":3,"name":"a"}"#, Self.person) == [])
    }

    @Test func object_notAnObject() throws {
        #expect(try Self.issues("[]", Self.person) == ["Input should be a valid dictionary or object to extract fields from, field: '', value: []"])
    }

    @Test func object_requiredField() throws {
        #expect(try Self.issues("{}", Self.person) == ["Field required, field: 'name'"])
        // A required member given as null is checked, not skipped.
        #expect(try Self.issues(#"{"name":null}"#, Self.person) == ["Input should be a valid string, field: 'name', value: None"])
    }

    @Test func object_optionalNulls_areAccepted() throws {
        #expect(try Self.issues(#"{"name":"a","age":null,"tags":null}"#, Self.person) == [])
    }

    @Test func object_declaredFieldsFirstInDeclarationOrder_thenExtrasInRequestOrder() throws {
        let json = #"{"zz":1,"tags":"no","aa":2,"age":-1,"name":5}"#
        #expect(
            try Self.issues(json, Self.person) == [
                "Input should be a valid string, field: 'name', value: 5",
                "Input should be greater than or equal to 0, field: 'age', value: -1",
                "Input should be a valid list, field: 'tags', value: 'no'",
                "Extra inputs are not permitted, field: 'zz', value: 1",
                "Extra inputs are not permitted, field: 'aa', value: 2",
            ])
    }

    @Test func object_openObjectsAllowExtras() throws {
        let open = Schema.object([.init("type", .literal("object"), required: true)], closed: false)
        #expect(try Self.issues(#"{"type":"object","properties":{}}"#, open) == [])
        #expect(try Self.issues(#"{"properties":{}}"#, open) == ["Field required, field: 'type'"])
    }

    @Test func object_nestedPaths() throws {
        let schema = Schema.object([.init("a", .object([.init("b", .array(.object([.init("c", .boolean)])))]))])
        #expect(
            try Self.issues(#"{"a":{"b":[{"c":true},{"c":"x","d":null}]}}"#, schema) == [
                "Input should be a valid boolean, unable to interpret input, field: 'a.b[1].c', value: 'x'",
                "Extra inputs are not permitted, field: 'a.b[1].d', value: None",
            ])
    }

    @Test func object_duplicateExtraIsReportedOnce() throws {
        #expect(try Self.issues(#"{"name":"a","x":1,"x":2}"#, Self.person).count == 1)
    }

    @Test func object_duplicateExtraShowsTheValuePythonKeeps() throws {
        // Python's dict keeps the first position and the last value: {"x": 2}.
        let issues = try Self.issues(#"{"name":"a","x":1,"x":2}"#, Self.person)
        #expect(issues == ["Extra inputs are not permitted, field: 'x', value: 2"])
    }

    @Test func object_duplicateDeclaredField_lastWins() throws {
        #expect(try Self.issues(#"{"name":5,"name":"ok"}"#, Self.person) == [])
        #expect(try Self.issues(#"{"name":"ok","name":5}"#, Self.person) == ["Input should be a valid string, field: 'name', value: 5"])
    }

    // MARK: Tagged unions

    static let shape: Schema = .tagged(
        discriminator: "type",
        choices: [
            ("circle", ObjectSchema([.init("radius", .number(minimum: 0), required: true)])),
            ("dot", ObjectSchema([])),
        ])

    @Test func tagged_valid() throws {
        #expect(try Self.issues(#"{"type":"circle","radius":1}"#, Self.shape) == [])
        #expect(try Self.issues(#"{"type":"dot"}"#, Self.shape) == [])
    }

    @Test func tagged_issuesInsideNameTheTag() throws {
        #expect(try Self.issues(#"{"type":"circle"}"#, Self.shape) == ["Field required, field: 'circle.radius'"])
        #expect(try Self.issues(#"{"type":"circle","radius":-1}"#, Self.shape) == ["Input should be greater than or equal to 0, field: 'circle.radius', value: -1"])
        #expect(try Self.issues(#"{"type":"dot","size":2}"#, Self.shape) == ["Extra inputs are not permitted, field: 'dot.size', value: 2"])
    }

    @Test func tagged_unknownTag() throws {
        #expect(
            try Self.issues(#"{"type":"square"}"#, Self.shape) == [
                "Input tag 'square' found using 'type' does not match any of the expected tags: 'circle', 'dot', field: ''"
            ])
    }

    @Test func tagged_missingOrNonStringTag() throws {
        #expect(try Self.issues(#"{"radius":1}"#, Self.shape) == ["Unable to extract tag using discriminator 'type', field: ''"])
        #expect(try Self.issues(#"{"type":null}"#, Self.shape) == ["Unable to extract tag using discriminator 'type', field: ''"])
    }

    @Test func tagged_notAnObject() throws {
        #expect(try Self.issues(#""circle""#, Self.shape) == ["Input should be a valid dictionary or object to extract fields from, field: '', value: 'circle'"])
    }

    @Test func tagged_insideAList() throws {
        #expect(
            try Self.issues(#"[{"type":"dot"},{"type":"circle","radius":"big"}]"#, .array(Self.shape)) == [
                "Input should be a valid number, unable to parse string as a number, field: '[1].circle.radius', value: 'big'"
            ])
    }

    @Test func issues_keepTheirValues() throws {
        let issues = SchemaValidator.validate(try JSONParser.parse(#"{"name":"a","x":[1]}"#), against: Self.person)
        #expect(issues == [ValidationIssue(field: "x", message: "Extra inputs are not permitted", value: .array([Wire.number("1")]))])
    }
}
