import MessagesAPI
import MockEngine
import Testing

/// Scripts at run time: session scripts first, scopes kept apart, edits, resets, and near misses.
@Suite struct ScriptBookScopeTests {
    static func script(_ name: String, _ text: String, match: MatchRule = MatchRule(), times: Int? = nil) -> Script {
        Script(name: name, source: "t.yaml", match: match, replies: ScriptBookTests.texts(text), times: times)
    }

    let facts: RequestFacts

    init() throws {
        self.facts = RequestFacts(request: try RequestMaker.user("hello"), headers: [])
    }

    func text(_ book: ScriptBook, _ session: String) -> String? {
        ScriptBookTests.text(book.answer(for: self.facts, session: session))
    }

    @Test func sessionScripts_comeFirst_andOnlyForTheirSession() {
        let book = ScriptBook(scripts: [Self.script("file", "from file")])
        #expect(book.add([Self.script("mine", "for a")], to: .session("a")) .isSuccess)
        #expect(self.text(book, "a") == "for a")
        #expect(self.text(book, "b") == "from file")
        #expect(self.text(book, "") == "from file")
    }

    @Test func sameName_inASessionAndGlobally_isCountedApart() {
        let book = ScriptBook(scripts: [Script(name: "s", source: "t", replies: ScriptBookTests.texts("g1", "g2"))])
        _ = book.add([Script(name: "s", source: "t", replies: ScriptBookTests.texts("s1", "s2"), times: 2)], to: .session("a"))
        #expect((0..<4).map { _ in self.text(book, "a") } == ["s1", "s2", "g1", "g2"])
    }

    @Test func add_refusesATakenName_andAddsNothing() {
        let book = ScriptBook(scripts: [Self.script("x", "1")])
        #expect(throws: ScriptBook.EditError.nameTaken(["x"])) { try book.add([Self.script("y", "2"), Self.script("x", "3")], to: .global).get() }
        #expect(book.scripts.map(\.name) == ["x"])
        #expect(book.add([Self.script("x", "3")], to: .session("a")) .isSuccess)
    }

    @Test func replace_keepsThePosition_andStartsTheSequenceAgain() {
        let book = ScriptBook(scripts: [
            Script(name: "a", source: "t", replies: ScriptBookTests.texts("a1", "a2")), Self.script("b", "b"),
        ])
        #expect(self.text(book, "") == "a1")
        #expect(book.replace(with: Script(name: "a", source: "t", replies: ScriptBookTests.texts("new1", "new2")), in: .global))
        #expect(book.scripts.map(\.name) == ["a", "b"])
        #expect(self.text(book, "") == "new1")
        #expect(!book.replace(with: Self.script("c", "c"), in: .global))
        #expect(book.scripts.map(\.name) == ["a", "b", "c"])
    }

    @Test func delete_andDeleteAll_inOneScope() {
        let book = ScriptBook(scripts: [Self.script("a", "global a")])
        _ = book.add([Self.script("a", "session a"), Self.script("b", "session b")], to: .session("s"))
        #expect(book.delete(name: "a", from: .session("s")))
        #expect(!book.delete(name: "a", from: .session("s")))
        #expect(book.listing(session: "s").map(\.entry.script.name) == ["b", "a"])
        #expect(book.deleteAll(from: .session("s")) == 1)
        #expect(book.deleteAll(from: .global) == 1)
        #expect(self.text(book, "s") == nil)
    }

    @Test func reset_ofOneSession_leavesOthers_fullReset_restoresTheFiles() {
        let book = ScriptBook(scripts: [Script(name: "f", source: "t", replies: ScriptBookTests.texts("1", "2"))])
        _ = book.add([Self.script("mine", "mine")], to: .session("a"))
        _ = book.add([Self.script("extra", "extra")], to: .global)
        _ = book.delete(name: "f", from: .global)
        #expect(self.text(book, "b") == "extra")
        book.reset(session: "a")
        #expect(self.text(book, "a") == "extra")
        book.reset()
        #expect(book.scripts.map(\.name) == ["f"])
        #expect(self.text(book, "b") == "1")
        #expect(book.listing(session: "a").map(\.entry.script.name) == ["f"])
    }

    @Test func listing_countsMatchesInTheSessionAskedAbout() {
        let book = ScriptBook(scripts: [Self.script("f", "f")])
        _ = self.text(book, "a")
        _ = self.text(book, "a")
        #expect(book.listing(session: "a").map(\.matches) == [2])
        #expect(book.listing(session: "b").map(\.matches) == [0])
        #expect(book.listing(session: nil).first?.entry.addedAtRunTime == false)
    }

    @Test func rateLimitedScript_isNotCounted() throws {
        var script = Script(name: "slow", source: "t", replies: ScriptBookTests.texts("1", "2"))
        script.rateLimit = RateLimiter(text: "1/s")
        let book = ScriptBook(scripts: [script])
        guard case .answer = book.decide(for: self.facts, session: "") else { Issue.record("first should answer"); return }
        guard case .rateLimited(let entry, let error) = book.decide(for: self.facts, session: "") else {
            Issue.record("second should be limited")
            return
        }
        #expect(entry.script.name == "slow")
        #expect(error.status == 429)
        #expect(book.listing(session: "").first?.matches == 1)
    }

    @Test func noMatch_listsTheNearestScripts_fewestFailuresFirst() throws {
        let facts = RequestFacts(request: try RequestMaker.user("hello", stream: true), headers: [])
        let book = ScriptBook(scripts: [
            Self.script("two-off", "x", match: MatchRule(lastUser: .contains("bye"), stream: false)),
            Self.script("one-off", "x", match: MatchRule(lastUser: .contains("weather"))),
            Self.script("used-up", "x", match: MatchRule(lastUser: .contains("hel")), times: 1),
            Self.script("three-off", "x", match: MatchRule(lastUser: .equals("no"), turn: 4, stream: false)),
        ])
        guard case .answer = book.decide(for: facts, session: "") else { Issue.record("used-up answers once"); return }
        guard case .noMatch(let report) = book.decide(for: facts, session: "", nearMisses: true) else {
            Issue.record("nothing should answer")
            return
        }
        let misses = report.found
        #expect(misses.map(\.script) == ["one-off", "used-up", "two-off"])
        #expect(misses[0].reasons == ["last_user: text does not satisfy contains 'weather'"])
        #expect(misses[1].reasons == ["used up: answered 1 time in this session (times: 1)"])
        #expect(misses[2].reasons == ["stream: wanted false, request has true", "last_user: text does not satisfy contains 'bye'"])
        guard case .noMatch(.none) = book.decide(for: facts, session: "") else {
            Issue.record("no near misses unless asked")
            return
        }
    }
}

extension Result {
    var isSuccess: Bool {
        if case .success = self { return true }
        return false
    }
}
