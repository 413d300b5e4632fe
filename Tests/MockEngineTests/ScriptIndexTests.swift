@testable import MockEngine
import Testing

/// The header index picks every script a request's headers let through, in trial order, and no other.
@Suite struct ScriptIndexTests {
    static func entry(_ headers: [(name: String, condition: TextCondition)]) -> ScriptBook.Entry {
        let script = Script(name: "s", source: "t", match: MatchRule(headers: headers), replies: ScriptBookTests.texts("x"))
        return ScriptBook.Entry(script: script, scope: .global, addedAtRunTime: false)
    }

    static let index = ScriptIndex([
        entry([("x-mock-scenario", .equals("weather"))]),  // 0
        entry([]),  // 1
        entry([("x-mock-scenario", .contains("a"))]),  // 2
        entry([("x-mock-scenario", .equals("refusal"))]),  // 3
        entry([("x-other", .equals("1")), ("x-mock-scenario", .equals("weather"))]),  // 4
        entry([("x-mock-scenario", .equals("weather"))]),  // 5
    ])

    static func candidates(_ headers: [String: String]) -> [Int] {
        self.index.candidates { headers[$0] }
    }

    @Test func withoutTheHeaders_onlyScriptsWithNoHeaderCondition() {
        #expect(Self.candidates([:]) == [1])
        #expect(Self.candidates(["x-unrelated": "weather"]) == [1])
    }

    @Test func anExactValue_findsItsScripts_andThoseWithOtherConditions_inTrialOrder() {
        #expect(Self.candidates(["x-mock-scenario": "weather"]) == [0, 1, 2, 5])
        #expect(Self.candidates(["x-mock-scenario": "refusal"]) == [1, 2, 3])
        #expect(Self.candidates(["x-mock-scenario": "none of these"]) == [1, 2])
    }

    @Test func aScriptIsFiledUnderItsFirstHeaderCondition() {
        #expect(Self.candidates(["x-other": "1"]) == [1, 4])
        #expect(Self.candidates(["x-other": "1", "x-mock-scenario": "weather"]) == [0, 1, 2, 4, 5])
    }
}
