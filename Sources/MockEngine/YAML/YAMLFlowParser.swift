import MessagesAPI

/// Flow collections: `[a, b]` and `{key: value}`, nested freely. A collection may go on over the lines that
/// follow, each joined to the text before it with a space; a line is fetched only when the text so far ends
/// inside the collection, so every line is read once, however many lines the collection spans.
struct YAMLFlowParser {
    /// The text being read: the first line's, then each fetched line's (earlier text is no longer needed).
    private var text: Substring
    private var index: Substring.Index
    /// The line the collection starts on; every error names it.
    let line: Int
    /// Lines after the first one that may continue the collection: those indented past `parentIndent`.
    private let continuation: ArraySlice<YAMLLine>
    private let parentIndent: Int
    private(set) var linesUsed = 0
    /// Collections open around the one being read, block collections of the document included.
    private var depth: Int

    private init(_ text: Substring, line: Int, continuation: ArraySlice<YAMLLine>, parentIndent: Int, depth: Int) {
        self.text = text
        self.index = text.startIndex
        self.line = line
        self.continuation = continuation
        self.parentIndent = parentIndent
        self.depth = depth
    }

    /// Parses one flow collection starting `text`, which may go on over the lines of `continuation` indented
    /// past `parentIndent`. Returns it with the rest of the line it ends on and the number of lines it took
    /// from `continuation`.
    static func parse(
        _ text: Substring,
        line: Int,
        continuation: ArraySlice<YAMLLine> = [],
        parentIndent: Int = 0,
        depth: Int = 0
    ) throws(YAMLError) -> (value: JSONValue, rest: Substring, linesUsed: Int) {
        var parser = YAMLFlowParser(text, line: line, continuation: continuation, parentIndent: parentIndent, depth: depth)
        let value = try parser.value(isKey: false)
        return (value, parser.text[parser.index...], parser.linesUsed)
    }

    /// Moves on to the next line that may continue the collection; false when there is none.
    private mutating func fetchLine() -> Bool {
        let position = self.continuation.startIndex + self.linesUsed
        guard position < self.continuation.endIndex, self.continuation[position].indent > self.parentIndent else {
            return false
        }
        self.linesUsed += 1
        self.text = Substring(" " + YAMLScalar.strippingComment(self.continuation[position].text))
        self.index = self.text.startIndex
        return true
    }

    /// The character at the reading position, fetching the next line at the end of this one; nil at the end.
    private mutating func current() -> Character? {
        while self.index == self.text.endIndex {
            guard self.fetchLine() else { return nil }
        }
        return self.text[self.index]
    }

    private mutating func skipSpace() {
        while let c = self.current(), c == " " || c == "\t" { self.advance() }
    }

    private mutating func advance() { self.index = self.text.index(after: self.index) }

    private mutating func enter() throws(YAMLError) {
        self.depth += 1
        if self.depth > JSONParser.defaultMaximumDepth {
            throw YAMLError(line: self.line, "nesting deeper than \(JSONParser.defaultMaximumDepth) levels")
        }
    }

    mutating func value(isKey: Bool) throws(YAMLError) -> JSONValue {
        self.skipSpace()
        switch self.current() {
        case "[":
            try self.enter()
            defer { self.depth -= 1 }
            self.advance()
            var items: [JSONValue] = []
            while true {
                self.skipSpace()
                if self.current() == "]" {
                    self.advance()
                    return .array(items)
                }
                items.append(try self.value(isKey: false))
                self.skipSpace()
                switch self.current() {
                case ",": self.advance()
                case "]": continue
                case nil: throw YAMLError(line: self.line, "a flow collection is not closed")
                default: throw YAMLError(line: self.line, "expected ',' or ']' in a flow sequence")
                }
            }
        case "{":
            try self.enter()
            defer { self.depth -= 1 }
            self.advance()
            var members: [(key: String, value: JSONValue)] = []
            var names = Set<String>()
            while true {
                self.skipSpace()
                if self.current() == "}" {
                    self.advance()
                    return .object(JSONObject(members))
                }
                let key = try self.value(isKey: true)
                guard let name = Self.keyText(key) else { throw YAMLError(line: self.line, "mapping keys must be plain text") }
                guard names.insert(name).inserted else { throw YAMLError(line: self.line, "duplicate key '\(name)'") }
                self.skipSpace()
                var value = JSONValue.null
                if self.current() == ":" {
                    self.advance()
                    self.skipSpace()
                    if self.current() != "," && self.current() != "}" { value = try self.value(isKey: false) }
                }
                members.append((name, value))
                self.skipSpace()
                switch self.current() {
                case ",": self.advance()
                case "}": continue
                case nil: throw YAMLError(line: self.line, "a flow collection is not closed")
                default: throw YAMLError(line: self.line, "expected ',' or '}' in a flow mapping")
                }
            }
        case "'", "\"":
            // A quoted scalar ends on its line, which is the one being read.
            let (string, rest) = try YAMLScalar.quoted(self.text[self.index...], line: self.line)
            self.index = rest.startIndex
            return .string(string)
        case nil:
            throw YAMLError(line: self.line, "a flow collection is not closed")
        default:
            return self.plainScalar(isKey: isKey)
        }
    }

    /// A plain scalar, which may go on over the next lines like the collection around it.
    private mutating func plainScalar(isKey: Bool) -> JSONValue {
        var scalar = ""
        var start = self.index
        while true {
            if self.index == self.text.endIndex {
                scalar += self.text[start..<self.index]
                guard self.fetchLine() else { break }
                start = self.index
                continue
            }
            let c = self.text[self.index]
            if ",[]{}".contains(c) {
                scalar += self.text[start..<self.index]
                break
            }
            // In a key, ': ' ends the scalar; in a value, a ':' belongs to it (URLs). A line's end reads as
            // the space that joins it to the next.
            if isKey, c == ":" {
                let next = self.text.index(after: self.index)
                if next == self.text.endIndex || " ,}]".contains(self.text[next]) {
                    scalar += self.text[start..<self.index]
                    break
                }
            }
            self.advance()
        }
        return YAMLScalar.resolve(YAMLScalar.trimmingTrailingSpace(Substring(scalar)))
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
