import MessagesAPI

extension ScriptDecoder {
    static let matchKeys = [
        "model", "last_user", "system", "any_message", "headers", "tools", "tool_result", "turn", "stream",
    ]

    mutating func matchRule(_ value: JSONValue) -> MatchRule {
        var rule = MatchRule()
        guard let object = value.objectValue else {
            self.fail("match", "must be a mapping of conditions")
            return rule
        }
        for key in object.keys where !Self.matchKeys.contains(key) {
            self.fail("match.\(key)", "unknown condition (known: \(Self.matchKeys.joined(separator: ", ")))")
        }
        rule.model = object["model"].flatMap { self.textCondition($0, at: "match.model", plain: { .glob($0) }) }
        rule.lastUser = object["last_user"].flatMap { self.textCondition($0, at: "match.last_user") }
        rule.system = object["system"].flatMap { self.textCondition($0, at: "match.system") }
        rule.anyMessage = object["any_message"].flatMap { self.textCondition($0, at: "match.any_message") }
        if let headers = object["headers"] {
            if let members = headers.objectValue {
                for (name, value) in members.members {
                    if let condition = self.textCondition(value, at: "match.headers.\(name)", plain: { .equals($0) }) {
                        rule.headers.append((name.lowercased(), condition))
                    }
                }
            } else {
                self.fail("match.headers", "must be a mapping of header name to value")
            }
        }
        rule.tools = object["tools"].flatMap { self.toolCondition($0, at: "match.tools") }
        rule.toolResult = object["tool_result"].flatMap { self.toolCondition($0, at: "match.tool_result") }
        if let value = object["turn"] {
            if case .number(let n) = value, let turn = n.integerValue, turn >= 1 {
                rule.turn = turn
            } else {
                self.fail("match.turn", "must be a whole number of at least 1 (the count of user messages)")
            }
        }
        if let value = object["stream"] {
            if case .bool(let b) = value { rule.stream = b } else { self.fail("match.stream", "must be true or false") }
        }
        return rule
    }

    /// A plain string (read by `plain`, `contains` by default) or one of `{equals|contains|glob|regex: …}`.
    mutating func textCondition(
        _ value: JSONValue,
        at field: String,
        plain: (String) -> TextCondition = { .contains($0) }
    ) -> TextCondition? {
        if let text = value.stringValue { return plain(text) }
        if case .number(let n) = value { return plain(n.text) }
        guard let object = value.objectValue, object.members.count == 1, let (kind, operand) = object.members.first
        else {
            self.fail(field, "must be a string or a mapping with one of: equals, contains, glob, regex")
            return nil
        }
        guard let text = operand.stringValue else {
            self.fail("\(field).\(kind)", "must be a string")
            return nil
        }
        switch kind {
        case "equals": return .equals(text)
        case "contains": return .contains(text)
        case "glob": return .glob(text)
        case "regex":
            do {
                return .regex(try RegexBox(text))
            } catch {
                self.fail("\(field).regex", "not a valid regular expression: \(error)")
                return nil
            }
        default:
            self.fail("\(field).\(kind)", "unknown test (known: equals, contains, glob, regex)")
            return nil
        }
    }

    mutating func toolCondition(_ value: JSONValue, at field: String) -> ToolCondition? {
        switch value {
        case .bool(let b): return .present(b)
        case .string(let name) where !name.isEmpty: return .named(name)
        default:
            self.fail(field, "must be true, false or a tool name")
            return nil
        }
    }
}
