/// A parsed JSON document that keeps what validation needs to see: object key order, and each number's
/// original text (so `5` and `5.0` stay distinguishable and huge integers are not rounded away).
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The name pydantic-style messages use for this kind of value.
    public var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// Looks up a key when this value is an object.
    public subscript(key: String) -> JSONValue? {
        self.objectValue?[key]
    }
}

/// A JSON number as written in the request, with its integer and floating-point readings.
public struct JSONNumber: Sendable, Equatable {
    /// The exact text from the request body.
    public var text: String

    public init(text: String) {
        self.text = text
    }

    public init(_ value: Int) {
        self.text = String(value)
    }

    /// True when the text has no fraction or exponent part.
    public var isIntegerLiteral: Bool {
        !self.text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" })
    }

    public var doubleValue: Double {
        Double(self.text) ?? .nan
    }

    /// The value as an integer, when it is one (`5`, `5.0`, `1e3`); huge integers saturate.
    public var integerValue: Int? {
        if self.isIntegerLiteral {
            if let exact = Int(self.text) { return exact }
            return self.text.hasPrefix("-") ? Int.min : Int.max
        }
        let d = self.doubleValue
        guard d.isFinite, d.rounded() == d else { return nil }
        if d >= 9.2e18 { return Int.max }
        if d <= -9.2e18 { return Int.min }
        return Int(d)
    }
}

/// A JSON object whose members keep the order they were written in.
public struct JSONObject: Sendable, Equatable {
    public var members: [(key: String, value: JSONValue)]

    public init(_ members: [(key: String, value: JSONValue)] = []) {
        self.members = members
    }

    public subscript(key: String) -> JSONValue? {
        // Objects in requests are small; a linear scan beats hashing here. The last duplicate wins, as in Python.
        for member in self.members.reversed() where member.key == key {
            return member.value
        }
        return nil
    }

    public var keys: [String] { self.members.map(\.key) }

    public var isEmpty: Bool { self.members.isEmpty }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.count == rhs.members.count
            && zip(lhs.members, rhs.members).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}
