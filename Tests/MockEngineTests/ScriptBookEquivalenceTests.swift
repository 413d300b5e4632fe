import MessagesAPI
import MockEngine
import Testing

/// The book tries scripts through its header index and outside its lock; whatever it answers must be what
/// trying every script in order, one request at a time, would answer. Checked over seeded random books and
/// requests, against a plain model of the rules.
@Suite struct ScriptBookEquivalenceTests {
    /// Every script tried in order, the first whose conditions hold and whose replies are not used up answers.
    struct Model {
        var scripts: [Script]
        var counts: [String: Int] = [:]

        mutating func answer(_ facts: RequestFacts) -> String? {
            for script in self.scripts where script.match.failure(for: facts) == nil {
                let count = self.counts[script.name, default: 0]
                guard script.reply(forMatch: count) != nil else { continue }
                self.counts[script.name] = count + 1
                return script.name
            }
            return nil
        }
    }

    static func randomScript(_ number: Int, using random: inout SeededGenerator) -> Script {
        let gates: [[(name: String, condition: TextCondition)]] = [
            [], [("x-a", .equals("v0"))], [("x-a", .equals("v1"))], [("x-a", .contains("v"))], [("x-b", .equals("w0"))],
            [("x-b", .glob("w*")), ("x-a", .equals("v2"))], [("x-a", .equals("v1")), ("x-b", .equals("w1"))],
        ]
        let texts: [TextCondition?] = [nil, nil, .contains("hello"), .contains("bye")]
        let match = MatchRule(
            lastUser: texts.randomElement(using: &random)!, headers: gates.randomElement(using: &random)!,
            stream: [nil, nil, true, false].randomElement(using: &random)!)
        let replies = Bool.random(using: &random) ? ScriptBookTests.texts("r") : ScriptBookTests.texts("r", "r")
        return Script(
            name: "s\(number)", source: "t", match: match, replies: replies,
            times: [nil, 1, 2].randomElement(using: &random)!)
    }

    static func randomHeaders(using random: inout SeededGenerator) -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = []
        if Bool.random(using: &random) {
            headers.append(([("x-a"), ("X-A")].randomElement(using: &random)!, "v\(Int.random(in: 0...3, using: &random))"))
        }
        if Bool.random(using: &random) { headers.append(("x-b", "w\(Int.random(in: 0...2, using: &random))")) }
        return headers.shuffled(using: &random)
    }

    @Test(arguments: 1...20)
    func answersAsTryingEveryScriptInOrder(seed: UInt64) throws {
        // Seeded, so a failing seed repeats.
        var random = SeededGenerator(seed: seed)
        let scripts = (0..<Int.random(in: 1...60, using: &random)).map { Self.randomScript($0, using: &random) }
        let book = ScriptBook(scripts: scripts)
        var model = Model(scripts: scripts)
        for _ in 0..<200 {
            let request = try RequestMaker.user(
                ["hello there", "bye now", "other"].randomElement(using: &random)!, stream: Bool.random(using: &random))
            let headers = Self.randomHeaders(using: &random)
            let facts = RequestFacts(request: request, headers: headers)
            let expected = model.answer(facts)
            let (decision, _) = book.decide(for: request, headers: headers, session: "", nearMisses: .now)
            switch decision {
            case .answer(let entry, _):
                #expect(entry.script.name == expected, "seed \(seed)")
            case .noMatch(let report):
                #expect(expected == nil, "seed \(seed)")
                // Near misses still look at every script, not only those the index let through.
                #expect(report.found.count == min(NearMiss.reportSize, scripts.count))
            case .rateLimited:
                Issue.record("no script has a rate limit")
            }
        }
    }

    @Test func scriptsEditedWhileRequestsAreDecided_answerFromTheBookAsItStands() async {
        let book = ScriptBook(scripts: [ScriptBookScopeTests.script("base", "base")])
        let facts = RequestFacts(request: try! RequestMaker.user("hello"), headers: [("x-a", "v0")])
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for round in 0..<300 {
                    let gated = Script(
                        name: "gated\(round)", source: "t", match: MatchRule(headers: [("x-a", .equals("v0"))]),
                        replies: ScriptBookTests.texts("gated"))
                    _ = book.add([gated], to: .global)
                }
            }
            for _ in 0..<4 {
                group.addTask {
                    for _ in 0..<300 {
                        // The first script always holds and never runs out: every answer is its own.
                        #expect(ScriptBookTests.text(book.answer(for: facts, session: "")) == "base")
                    }
                }
            }
        }
        #expect(book.scripts.count == 301)
    }
}
