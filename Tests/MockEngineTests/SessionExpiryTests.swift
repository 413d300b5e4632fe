import MessagesAPI
import MockEngine
import Testing

/// Idle sessions give back what they hold: scripts, sequence counts and fault counts of a named session unused
/// since the cutoff are dropped; sessions in use and the default session are kept; memory follows the sessions
/// in use, not every session ever seen.
@Suite struct SessionExpiryTests {
    let facts: RequestFacts

    init() throws {
        self.facts = RequestFacts(request: try RequestMaker.user("hello"), headers: [])
    }

    static let sequence = Script(name: "seq", source: "t.yaml", replies: ScriptBookTests.texts("one", "two"))
    static let twice = FaultRule(fault: .empty, times: 2)

    @Test func idleSession_losesItsScriptsAndCounts_andStartsAfresh() {
        let book = ScriptBook(scripts: [Self.sequence])
        #expect(book.add([ScriptBookScopeTests.script("own", "mine")], to: .session("idle")).isSuccess)
        _ = book.add([ScriptBookScopeTests.script("own", "theirs")], to: .session("busy"))
        #expect(ScriptBookTests.text(book.answer(for: self.facts, session: "")) == "one")
        #expect(ScriptBookTests.text(book.answer(for: self.facts, session: "idle")) == "mine")
        let cutoff = ContinuousClock.now
        #expect(ScriptBookTests.text(book.answer(for: self.facts, session: "busy")) == "theirs")

        #expect(book.expireSessions(idleSince: cutoff) == ["idle"])
        #expect(book.entries(in: .session("idle")).isEmpty)
        #expect(book.entries(in: .session("busy")).count == 1)
        // The default session is never dropped: its sequence goes on.
        #expect(ScriptBookTests.text(book.answer(for: self.facts, session: "")) == "two")
        #expect(ScriptBookTests.text(book.answer(for: self.facts, session: "idle")) == "one")
    }

    @Test func sessionWhoseScriptsMiss_isStillInUse() {
        let book = ScriptBook()
        _ = book.add([ScriptBookScopeTests.script("never", "x", match: MatchRule(model: .glob("nope*")))], to: .session("s"))
        let cutoff = ContinuousClock.now
        #expect(book.answer(for: self.facts, session: "s") == nil)
        #expect(book.expireSessions(idleSince: cutoff).isEmpty)
        #expect(book.expireSessions(idleSince: .now) == ["s"])
    }

    @Test func faultCounts_ofIdleSessions_areDropped_butNotTheDefaultSessions() {
        let faults = FaultBook()
        for session in ["", "a", "b"] {
            #expect(faults.applies(Self.twice, key: "k", session: session))
            #expect(faults.applies(Self.twice, key: "k", session: session))
            #expect(!faults.applies(Self.twice, key: "k", session: session))
        }
        #expect(faults.expireSessions(idleSince: .now).sorted() == ["a", "b"])
        #expect(faults.sessionCount == 1)
        #expect(!faults.applies(Self.twice, key: "k", session: ""))
        // A dropped session fails twice again, as a new one would.
        #expect(faults.applies(Self.twice, key: "k", session: "a"))
    }

    @Test func planner_dropsBothBooks_andNamesEachSessionOnce() {
        let planner = ReplyPlanner(scripts: ScriptBook(scripts: [Self.sequence]))
        _ = planner.scripts.answer(for: self.facts, session: "x")
        _ = planner.faults.applies(Self.twice, key: "k", session: "x")
        _ = planner.faults.applies(Self.twice, key: "k", session: "y")
        #expect(planner.expireSessions(idleSince: .now) == ["x", "y"])
        #expect(planner.scripts.sessionCount == 0)
        #expect(planner.faults.sessionCount == 0)
    }

    @Test func aMillionSessions_leaveTheTablesBoundedByTheSessionsInUse() async {
        // One session per test, as a suite with a fresh x-mock-session per test makes them, and a sweep every
        // 10,000: the tables never hold more than the sessions since the last sweep.
        let planner = ReplyPlanner(scripts: ScriptBook(scripts: [Self.sequence]))
        let batch = 10_000
        var largest = 0
        for round in 0..<100 {
            for index in 0..<batch {
                let session = "test-\(round)-\(index)"
                _ = planner.scripts.decide(for: self.facts, session: session)
                _ = planner.faults.applies(Self.twice, key: "k", session: session)
                // Seconds of work: let the live-socket tests running beside this one have the threads too.
                if index % 500 == 0 { await Task.yield() }
            }
            largest = max(largest, planner.scripts.sessionCount, planner.faults.sessionCount)
            #expect(planner.expireSessions(idleSince: .now).count == batch)
        }
        #expect(largest == batch)
        #expect(planner.scripts.sessionCount == 0)
        #expect(planner.faults.sessionCount == 0)
    }
}
