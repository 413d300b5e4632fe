import MessagesAPI

/// A YAML reader for the subset script files need, producing the same `JSONValue`s JSON files give:
/// block mappings and sequences by indentation, flow collections (`[…]`, `{…}`), plain, single- and
/// double-quoted scalars, literal (`|`) and folded (`>`) block scalars with chomping indicators, comments,
/// and several documents separated by `---`. Anchors, aliases, tags and complex keys are refused with a
/// clear error rather than misread.
public struct YAMLParser {
    private var lines: [YAMLLine]
    private var position = 0
    /// Block collections open around the reading position. Past `JSONParser.defaultMaximumDepth` a text is
    /// refused, as a JSON body is: it would only be deep to exhaust the stack.
    private var depth = 0

    /// Every document of `text`.
    public static func documents(_ text: String) throws(YAMLError) -> [JSONValue] {
        var documents: [[YAMLLine]] = [[]]
        for line in try YAMLLine.lines(of: text) {
            if line.indent == 0, line.text == "---" || line.text.hasPrefix("--- ") || line.text == "..." {
                if line.text != "..." { documents.append([]) }
                continue
            }
            documents[documents.count - 1].append(line)
        }
        var values: [JSONValue] = []
        for lines in documents where lines.contains(where: { !$0.isBlank }) {
            var parser = YAMLParser(lines: lines)
            let value = try parser.node(minimumIndent: 0)
            parser.skipBlank()
            if parser.position < parser.lines.count {
                let line = parser.lines[parser.position]
                throw YAMLError(line: line.number, "unexpected text at this indentation: '\(line.text)'")
            }
            values.append(value)
        }
        return values
    }

    private init(lines: [YAMLLine]) {
        self.lines = lines
    }

    private mutating func skipBlank() {
        while self.position < self.lines.count, self.lines[self.position].isBlank { self.position += 1 }
    }

    /// The node starting at the next non-blank line, if it is indented at least `minimumIndent`.
    private mutating func node(minimumIndent: Int) throws(YAMLError) -> JSONValue {
        self.skipBlank()
        guard self.position < self.lines.count else { return .null }
        let line = self.lines[self.position]
        guard line.indent >= minimumIndent else { return .null }
        // An entry's text is checked as the node it holds, so nested entries (`- - x`) are not rescanned.
        if line.isSequenceEntry { return try self.sequence(indent: line.indent) }
        try Self.refuseUnsupported(line.text, line: line.number)
        if try Self.mappingKey(line) != nil { return try self.mapping(indent: line.indent) }
        self.position += 1
        return try self.inlineValue(YAMLScalar.strippingComment(line.text), line: line, parentIndent: line.indent - 1)
    }

    private static func refuseUnsupported(_ text: Substring, line: Int) throws(YAMLError) {
        let start = text.drop(while: { $0 == "-" || $0 == " " })
        if start.first == "&" || start.first == "*" { throw YAMLError(line: line, "anchors and aliases are not supported") }
        if start.first == "!" { throw YAMLError(line: line, "tags are not supported") }
        if start.first == "?" && (start.dropFirst().isEmpty || start.dropFirst().first == " ") {
            throw YAMLError(line: line, "complex keys are not supported")
        }
    }

    /// Counts one more open block collection, the one starting at the reading position.
    private mutating func enter() throws(YAMLError) {
        self.depth += 1
        if self.depth > JSONParser.defaultMaximumDepth {
            throw YAMLError(line: self.lines[self.position].number, "nesting deeper than \(JSONParser.defaultMaximumDepth) levels")
        }
    }

    private mutating func sequence(indent: Int) throws(YAMLError) -> JSONValue {
        try self.enter()
        defer { self.depth -= 1 }
        var items: [JSONValue] = []
        while true {
            self.skipBlank()
            guard self.position < self.lines.count else { break }
            let line = self.lines[self.position]
            guard line.indent == indent, line.isSequenceEntry else {
                if line.indent > indent { throw YAMLError(line: line.number, "unexpected indentation in a sequence") }
                break
            }
            let rest = line.text.dropFirst().drop(while: { $0 == " " })
            if YAMLScalar.isBlankOrComment(rest) {
                self.position += 1
                items.append(try self.node(minimumIndent: indent + 1))
            } else {
                // `- key: value` or `- - x`: the rest of the line is a node indented where its text starts.
                let offset = line.text.distance(from: line.text.startIndex, to: rest.startIndex)
                self.lines[self.position] = YAMLLine(number: line.number, indent: indent + offset, text: rest)
                items.append(try self.node(minimumIndent: indent + 1))
            }
        }
        return .array(items)
    }

