import MessagesAPI
import MockEngine
import Testing

/// Every kind of condition is known to every place that goes through a rule's conditions: a rule's stored
/// properties are exactly its kinds, and equality, counting and the shadowing warning tell each kind apart.
@Suite struct MatchRuleConditionTests {
    /// Two different values (as YAML) of each kind. A switch, so a new kind does not compile until it has some.
    static func values(_ kind: MatchRule.Condition) -> (String, String) {
        switch kind {
        case .model: ("accounts/fireworks/models/a", "accounts/fireworks/models/b")
        case .lastUser: ("hello", "bye")
        case .system: ("pirate", "robot")
        case .anyMessage: ("{equals: hi}", "{equals: ho}")
        case .headers: ("{x-mock-scenario: one}", "{x-mock-scenario: two}")
        case .tools: ("true", "get_weather")
        case .toolResult: ("false", "get_weather")
        case .turn: ("1", "2")
        case .stream: ("true", "false")
        case .request: ("{messages: [{role: user, content: hi}]}", "{messages: [{role: user, content: ho}]}")
        }
    }

    /// The rule of a script whose `match:` is `{key: value, …}`.
    static func rule(_ conditions: [(MatchRule.Condition, String)]) throws -> MatchRule {
        let match = conditions.map { "\($0.0.rawValue): \($0.1)" }.joined(separator: ", ")
        let result = ScriptLoaderTests.load("name: a\nmatch: {\(match)}\nreply: {text: x}")
        #expect(result.problems.isEmpty, "\(result.problems)")
        return try #require(result.scripts.first).match
    }

    @Test func everyStoredPropertyIsAKindOfCondition_inOrder() {
        let properties = Mirror(reflecting: MatchRule()).children.map(\.label)
        #expect(properties == MatchRule.Condition.allCases.map { String(describing: $0) })
        #expect(Set(MatchRule.Condition.checkOrder) == Set(MatchRule.Condition.allCases))
        #expect(MatchRule.Condition.checkOrder.count == MatchRule.Condition.allCases.count)
    }

    @Test func equalityAndCounting_takeInEveryKind() throws {
        let kinds = MatchRule.Condition.allCases
        let full = try Self.rule(kinds.map { ($0, Self.values($0).0) })
        #expect(full == (try Self.rule(kinds.map { ($0, Self.values($0).0) })))
        #expect(full.conditionCount == kinds.count)
        #expect(full != MatchRule())
        var rules: Set<MatchRule> = [full, MatchRule()]
        for kind in kinds {
            #expect(full.count(of: kind) == 1)
            let changed = try Self.rule(kinds.map { ($0, $0 == kind ? Self.values($0).1 : Self.values($0).0) })
            #expect(changed != full, "a different \(kind.rawValue) made no difference")
            let alone = try Self.rule([(kind, Self.values(kind).0)])
            #expect(alone.conditionCount == 1)
            #expect(alone != MatchRule(), "a \(kind.rawValue) condition made no difference")
            rules.insert(changed)
            rules.insert(alone)
        }
        #expect(rules.count == 2 + 2 * kinds.count)
    }

    @Test func onlyTheVerySameConditions_shadowALaterScript() {
        for kind in MatchRule.Condition.allCases {
            let (one, two) = Self.values(kind)
            let script = { (name: String, value: String) in "- name: \(name)\n  match: {\(kind.rawValue): \(value)}\n  reply: {text: x}\n" }
            let same = ScriptLoaderTests.load(script("a", one) + script("b", one))
            #expect(same.warnings.count == 1, "\(kind.rawValue): \(same.warnings)")
            let different = ScriptLoaderTests.load(script("a", one) + script("b", two))
            #expect(different.warnings.isEmpty, "\(kind.rawValue): \(different.warnings)")
        }
    }
}
