import MessagesAPI
import MockEngine
import Testing

/// Each condition on its own, matching and failing with its reason.
@Suite struct MatchRuleTests {
    static func facts(_ request: MessagesRequest, headers: [(String, String)] = []) -> RequestFacts {
        RequestFacts(request: request, headers: headers.map { (name: $0.0, value: $0.1) })
    }

    @Test func emptyRule_matchesEverything() throws {
        #expect(MatchRule().failure(for: Self.facts(try RequestMaker.user("hi"))) == nil)
    }

    @Test func model_exactAndGlob() throws {
        let facts = Self.facts(try RequestMaker.user("hi"))
        #expect(MatchRule(model: .glob("accounts/fireworks/models/kimi-k2p5")).failure(for: facts) == nil)
        #expect(MatchRule(model: .glob("accounts/*/models/kimi-*")).failure(for: facts) == nil)
        #expect(MatchRule(model: .glob("accounts/fireworks/models/kimi-k2p?")).failure(for: facts) == nil)
        #expect(
            MatchRule(model: .glob("*/glm-*")).failure(for: facts)
                == "model: 'accounts/fireworks/models/kimi-k2p5' does not match '*/glm-*'")
    }

    @Test func lastUser_containsEqualsRegex() throws {
        let facts = Self.facts(try RequestMaker.user("What is the weather in Paris?"))
        #expect(MatchRule(lastUser: .contains("weather")).failure(for: facts) == nil)
        #expect(MatchRule(lastUser: .equals("What is the weather in Paris?")).failure(for: facts) == nil)
        #expect(MatchRule(lastUser: .regex(try RegexBox("weather in [A-Z]"))).failure(for: facts) == nil)
        #expect(
            MatchRule(lastUser: .contains("rain")).failure(for: facts)
                == "last_user: text does not satisfy contains 'rain'")
    }

    @Test func system_andAnyMessage() throws {
        let request = try RequestMaker.request(
            #"{"model":"accounts/a/models/b","system":[{"type":"text","text":"You are a pirate."}],"messages":[{"role":"user","content":"first"},{"role":"assistant","content":"arr"},{"role":"user","content":"second"}]}"#
        )
        let facts = Self.facts(request)
        #expect(MatchRule(system: .contains("pirate")).failure(for: facts) == nil)
        #expect(MatchRule(system: .contains("robot")).failure(for: facts) != nil)
        #expect(MatchRule(anyMessage: .equals("arr")).failure(for: facts) == nil)
        #expect(MatchRule(anyMessage: .equals("first")).failure(for: facts) == nil)
        #expect(MatchRule(anyMessage: .contains("zzz")).failure(for: facts) == "any_message: no message satisfies contains 'zzz'")
        #expect(MatchRule(turn: 2).failure(for: facts) == nil)
        #expect(MatchRule(turn: 1).failure(for: facts) == "turn: wanted 1, request is turn 2")
    }

    @Test func headers_caseInsensitiveNames() throws {
        let facts = Self.facts(try RequestMaker.user("hi"), headers: [("X-Mock-Scenario", "weather")])
        #expect(MatchRule(headers: [("x-mock-scenario", .equals("weather"))]).failure(for: facts) == nil)
        #expect(
            MatchRule(headers: [("x-mock-scenario", .equals("rain"))]).failure(for: facts)
                == "headers.x-mock-scenario: 'weather' does not satisfy equals 'rain'")
        #expect(MatchRule(headers: [("x-other", .equals("a"))]).failure(for: facts) == "headers.x-other: header not sent")
    }

    @Test func tools_presenceAndName() throws {
        let plain = Self.facts(try RequestMaker.user("hi"))
        let withTool = Self.facts(try RequestMaker.toolResult())
        #expect(MatchRule(tools: .present(false)).failure(for: plain) == nil)
        #expect(MatchRule(tools: .present(true)).failure(for: plain) == "tools: request offers no tools")
        #expect(MatchRule(tools: .present(true)).failure(for: withTool) == nil)
        #expect(MatchRule(tools: .named("get_weather")).failure(for: withTool) == nil)
        #expect(MatchRule(tools: .named("search")).failure(for: withTool) == "tools: no tool named 'search' offered")
    }

    @Test func toolResult_presenceAndToolName() throws {
        let plain = Self.facts(try RequestMaker.user("hi"))
        let result = Self.facts(try RequestMaker.toolResult())
        #expect(MatchRule(toolResult: .present(false)).failure(for: plain) == nil)
        #expect(MatchRule(toolResult: .present(true)).failure(for: result) == nil)
        #expect(MatchRule(toolResult: .named("get_weather")).failure(for: result) == nil)
        #expect(
            MatchRule(toolResult: .named("search")).failure(for: result)
                == "tool_result: last user turn answers no call of 'search'")
        #expect(
            MatchRule(toolResult: .present(true)).failure(for: plain)
                == "tool_result: last user turn has no tool_result")
    }

    @Test func stream_flag() throws {
        #expect(MatchRule(stream: true).failure(for: Self.facts(try RequestMaker.user("hi", stream: true))) == nil)
        #expect(
            MatchRule(stream: true).failure(for: Self.facts(try RequestMaker.user("hi")))
                == "stream: wanted true, request has false")
    }

    @Test func allConditions_mustHold() throws {
        let facts = Self.facts(try RequestMaker.user("weather please", stream: true))
        #expect(MatchRule(lastUser: .contains("weather"), stream: true).failure(for: facts) == nil)
        #expect(MatchRule(lastUser: .contains("weather"), stream: false).failure(for: facts) != nil)
    }
}

/// `contains` keeps Swift's meaning (characters, canonical equivalence) on its fast path.
@Suite struct TextContainsTests {
    @Test(arguments: [
        ("What is the weather in Paris?", "weather"), ("What is the weather in Paris?", "rain"),
        ("abc", "abcd"), ("aab", "ab"), ("", "a"), ("café au lait", "au"), ("café au lait", "caf"),
        ("cafe\u{301}", "cafe"), ("café", "cafe\u{301}"), ("cafe\u{301}", "café"), ("a\r\nb", "\r"), ("a\r\nb", "a"),
        ("x\u{1F600}y", "y"), ("naïve", "ve"), ("e\u{301}", "e"),
    ])
    func agreesWithTheStandardLibrary(text: String, part: String) {
        #expect(TextCondition.contains(part).matches(text) == text.contains(part), "\(text.debugDescription) ⊇ \(part.debugDescription)")
    }
}