    /// The key of a `key: value` line and the text after the colon, or nil when the line is no mapping entry.
    private static func mappingKey(_ line: YAMLLine) throws(YAMLError) -> (key: String, rest: Substring)? {
        let text = line.text
        if text.first == "'" || text.first == "\"" {
            let (key, after) = try YAMLScalar.quoted(text, line: line.number)
            let trimmed = after.drop(while: { $0 == " " })
            guard trimmed.first == ":" else { return nil }
            return (key, trimmed.dropFirst())
        }
        if text.first == "[" || text.first == "{" || text.first == "#" { return nil }
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == "#", index > text.startIndex, text[text.index(before: index)] == " " { return nil }
            if text[index] == ":" {
                let next = text.index(after: index)
                if next == text.endIndex || text[next] == " " || text[next] == "\t" {
                    let key = YAMLScalar.trimmingTrailingSpace(text[..<index])
                    return (String(key), text[next...])
                }
            }
            index = text.index(after: index)
        }
        return nil
    }

    private mutating func mapping(indent: Int) throws(YAMLError) -> JSONValue {
        try self.enter()
        defer { self.depth -= 1 }
        var members: [(key: String, value: JSONValue)] = []
        var keys = Set<String>()
        while true {
            self.skipBlank()
            guard self.position < self.lines.count else { break }
            let line = self.lines[self.position]
            guard line.indent == indent else {
                if line.indent > indent { throw YAMLError(line: line.number, "unexpected indentation in a mapping") }
                break
            }
            guard let (key, rest) = try Self.mappingKey(line) else {
                if line.isSequenceEntry { break }
                throw YAMLError(line: line.number, "expected 'key: value' here, found '\(line.text)'")
            }
            guard keys.insert(key).inserted else { throw YAMLError(line: line.number, "duplicate key '\(key)'") }
            try Self.refuseUnsupported(rest.drop(while: { $0 == " " }), line: line.number)
            self.position += 1
            let value = YAMLScalar.strippingComment(rest.drop(while: { $0 == " " || $0 == "\t" }))
            if value.isEmpty {
                // The value is the block below: more indented, or a sequence at the same indentation.
                self.skipBlank()
                if self.position < self.lines.count, self.lines[self.position].indent == indent,
                    self.lines[self.position].isSequenceEntry
                {
                    members.append((key, try self.sequence(indent: indent)))
                } else {
                    members.append((key, try self.node(minimumIndent: indent + 1)))
                }
            } else {
                members.append((key, try self.inlineValue(value, line: line, parentIndent: indent)))
            }
        }
        return .object(JSONObject(members))
    }

    /// A value written after `key:` (or alone on its line): a block scalar, a flow collection, a quoted or
    /// plain scalar. Plain scalars continue on following lines indented past `parentIndent`.
    private mutating func inlineValue(_ text: Substring, line: YAMLLine, parentIndent: Int) throws(YAMLError) -> JSONValue {
        switch text.first {
        case "|", ">":
            return .string(try self.blockScalar(header: text, line: line, parentIndent: parentIndent))
        case "[", "{":
            // A flow collection may go on over the next lines indented past its parent.
            let (value, rest, linesUsed) = try YAMLFlowParser.parse(
                text, line: line.number, continuation: self.lines[self.position...], parentIndent: parentIndent,
                depth: self.depth)
            self.position += linesUsed
            if !YAMLScalar.strippingComment(rest).isEmpty {
                throw YAMLError(line: line.number, "unexpected text after a flow collection: '\(rest)'")
            }
            return value
        case "'", "\"":
            let (string, rest) = try YAMLScalar.quoted(text, line: line.number)
            if !YAMLScalar.strippingComment(rest).isEmpty {
                throw YAMLError(line: line.number, "unexpected text after a quoted string: '\(rest)'")
            }
            return .string(string)
        default:
            var words = String(text)
            var continued = false
            while self.position < self.lines.count {
                let next = self.lines[self.position]
                if next.isBlank || next.indent <= parentIndent || next.isSequenceEntry { break }
                if (try? Self.mappingKey(next)) != nil { break }
                words += " " + YAMLScalar.strippingComment(next.text)
                continued = true
                self.position += 1
            }
            return continued ? .string(words) : YAMLScalar.resolve(Substring(words))
        }
    }

    /// `|` keeps line breaks, `>` folds them into spaces; `-` strips the final break, `+` keeps all trailing
    /// ones, the default keeps one. An indentation digit sets the content's indentation.
    private mutating func blockScalar(header: Substring, line: YAMLLine, parentIndent: Int) throws(YAMLError) -> String {
        let literal = header.first == "|"
        var chomping: Character = " "
        var explicitIndent: Int?
        for c in header.dropFirst() {
            if c == "-" || c == "+" { chomping = c } else if let digit = c.wholeNumberValue, digit > 0 { explicitIndent = digit } else {
                throw YAMLError(line: line.number, "invalid block scalar header '\(header)'")
            }
        }
        var body: [Substring] = []
        var contentIndent = explicitIndent.map { parentIndent + $0 }
        while self.position < self.lines.count {
            let next = self.lines[self.position]
            let isEmpty = next.text.allSatisfy { $0 == " " }
            if !isEmpty {
                if contentIndent == nil { contentIndent = next.indent }
                if next.indent < contentIndent! || next.indent <= parentIndent { break }
            }
            let extra = isEmpty ? 0 : next.indent - contentIndent!
            body.append(Substring(String(repeating: " ", count: extra)) + next.text)
            self.position += 1
        }
        var trailing = 0
        while let last = body.last, last.allSatisfy({ $0 == " " }) {
            body.removeLast()
            trailing += 1
        }
        var text: String
        if literal {
            text = body.joined(separator: "\n")
        } else {
            // Folding: single breaks between lines become spaces; empty lines stay as breaks.
            text = ""
            for (i, piece) in body.enumerated() {
                if i > 0 {
                    let previous = body[i - 1]
                    if piece.isEmpty {
                        text += "\n"
                    } else if previous.isEmpty {
                        // The break before an empty line is folded away; the empty line itself gave the "\n".
                    } else if piece.first == " " || previous.first == " " {
                        text += "\n"
                    } else {
                        text += " "
                    }
                }
                text += piece
            }
        }
        if body.isEmpty { return "" }
        switch chomping {
        case "-": return text
        case "+": return text + String(repeating: "\n", count: trailing + 1)
        default: return text + "\n"
        }
    }
}
