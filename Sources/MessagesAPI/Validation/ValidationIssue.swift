/// One problem found in a request, as pydantic reports it: where, what, and the offending value.
public struct ValidationIssue: Sendable, Equatable {
    /// Fireworks' bracket form: `tools[0].cache_control`.
    public var field: String
    public var message: String
    /// The value at `field`; nil when it is missing. Objects are not printed, as on the real endpoint.
    public var value: JSONValue?

    public init(field: String, message: String, value: JSONValue?) {
        self.field = field
        self.message = message
        self.value = value
    }

    /// `<message>, field: '<path>', value: <repr>` — the value part left out for objects and missing values.
    public var rendered: String {
        var text = "\(self.message), field: '\(self.field)'"
        if let value = self.value, value.objectValue == nil {
            text += ", value: \(PythonRepr.render(value))"
        }
        return text
    }

    /// The whole message of a 400: `N request validation errors: a; b; c`.
    public static func summary(_ issues: [ValidationIssue]) -> String {
        let noun = issues.count == 1 ? "error" : "errors"
        return "\(issues.count) request validation \(noun): " + issues.map(\.rendered).joined(separator: "; ")
    }
}
