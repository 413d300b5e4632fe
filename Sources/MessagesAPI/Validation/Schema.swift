/// A description of an accepted request shape, detailed enough to produce the same validation errors as the
/// pydantic models behind Fireworks' endpoint: closed objects, literals, bounds, tagged unions.
public indirect enum Schema: Sendable {
    case string(StringRule = StringRule())
    case integer(minimum: Int? = nil, maximum: Int? = nil)
    case number(minimum: Double? = nil, maximum: Double? = nil)
    case boolean
    /// Any object at all (tool inputs, JSON schemas).
    case dictionary
    /// Any JSON value.
    case any
    case array(Schema, minimumCount: Int = 0)
    case object(ObjectSchema)
    /// Objects told apart by a string member (`type`); errors inside name the tag, as pydantic does.
    case tagged(discriminator: String, choices: [(tag: String, schema: ObjectSchema)])
    /// `str | list[...]`, the shape of `content` and `system`.
    case stringOrList(Schema)
}

/// Constraints on a string value.
public struct StringRule: Sendable {
    public var minimumLength: Int
    public var maximumLength: Int?
    /// Allowed values, when the field is a literal.
    public var literals: [String]?
    /// A pattern shown in the error, with the check that implements it.
    public var pattern: (text: String, matches: @Sendable (String) -> Bool)?

    public init(
        minimumLength: Int = 0,
        maximumLength: Int? = nil,
        literals: [String]? = nil,
        pattern: (text: String, matches: @Sendable (String) -> Bool)? = nil
    ) {
        self.minimumLength = minimumLength
        self.maximumLength = maximumLength
        self.literals = literals
        self.pattern = pattern
    }

    public static func literal(_ values: String...) -> StringRule {
        StringRule(literals: values)
    }
}

/// The members of an object, in the order the model declares them (errors come out in that order).
public struct ObjectSchema: Sendable {
    /// One declared member.
    public struct Field: Sendable {
        public var name: String
        public var schema: Schema
        public var required: Bool

        public init(_ name: String, _ schema: Schema, required: Bool = false) {
            self.name = name
            self.schema = schema
            self.required = required
        }
    }

    public var fields: [Field]
    /// Closed objects reject members they do not declare ("Extra inputs are not permitted").
    public var closed: Bool

    public init(_ fields: [Field], closed: Bool = true) {
        self.fields = fields
        self.closed = closed
    }
}

extension Schema {
    public static func literal(_ values: String...) -> Schema {
        .string(StringRule(literals: values))
    }

    public static func object(_ fields: [ObjectSchema.Field], closed: Bool = true) -> Schema {
        .object(ObjectSchema(fields, closed: closed))
    }
}
