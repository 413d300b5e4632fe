import MessagesAPI

extension ScriptDecoder {
    static let matchKeys = MatchRule.Condition.allCases.map(\.rawValue)

    mutating func matchRule(_ value: JSONValue) -> MatchRule {
        var rule = MatchRule()
        guard let object = value.objectValue else {
            self.fail("match", "must be a mapping of conditions")
            return rule
        }
        for key in object.keys where !Self.matchKeys.contains(key) {
            self.fail("match.\(key)", "unknown condition (known: \(Self.matchKeys.joined(separator: ", ")))")
        }
        for kind in MatchRule.Condition.allCases {
            guard let value = object[kind.rawValue] else { continue }
            let field = "match.\(kind.rawValue)"
            switch kind {
            case .model: rule.model = self.textCondition(value, at: field, plain: { .glob($0) })
            case .lastUser: rule.lastUser = self.textCondition(value, at: field)
            case .system: rule.system = self.textCondition(value, at: field)
            case .anyMessage: rule.anyMessage = self.textCondition(value, at: field)
            case .headers:
                guard let members = value.objectValue else {
                    self.fail(field, "must be a mapping of header name to value")
                    continue
                }
                for (name, value) in members.members {
                    if let condition = self.textCondition(value, at: "\(field).\(name)", plain: { .equals($0) }) {
                        rule.headers.append(HeaderCondition(name: name.lowercased(), condition: condition))
                    }
                }
            case .tools: rule.tools = self.toolCondition(value, at: field)
            case .toolResult: rule.toolResult = self.toolCondition(value, at: field)
            case .turn:
                if case .number(let n) = value, let turn = n.integerValue, turn >= 1 {
                    rule.turn = turn
                } else {
                    self.fail(field, "must be a whole number of at least 1 (the count of user messages)")
                }
            case .stream:
                if case .bool(let b) = value { rule.stream = b } else { self.fail(field, "must be true or false") }
            case .request:
                if let values = value.objectValue, !values.isEmpty {
                    rule.request = RequestCondition(values: values)
                } else {
                    self.fail(field, "must be a mapping of request keys to the JSON value each must have")
                }
            }
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
