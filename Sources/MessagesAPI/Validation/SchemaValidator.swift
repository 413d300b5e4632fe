/// Walks a JSON value against a `Schema` and collects every issue, in pydantic's order: declared fields
/// first, in declaration order, then undeclared members in the order the request wrote them.
public struct SchemaValidator {
    public private(set) var issues: [ValidationIssue] = []

    public init() {}

    public static func validate(_ value: JSONValue, against schema: Schema) -> [ValidationIssue] {
        var validator = SchemaValidator()
        validator.check(value, schema, at: "")
        return validator.issues
    }

    private mutating func report(_ path: String, _ message: String, _ value: JSONValue?) {
        self.issues.append(ValidationIssue(field: path, message: message, value: value))
    }

    private static func member(_ path: String, _ name: String) -> String {
        path.isEmpty ? name : "\(path).\(name)"
    }

    mutating func check(_ value: JSONValue, _ schema: Schema, at path: String) {
        switch schema {
        case .any:
            return
        case .dictionary:
            if value.objectValue == nil { self.report(path, "Input should be a valid dictionary", value) }
        case .boolean:
            if LaxValue.boolean(value) == nil {
                // pydantic tries to interpret strings and whole numbers (2, 2.0); other numbers are just wrong.
                var interpretable = value.stringValue != nil
                if case .number(let n) = value, n.integerValue != nil { interpretable = true }
                let message =
                    interpretable
                    ? "Input should be a valid boolean, unable to interpret input" : "Input should be a valid boolean"
                self.report(path, message, value)
            }
        case .integer(let minimum, let maximum):
            self.checkInteger(value, minimum: minimum, maximum: maximum, at: path)
        case .number(let minimum, let maximum):
            self.checkNumber(value, minimum: minimum, maximum: maximum, at: path)
        case .string(let rule):
            self.checkString(value, rule, at: path)
        case .array(let element, let minimumCount):
            guard let items = value.arrayValue else {
                self.report(path, "Input should be a valid list", value)
                return
            }
            for (i, item) in items.enumerated() {
                self.check(item, element, at: "\(path)[\(i)]")
            }
            if items.count < minimumCount {
                let noun = minimumCount == 1 ? "item" : "items"
                self.report(
                    path, "List should have at least \(minimumCount) \(noun) after validation, not \(items.count)", value)
            }
        case .stringOrList(let element):
            switch value {
            case .string: return
            case .array: self.check(value, .array(element), at: path)
            default:
                // pydantic reports a failed union once per member, labelled with the member's name.
                self.report(Self.member(path, "str"), "Input should be a valid string", value)
                self.report(Self.member(path, "list"), "Input should be a valid list", value)
            }
        case .object(let object):
            self.checkObject(value, object, skipping: nil, at: path)
        case .tagged(let discriminator, let choices):
            self.checkTagged(value, discriminator: discriminator, choices: choices, at: path)
        }
    }

    private mutating func checkInteger(_ value: JSONValue, minimum: Int?, maximum: Int?, at path: String) {
        switch LaxValue.integer(value) {
        case .value(let i):
            if let minimum, i < minimum {
                self.report(path, "Input should be greater than or equal to \(minimum)", value)
            } else if let maximum, i > maximum {
                self.report(path, "Input should be less than or equal to \(maximum)", value)
            }
        case .fractional:
            self.report(path, "Input should be a valid integer, got a number with a fractional part", value)
        case .unparsableString:
            self.report(path, "Input should be a valid integer, unable to parse string as an integer", value)
        case .notInteger:
            self.report(path, "Input should be a valid integer", value)
        }
    }

    private mutating func checkNumber(_ value: JSONValue, minimum: Double?, maximum: Double?, at path: String) {
        switch LaxValue.number(value) {
        case .value(let d):
            if !d.isFinite {
                self.report(path, "Input should be a finite number", value)
            } else if let minimum, d < minimum {
                self.report(path, "Input should be greater than or equal to \(Self.format(minimum))", value)
            } else if let maximum, d > maximum {
                self.report(path, "Input should be less than or equal to \(Self.format(maximum))", value)
            }
        case .unparsableString:
            self.report(path, "Input should be a valid number, unable to parse string as a number", value)
        case .notNumber:
            self.report(path, "Input should be a valid number", value)
        }
    }

