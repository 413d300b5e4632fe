import MessagesAPI

/// Flow collections: `[a, b]` and `{key: value}`, nested freely, as written on one (joined) line.
struct YAMLFlowParser {
    let text: Substring
    var index: Substring.Index
    let line: Int

    init(_ text: Substring, line: Int) {
        self.text = text
        self.index = text.startIndex
        self.line = line
    }

    /// Parses one flow collection and returns it with whatever follows it.
    static func parse(_ text: Substring, line: Int) throws(YAMLError) -> (JSONValue, Substring) {
        var parser = YAMLFlowParser(text, line: line)
        let value = try parser.value(isKey: false)
        return (value, text[parser.index...])
    }

    private var current: Character? { self.index < self.text.endIndex ? self.text[self.index] : nil }

    private mutating func skipSpace() {
        while let c = self.current, c == " " || c == "\t" { self.index = self.text.index(after: self.index) }
    }

    private mutating func advance() { self.index = self.text.index(after: self.index) }

    mutating func value(isKey: Bool) throws(YAMLError) -> JSONValue {
        self.skipSpace()
        switch self.current {
        case "[":
            self.advance()
            var items: [JSONValue] = []
            while true {
                self.skipSpace()
                if self.current == "]" {
                    self.advance()
                    return .array(items)
                }
                items.append(try self.value(isKey: false))
                self.skipSpace()
                switch self.current {
                case ",": self.advance()
                case "]": continue
                case nil: throw YAMLError(line: self.line, "a flow collection is not closed")
                default: throw YAMLError(line: self.line, "expected ',' or ']' in a flow sequence")
                }
            }
        case "{":
            self.advance()
            var members: [(key: String, value: JSONValue)] = []
            while true {
                self.skipSpace()
                if self.current == "}" {
                    self.advance()
                    return .object(JSONObject(members))
                }
                let key = try self.value(isKey: true)
                guard let name = Self.keyText(key) else { throw YAMLError(line: self.line, "mapping keys must be plain text") }
                if members.contains(where: { $0.key == name }) { throw YAMLError(line: self.line, "duplicate key '\(name)'") }
                self.skipSpace()
                var value = JSONValue.null
                if self.current == ":" {
                    self.advance()
                    self.skipSpace()
                    if self.current != "," && self.current != "}" { value = try self.value(isKey: false) }
                }
                members.append((name, value))
                self.skipSpace()
                switch self.current {
                case ",": self.advance()
                case "}": continue
                case nil: throw YAMLError(line: self.line, "a flow collection is not closed")
                default: throw YAMLError(line: self.line, "expected ',' or '}' in a flow mapping")
                }
            }
        case "'", "\"":
            let (string, rest) = try YAMLScalar.quoted(self.text[self.index...], line: self.line)
            self.index = rest.startIndex
            return .string(string)
        case nil:
            throw YAMLError(line: self.line, "a flow collection is not closed")
        default:
            let start = self.index
            while let c = self.current, !",[]{}".contains(c) {
                // In a key, ': ' ends the scalar; in a value, a ':' belongs to it (URLs).
                if isKey, c == ":" {
                    let next = self.text.index(after: self.index)
                    if next == self.text.endIndex || " ,}]".contains(self.text[next]) { break }
                }
                self.advance()
            }
            return YAMLScalar.resolve(YAMLScalar.trimmingTrailingSpace(self.text[start..<self.index]))
        }
    }

    static func keyText(_ key: JSONValue) -> String? {
        switch key {
        case .string(let s): return s
        case .number(let n): return n.text
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        default: return nil
        }
    }
}
