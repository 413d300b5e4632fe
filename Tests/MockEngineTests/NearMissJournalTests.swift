import MessagesAPI
import MockEngine
import Testing

/// Near misses the journal shows are worked out when an entry is read, from the request as kept; a body the
/// journal cuts has them worked out before the cut.
@Suite struct NearMissJournalTests {
    static let planner = ReplyPlanner(configuration: .init(reportNearMisses: true), scripts: StrictModeTests.book)

    static func recorded(body: String, in journal: Journal) throws -> JournalEntry {
        let plan = self.planner.plan(body: Array(body.utf8), headers: [("x-trace", "1")])
        guard case .deferred = plan.nearMisses else { throw Deferred() }
        var entry = JournalTests.entry(body: body)
        entry.nearMissReport = plan.nearMisses
        journal.record(entry)
        return try #require(journal.entries().last)
    }

    struct Deferred: Error {}

    static let body = #"{"model":"accounts/fireworks/models/kimi-k2p5","max_tokens":16,"messages":[{"role":"user","content":"hello"}]}"#

    @Test func aDeferredReport_isWorkedOutWhenTheEntryIsRead() throws {
        let journal = Journal(capacity: 4)
        let entry = try Self.recorded(body: Self.body, in: journal)
        #expect(entry.nearMisses.map(\.script) == ["weather"])
        #expect(entry.nearMisses.first?.reasons == ["last_user: text does not satisfy contains 'weather'"])
        let json = try JournalTests.json(entry, journal)
        #expect(json["near_misses"]?.arrayValue?.first?["script"] == .string("weather"))
    }

    @Test func aBodyTheJournalCuts_hasItsReportWorkedOutFirst() throws {
        let journal = Journal(capacity: 4, bodyLimit: 16)
        let entry = try Self.recorded(body: Self.body, in: journal)
        #expect(entry.body.count == 16)
        guard case .found(let misses) = entry.nearMissReport else {
            Issue.record("resolved before the cut")
            return
        }
        #expect(misses.map(\.script) == ["weather"])
    }
}
