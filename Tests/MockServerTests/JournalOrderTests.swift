import MockEngine
import MockServer
import Testing

/// A client that has read a whole answer finds it in the journal: the entry is recorded before the answer's last
/// bytes leave, not after the write returns. Reading the journal right after a response (in process, or over the
/// admin API on another connection) otherwise raced the server's own bookkeeping.
@Suite struct JournalOrderTests {
    static let rounds = 300

    @Test(arguments: [false, true])
    func everyAnswerReadInFull_isAlreadyJournaled(stream: Bool) async throws {
        let journal = Journal(capacity: Self.rounds + 10)
        var configuration = MockHTTPServer.Configuration(port: 0)
        configuration.router.journal = journal
        try await withTestServer(configuration) { server in
            let client = try RawClient(port: server.port)
            var missing: [Int] = []
            for round in 1...Self.rounds {
                try await client.send(Requests.echo("round \(round)", stream: stream))
                _ = try await client.receiveResponse()
                // No await between the last byte and this look: it sees what the server had recorded by then.
                if journal.counts.recorded < round { missing.append(round) }
            }
            #expect(missing.isEmpty, "answers read in full but not yet journaled: \(missing.count) of \(Self.rounds)")
            let entries = journal.entries()
            #expect(entries.count == Self.rounds)
            #expect(entries.allSatisfy { $0.ending == .keepAlive })
        }
    }
}
