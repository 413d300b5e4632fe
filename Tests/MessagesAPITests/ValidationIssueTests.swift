import MessagesAPI
import Testing

@Suite struct ValidationIssueTests {
    @Test func rendered_withAValue() {
        let issue = ValidationIssue(field: "messages[0].role", message: "Input should be 'user' or 'assistant'", value: .string("system"))
        #expect(issue.rendered == "Input should be 'user' or 'assistant', field: 'messages[0].role', value: 'system'")
    }

    @Test func rendered_scalarsAndListsArePrinted() {
        #expect(
            ValidationIssue(field: "t", message: "m", value: .bool(true)).rendered == "m, field: 't', value: True")
        #expect(ValidationIssue(field: "t", message: "m", value: .null).rendered == "m, field: 't', value: None")
        #expect(
            ValidationIssue(field: "t", message: "m", value: .array([.string("direct")])).rendered
                == "m, field: 't', value: ['direct']")
    }

    @Test func rendered_objectsAndMissingValuesAreLeftOut() {
        #expect(
            ValidationIssue(field: "tools[7].cache_control", message: "Extra inputs are not permitted", value: .object(JSONObject([("type", .string("ephemeral"))]))).rendered
                == "Extra inputs are not permitted, field: 'tools[7].cache_control'")
        #expect(ValidationIssue(field: "model", message: "Field required", value: nil).rendered == "Field required, field: 'model'")
    }

    @Test func summary_singular() {
        let issues = [ValidationIssue(field: "a", message: "m1", value: Wire.number("1"))]
        #expect(ValidationIssue.summary(issues) == "1 request validation error: m1, field: 'a', value: 1")
    }

    @Test func summary_pluralJoinedBySemicolons() {
        let issues = [
            ValidationIssue(field: "a", message: "m1", value: Wire.number("1")),
            ValidationIssue(field: "b", message: "m2", value: nil),
            ValidationIssue(field: "c", message: "m3", value: .string("x")),
        ]
        #expect(
            ValidationIssue.summary(issues)
                == "3 request validation errors: m1, field: 'a', value: 1; m2, field: 'b'; m3, field: 'c', value: 'x'")
    }
}
