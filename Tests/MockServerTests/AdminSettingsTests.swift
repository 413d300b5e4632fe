import ArgumentParser
import MockCLI
import MockEngine
import MockServer
import Testing

/// The admin and journal options: flag > environment variable > default, and clear refusals.
@Suite struct AdminSettingsTests {
    func settings(_ arguments: [String], _ environment: [String: String] = [:]) throws -> ServeSettings {
        try ServeSettings(command: ServeCommand.parse(arguments), environment: environment)
    }

    @Test func defaults() throws {
        let s = try self.settings([])
        #expect(s.adminToken == nil)
        #expect(s.journalSize == 1000)
        #expect(s.journalBodyLimit == 65536)
        #expect(!s.strict)
        let configuration = s.serverConfiguration()
        #expect(configuration.router.journal.capacity == 1000)
        #expect(configuration.router.planner.configuration.reportNearMisses)
    }

    @Test func flags_winOverTheEnvironment() throws {
        let s = try self.settings(
            ["--admin-token", "t", "--journal-size", "5", "--journal-body-limit", "10", "--strict"],
            ["FIREWORKS_MOCK_ADMIN_TOKEN": "e", "FIREWORKS_MOCK_JOURNAL_SIZE": "7", "FIREWORKS_MOCK_STRICT": "false"])
        #expect(s.adminToken == "t")
        #expect(s.journalSize == 5)
        #expect(s.journalBodyLimit == 10)
        #expect(s.strict)
        let configuration = s.serverConfiguration()
        #expect(configuration.router.adminToken == "t")
        #expect(configuration.router.journal.bodyLimit == 10)
        #expect(configuration.router.planner.configuration.strict)
    }

    @Test func environment() throws {
        let s = try self.settings(
            [],
            [
                "FIREWORKS_MOCK_ADMIN_TOKEN": "e", "FIREWORKS_MOCK_JOURNAL_SIZE": "0",
                "FIREWORKS_MOCK_JOURNAL_BODY_LIMIT": "100", "FIREWORKS_MOCK_STRICT": "yes",
            ])
        #expect(s.adminToken == "e")
        #expect(s.journalSize == 0)
        #expect(s.journalBodyLimit == 100)
        #expect(s.strict)
        #expect(!s.serverConfiguration().router.journal.isEnabled)
        #expect(!s.serverConfiguration().router.planner.configuration.reportNearMisses)
    }

    @Test(arguments: [
        (["--journal-size=-1"], [String: String](), "--journal-size / FIREWORKS_MOCK_JOURNAL_SIZE: must be 0 (off) or more"),
        ([], ["FIREWORKS_MOCK_JOURNAL_SIZE": "lots"], "FIREWORKS_MOCK_JOURNAL_SIZE (--journal-size): 'lots' is not a whole number"),
        (["--journal-body-limit=-5"], [:], "--journal-body-limit / FIREWORKS_MOCK_JOURNAL_BODY_LIMIT: must be 0 or more"),
        ([], ["FIREWORKS_MOCK_STRICT": "maybe"], "FIREWORKS_MOCK_STRICT (--strict): 'maybe' is not one of true, false, 1, 0, yes, no, on, off"),
        ([], ["FIREWORKS_MOCK_FAULT": "explode"], "FIREWORKS_MOCK_FAULT (--fault): unknown fault 'explode' (known: \(FaultSyntax.faultKinds.joined(separator: ", ")))"),
        (["--fault", "cut;afterr=2"], ["FIREWORKS_MOCK_FAULT": "empty"], "--fault: cut: unknown option 'afterr' (known: after, after-bytes, terminator, times)"),
        ([], ["FIREWORKS_MOCK_STREAM": "delay=soon"], "FIREWORKS_MOCK_STREAM (--stream): stream: delay must be a duration such as 250ms or 2s"),
    ])
    func refusals(arguments: [String], environment: [String: String], message: String) {
        #expect(throws: (any Error).self) { try self.settings(arguments, environment) }
        do {
            _ = try self.settings(arguments, environment)
        } catch {
            #expect("\(error)" == message)
        }
    }
}
