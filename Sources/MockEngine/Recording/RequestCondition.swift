import MessagesAPI

/// `match.request`: request body keys that must hold these JSON values, compared as values (key order,
/// spacing and number spelling aside; `[redacted]` in a string stands for any text). A key whose value is
/// `null` must be absent or null; a missing `stream` counts as `false`. Recordings match this way.
public struct RequestCondition: Sendable, Hashable {
    public let values: JSONObject
    /// The values as canonical text: equal conditions have equal text.
    public let canonical: String

    public init(values: JSONObject) {
        self.values = values
        self.canonical = String(decoding: JSONWriter.encode(Self.sorted(.object(values))), as: UTF8.self)
    }

    /// The first key whose value differs in `request`, or nil when every key holds.
    public func firstDifference(in request: JSONValue) -> String? {
        for (key, expected) in self.values.members {
            let actual = request[key] ?? (key == "stream" ? .bool(false) : .null)
            if !expected.isSameValue(as: actual) { return key }
        }
        return nil
    }

    public static func == (lhs: RequestCondition, rhs: RequestCondition) -> Bool { lhs.canonical == rhs.canonical }

    public func hash(into hasher: inout Hasher) { hasher.combine(self.canonical) }

    /// `value` with every object's keys in order and numbers in one spelling, so equal values encode alike.
    static func sorted(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            return .object(JSONObject(object.members.sorted { $0.key < $1.key }.map { ($0.key, self.sorted($0.value)) }))
        case .array(let items):
            return .array(items.map(self.sorted))
        case .number(let n):
            return .number(JSONNumber(text: n.doubleValue.isFinite ? "\(n.doubleValue)" : n.text))
        default:
            return value
        }
    }
}
