import ArgumentParser
import MockCLI
import MockServer
import Testing

/// The timeouts, connection cap and session TTL: flag > environment variable > default, `0` for off, and bad
/// values named after where they came from.
@Suite struct ConnectionSettingsTests {
    func settings(_ arguments: [String], _ environment: [String: String] = [:]) throws -> ConnectionSettings {
        try ServeSettings(command: ServeCommand.parse(arguments), environment: environment).connections
    }

    @Test func defaults() throws {
        let s = try self.settings([])
        #expect(s.timeouts == RequestTimeouts(header: .seconds(30), body: .seconds(30), idle: .seconds(75)))
        #expect(s.maximumConnections == 10_000)
        #expect(s.sessionTTL == .seconds(3600))
    }

    @Test func flags_winOverTheEnvironment() throws {
        let s = try self.settings(
            ["--header-timeout", "5s", "--body-timeout", "250ms", "--idle-timeout", "2m", "--max-connections", "7", "--session-ttl", "90m"],
            ["FIREWORKS_MOCK_HEADER_TIMEOUT": "1s", "FIREWORKS_MOCK_MAX_CONNECTIONS": "3"])
        #expect(s.timeouts == RequestTimeouts(header: .seconds(5), body: .milliseconds(250), idle: .seconds(120)))
        #expect(s.maximumConnections == 7)
        #expect(s.sessionTTL == .seconds(5400))
    }

    @Test func environment_andZeroTurnsOff() throws {
        let s = try self.settings(
            [],
            [
                "FIREWORKS_MOCK_HEADER_TIMEOUT": "0", "FIREWORKS_MOCK_BODY_TIMEOUT": "1s", "FIREWORKS_MOCK_IDLE_TIMEOUT": "0",
                "FIREWORKS_MOCK_MAX_CONNECTIONS": "50", "FIREWORKS_MOCK_SESSION_TTL": "0",
            ])
        #expect(s.timeouts == RequestTimeouts(header: nil, body: .seconds(1), idle: nil))
        #expect(s.maximumConnections == 50)
        #expect(s.sessionTTL == nil)
    }

    @Test func theServerConfigurationCarriesThem() throws {
        let serve = try ServeSettings(command: ServeCommand.parse(["--idle-timeout", "9s", "--max-connections", "12"]), environment: [:])
        let configuration = serve.serverConfiguration()
        #expect(configuration.timeouts.idle == .seconds(9))
        #expect(configuration.maximumConnections == 12)
    }

    @Test(arguments: [
        (["--header-timeout", "soon"], [String: String](), "--header-timeout: 'soon' is not a duration such as 500ms, 30s, 5m or 1h (0 turns it off)"),
        ([], ["FIREWORKS_MOCK_IDLE_TIMEOUT": "-1s"], "FIREWORKS_MOCK_IDLE_TIMEOUT (--idle-timeout): '-1s' is not a duration such as 500ms, 30s, 5m or 1h (0 turns it off)"),
        ([], ["FIREWORKS_MOCK_SESSION_TTL": "1d"], "FIREWORKS_MOCK_SESSION_TTL (--session-ttl): '1d' is not a duration such as 500ms, 30s, 5m or 1h (0 turns it off)"),
        (["--max-connections", "0"], [:], "--max-connections: must be at least 1"),
        ([], ["FIREWORKS_MOCK_MAX_CONNECTIONS": "many"], "FIREWORKS_MOCK_MAX_CONNECTIONS (--max-connections): 'many' is not a whole number of at least 1"),
    ])
    func badValues_areNamed(arguments: [String], environment: [String: String], message: String) {
        #expect(throws: ServeSettings.Invalid.self) { try self.settings(arguments, environment) }
        do {
            _ = try self.settings(arguments, environment)
        } catch {
            #expect("\(error)" == message)
        }
    }
}
