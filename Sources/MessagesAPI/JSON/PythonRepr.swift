/// Renders a JSON value the way Python's `repr` shows the decoded value, as Fireworks' validation messages
/// print the offending input (`value: True`, `value: 'system'`, `value: [1, 2]`).
public enum PythonRepr {
    /// Longest repr printed before it is cut with `...`, so a huge input cannot make a huge error message.
    public static let maximumLength = 200

    public static func render(_ value: JSONValue) -> String {
        var out = ""
        self.append(value, to: &out)
        if out.count > self.maximumLength {
            return String(out.prefix(self.maximumLength)) + "..."
        }
        return out
    }

    private static func append(_ value: JSONValue, to out: inout String) {
        // Stop early once the text is long enough to be cut anyway.
        guard out.count <= self.maximumLength else { return }
        switch value {
        case .null: out += "None"
        case .bool(let b): out += b ? "True" : "False"
        case .number(let n): out += self.number(n)
        case .string(let s): out += self.string(s)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += ", " }
                self.append(item, to: &out)
                if out.count > self.maximumLength { break }
            }
            out += "]"
        case .object(let object):
            out += "{"
            for (i, member) in object.members.enumerated() {
                if i > 0 { out += ", " }
                out += self.string(member.key) + ": "
                self.append(member.value, to: &out)
                if out.count > self.maximumLength { break }
            }
            out += "}"
        }
    }

    static func number(_ n: JSONNumber) -> String {
        if n.isIntegerLiteral { return n.text }
        let d = n.doubleValue
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        // Swift's shortest round-trip form matches Python's repr for ordinary values ("0.5", "1e+30").
        return "\(d)"
    }

    /// Python's string repr: single quotes unless the text has a single quote and no double quote.
    static func string(_ s: String) -> String {
        let quote: Character = s.contains("'") && !s.contains("\"") ? "\"" : "'"
        var out = String(quote)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where Character(scalar) == quote: out += "\\" + String(quote)
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out.append(quote)
        return out
    }
}
