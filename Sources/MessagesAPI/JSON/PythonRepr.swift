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
        if n.isIntegerLiteral {
            // Python's int has no negative zero.
            return n.text.allSatisfy({ $0 == "-" || $0 == "0" }) ? "0" : n.text
        }
        let d = n.doubleValue
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        // Swift's shortest round-trip form matches Python's repr for ordinary values ("0.5", "1e+30").
        return "\(d)"
    }

    /// Python's `str.isprintable()` for one character: not a control, format, separator (other than the
    /// ASCII space), surrogate, private-use or unassigned character.
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator,
            .spaceSeparator:
            return false
        default:
            return true
        }
    }

    /// `\xNN`, `\uNNNN` or `\UNNNNNNNN`, as Python writes a character it cannot show.
    static func escape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16)
        switch scalar.value {
        case ..<0x100: return "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
        case ..<0x10000: return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: return "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
        }
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
            case _ where !self.isPrintable(scalar):
                out += self.escape(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out.append(quote)
        return out
    }
}