    private static func format(_ d: Double) -> String {
        d.rounded() == d && abs(d) < 1e15 ? String(Int(d)) : "\(d)"
    }

    private mutating func checkString(_ value: JSONValue, _ rule: StringRule, at path: String) {
        guard let s = value.stringValue else {
            if let literals = rule.literals {
                self.report(path, Self.literalMessage(literals), value)
            } else {
                self.report(path, "Input should be a valid string", value)
            }
            return
        }
        if let literals = rule.literals {
            if !literals.contains(s) { self.report(path, Self.literalMessage(literals), value) }
            return
        }
        // pydantic counts code points, as Python's len() does.
        let length = s.unicodeScalars.count
        if length < rule.minimumLength {
            let noun = rule.minimumLength == 1 ? "character" : "characters"
            self.report(path, "String should have at least \(rule.minimumLength) \(noun)", value)
        } else if let maximum = rule.maximumLength, length > maximum {
            let noun = maximum == 1 ? "character" : "characters"
            self.report(path, "String should have at most \(maximum) \(noun)", value)
        } else if let pattern = rule.pattern, !pattern.matches(s) {
            self.report(path, "String should match pattern '\(pattern.text)'", value)
        }
    }

    /// `Input should be 'a'`, `'a' or 'b'`, `'a', 'b' or 'c'`.
    static func literalMessage(_ literals: [String]) -> String {
        let quoted = literals.map { "'\($0)'" }
        guard quoted.count > 1 else { return "Input should be \(quoted.first ?? "''")" }
        return "Input should be " + quoted.dropLast().joined(separator: ", ") + " or " + quoted.last!
    }

    private mutating func checkObject(_ value: JSONValue, _ object: ObjectSchema, skipping: String?, at path: String) {
        guard let members = value.objectValue else {
            self.report(path, "Input should be a valid dictionary or object to extract fields from", value)
            return
        }
        for field in object.fields where field.name != skipping {
            let fieldPath = Self.member(path, field.name)
            guard let fieldValue = members[field.name] else {
                if field.required { self.report(fieldPath, "Field required", value) }
                continue
            }
            // Optional members may be null, as `Optional[...] = None` fields are.
            if fieldValue.isNull && !field.required { continue }
            self.check(fieldValue, field.schema, at: fieldPath)
        }
        guard object.closed else { return }
        // A repeated key keeps its last value, as Python's json does; it is reported once, where it first came.
        // Last values are found in one pass, and only once an extra key turns up (most objects have none): looking
        // each key up would take time growing with the square of the member count.
        var lastValue: [String: JSONValue]?
        var seen = Set<String>()
        for member in members.members where seen.insert(member.key).inserted {
            if member.key != skipping && !object.fields.contains(where: { $0.name == member.key }) {
                if lastValue == nil { lastValue = Dictionary(members.members, uniquingKeysWith: { $1 }) }
                self.report(Self.member(path, member.key), "Extra inputs are not permitted", lastValue?[member.key])
            }
        }
    }

    private mutating func checkTagged(
        _ value: JSONValue,
        discriminator: String,
        choices: [(tag: String, schema: ObjectSchema)],
        at path: String
    ) {
        guard let members = value.objectValue else {
            self.report(path, "Input should be a valid dictionary or object to extract fields from", value)
            return
        }
        guard let tagValue = members[discriminator], let tag = tagValue.stringValue else {
            self.report(path, "Unable to extract tag using discriminator '\(discriminator)'", value)
            return
        }
        guard let choice = choices.first(where: { $0.tag == tag }) else {
            let expected = choices.map { "'\($0.tag)'" }.joined(separator: ", ")
            self.report(
                path,
                "Input tag '\(tag)' found using '\(discriminator)' does not match any of the expected tags: \(expected)",
                value)
            return
        }
        self.checkObject(value, choice.schema, skipping: discriminator, at: Self.member(path, tag))
    }
}
