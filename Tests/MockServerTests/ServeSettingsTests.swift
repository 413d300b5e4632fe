import ArgumentParser
import Logging
import MockCLI
import Testing

/// Flag > environment variable > default, for every serve option.
@Suite struct ServeSettingsTests {
    func settings(_ arguments: [String], _ environment: [String: String] = [:]) throws -> ServeSettings {
        try ServeSettings(command: ServeCommand.parse(arguments), environment: environment)
    }

    @Test func defaults() throws {
        let s = try self.settings([])
        #expect(s.host == "127.0.0.1")
        #expect(s.port == 8080)
        #expect(s.apiKey == nil)
        #expect(s.logLevel == .info)
        #expect(s.deltaSize == 8)
    }

    @Test func flags() throws {
        let s = try self.settings([
            "--host", "0.0.0.0", "--port", "0", "--api-key", "k", "--log-level", "debug", "--delta-size", "3",
        ])
        #expect(s.host == "0.0.0.0")
        #expect(s.port == 0)
        #expect(s.apiKey == "k")
        #expect(s.logLevel == .debug)
        #expect(s.deltaSize == 3)
    }

    @Test func environment() throws {
        let s = try self.settings(
            [],
            [
                "FIREWORKS_MOCK_HOST": "::1", "FIREWORKS_MOCK_PORT": "9000", "FIREWORKS_MOCK_API_KEY": "e",
                "FIREWORKS_MOCK_LOG_LEVEL": "WARNING", "FIREWORKS_MOCK_DELTA_SIZE": "5",
            ])
        #expect(s.host == "::1")
        #expect(s.port == 9000)
        #expect(s.apiKey == "e")
        #expect(s.logLevel == .warning)
        #expect(s.deltaSize == 5)
    }

    @Test func flagsWinOverEnvironment() throws {
        let s = try self.settings(["--port", "1234"], ["FIREWORKS_MOCK_PORT": "9000"])
        #expect(s.port == 1234)
    }

    @Test func badEnvironmentValues_areNamed() throws {
        #expect(throws: ServeSettings.Invalid.self) { try self.settings([], ["FIREWORKS_MOCK_PORT": "eighty"]) }
        #expect(throws: ServeSettings.Invalid.self) { try self.settings([], ["FIREWORKS_MOCK_LOG_LEVEL": "loud"]) }
        #expect(throws: ServeSettings.Invalid.self) { try self.settings(["--port", "70000"]) }
        #expect(throws: ServeSettings.Invalid.self) { try self.settings(["--delta-size", "0"]) }
        do {
            _ = try self.settings([], ["FIREWORKS_MOCK_PORT": "eighty"])
        } catch {
            #expect("\(error)" == "FIREWORKS_MOCK_PORT (--port): 'eighty' is not a whole number")
        }
    }

    @Test func badFlags_areRejectedByTheParser() {
        #expect(throws: (any Error).self) { try ServeCommand.parse(["--port", "x"]) }
        #expect(throws: (any Error).self) { try ServeCommand.parse(["--log-level", "loud"]) }
        #expect(throws: (any Error).self) { try ServeCommand.parse(["--nope"]) }
    }

    @Test func help_namesEveryOptionAndVariable() {
        let help = ServeCommand.helpMessage()
        for name in ["--host", "--port", "--api-key", "--log-level", "--delta-size"] {
            #expect(help.contains(name))
        }
        for variable in [
            "FIREWORKS_MOCK_HOST", "FIREWORKS_MOCK_PORT", "FIREWORKS_MOCK_API_KEY", "FIREWORKS_MOCK_LOG_LEVEL",
            "FIREWORKS_MOCK_DELTA_SIZE",
        ] {
            #expect(help.contains(variable))
        }
    }
}
