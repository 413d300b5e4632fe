import MessagesAPI

/// Scalar syntax: quoted forms with their escapes, comment stripping, and how plain scalars resolve
/// (YAML 1.2 core schema: null, booleans, integers, floats, else strings).
enum YAMLScalar {
    /// A plain scalar's value.
    static func resolve(_ text: Substring) -> JSONValue {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        if let integer = self.integer(text) { return .number(JSONNumber(integer)) }
        if self.isFloat(text), let value = Double(text), value.isFinite { return .number(JSONNumber(text: "\(value)")) }
        return .string(String(text))
    }

    private static func integer(_ text: Substring) -> Int? {
        if text.hasPrefix("0x") { return Int(text.dropFirst(2), radix: 16) }
        if text.hasPrefix("0o") { return Int(text.dropFirst(2), radix: 8) }
        var digits = text
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) else { return nil }
        return Int(text.first == "+" ? text.dropFirst() : text)
    }

    private static func isFloat(_ text: Substring) -> Bool {
        var rest = text
        if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
        let mantissa = rest.prefix(while: { $0.isASCIIDigit || $0 == "." })
        guard mantissa.contains(where: \.isASCIIDigit), mantissa.filter({ $0 == "." }).count <= 1 else { return false }
        rest = rest.dropFirst(mantissa.count)
        if rest.isEmpty { return true }
        guard rest.first == "e" || rest.first == "E" else { return false }
        rest = rest.dropFirst()
        if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
        return !rest.isEmpty && rest.allSatisfy(\.isASCIIDigit)
    }

    /// Reads a quoted scalar at the start of `text`; returns its value and what follows the closing quote.
    static func quoted(_ text: Substring, line: Int) throws(YAMLError) -> (String, Substring) {
        let quote = text.first!
        var out = ""
        var index = text.index(after: text.startIndex)
        while index < text.endIndex {
            let c = text[index]
            if c == quote {
                let next = text.index(after: index)
                // In single quotes, '' is an escaped quote.
                if quote == "'", next < text.endIndex, text[next] == "'" {
                    out.append("'")
                    index = text.index(after: next)
                    continue
                }
                return (out, text[next...])
            }
            if quote == "\"" && c == "\\" {
                let (character, after) = try self.escape(text, at: text.index(after: index), line: line)
                out.append(character)
                index = after
                continue
            }
            out.append(c)
            index = text.index(after: index)
        }
        throw YAMLError(line: line, "unterminated \(quote == "'" ? "single" : "double")-quoted string (quoted strings must end on their line)")
    }

    private static func escape(_ text: Substring, at index: Substring.Index, line: Int) throws(YAMLError) -> (Character, Substring.Index) {
        guard index < text.endIndex else { throw YAMLError(line: line, "a backslash ends the line inside a quoted string") }
        let after = text.index(after: index)
        switch text[index] {
        case "n": return ("\n", after)
        case "t": return ("\t", after)
        case "r": return ("\r", after)
        case "0": return ("\0", after)
        case "a": return ("\u{07}", after)
        case "b": return ("\u{08}", after)
        case "e": return ("\u{1B}", after)
        case "f": return ("\u{0C}", after)
        case "v": return ("\u{0B}", after)
        case " ": return (" ", after)
        case "/": return ("/", after)
        case "\\": return ("\\", after)
        case "\"": return ("\"", after)
        case "x", "u", "U":
            let width = text[index] == "x" ? 2 : text[index] == "u" ? 4 : 8
            let hex = text[after...].prefix(width)
            guard hex.count == width, let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else {
                throw YAMLError(line: line, "invalid \\\(text[index]) escape")
            }
            return (Character(scalar), text.index(after, offsetBy: width))
        default:
            throw YAMLError(line: line, "unknown escape \\\(text[index])")
        }
    }

    /// `text` without a trailing comment (a `#` after white space, outside quotes) and trailing spaces.
    static func strippingComment(_ text: Substring) -> Substring {
        var previous: Character = " "
        var quote: Character?
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            if let open = quote {
                if c == open { quote = nil }
            } else if c == "'" || c == "\"" {
                if previous == " " || previous == "[" || previous == "{" || previous == "," || previous == ":" { quote = c }
            } else if c == "#" && (previous == " " || previous == "\t") {
                return self.trimmingTrailingSpace(text[..<index])
            }
            previous = c
            index = text.index(after: index)
        }
        if text.first == "#" { return text[text.startIndex..<text.startIndex] }
        return self.trimmingTrailingSpace(text)
    }

    /// True when `strippingComment(text)` is empty, found without reading past the first visible character.
    static func isBlankOrComment(_ text: Substring) -> Bool {
        let visible = text.drop(while: { $0 == " " || $0 == "\t" })
        return visible.isEmpty || visible.first == "#"
    }

    static func trimmingTrailingSpace(_ text: Substring) -> Substring {
        var end = text.endIndex
        while end > text.startIndex, text[text.index(before: end)] == " " || text[text.index(before: end)] == "\t" {
            end = text.index(before: end)
        }
        return text[..<end]
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
