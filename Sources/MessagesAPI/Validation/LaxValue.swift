/// pydantic's lax-mode readings of JSON values: `"12"` and `12.0` are integers, `"true"` and `1` are
/// booleans. The validator uses them to accept what the real endpoint accepts, and request decoding uses
/// the same readings so that what was accepted is what is used.
public enum LaxValue {
    public enum IntegerReading: Equatable, Sendable {
        case value(Int)
        case notInteger
        case fractional
        case unparsableString
    }

    public static func integer(_ value: JSONValue) -> IntegerReading {
        switch value {
        case .number(let n):
            if let i = n.integerValue { return .value(i) }
            return n.doubleValue.isFinite ? .fractional : .notInteger
        case .bool(let b):
            return .value(b ? 1 : 0)
        case .string(let s):
            let trimmed = s.trimmingWhitespace()
            if let i = Int(trimmed) { return .value(i) }
            // pydantic also reads "42.0" as 42 (a float string with no fraction).
            if let d = Double(trimmed), d.isFinite, d.rounded() == d, abs(d) < 9.2e18 { return .value(Int(d)) }
            return .unparsableString
        default:
            return .notInteger
        }
    }

    public enum NumberReading: Equatable, Sendable {
        case value(Double)
        case notNumber
        case unparsableString
    }

    public static func number(_ value: JSONValue) -> NumberReading {
        switch value {
        case .number(let n): return .value(n.doubleValue)
        case .bool(let b): return .value(b ? 1 : 0)
        case .string(let s):
            if let d = Double(s.trimmingWhitespace()) { return .value(d) }
            return .unparsableString
        default: return .notNumber
        }
    }

    public static func boolean(_ value: JSONValue) -> Bool? {
        switch value {
        case .bool(let b): return b
        case .number(let n):
            if n.doubleValue == 0 { return false }
            if n.doubleValue == 1 { return true }
            return nil
        case .string(let s):
            switch s.trimmingWhitespace().lowercased() {
            case "0", "off", "f", "false", "n", "no": return false
            case "1", "on", "t", "true", "y", "yes": return true
            default: return nil
            }
        default: return nil
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing white space.
    public func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let first = s.first, first.isWhitespace { s.removeFirst() }
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return String(s)
    }
}
