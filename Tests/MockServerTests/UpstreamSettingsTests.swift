import ArgumentParser
import MockCLI
import MockServer
import Testing

/// The upstream flags and variables: flag > variable > default, and a clear error for each bad value.
@Suite struct UpstreamSettingsTests {
    func settings(_ arguments: [String], _ environment: [String: String] = [:]) throws -> Upstream.Settings? {
        try ServeSettings(command: ServeCommand.parse(arguments), environment: environment).upstream
    }

    func problem(_ arguments: [String], _ environment: [String: String] = [:]) -> String {
        do {
            _ = try self.settings(arguments, environment)
            return ""
        } catch {
            return "\(error)"
        }
    }

    @Test func noUpstream_noSettings() throws {
        #expect(try self.settings([]) == nil)
    }

    @Test func defaults_andTheKeyFromTheNamedVariable() throws {
        let s = try #require(try self.settings(["--upstream", "https://api.fireworks.ai/inference/"], ["FIREWORKS_API_KEY": "fw_1"]))
        #expect(s.url == "https://api.fireworks.ai/inference")
        #expect(s.recordMode == .missing)
        #expect(s.validate)
        #expect(s.apiKey == "fw_1")
        #expect(s.timeout == Upstream.defaultTimeout)
        #expect(s.recordDirectory == nil)
        #expect(s.proxy == nil)
        let other = try #require(try self.settings(
            ["--upstream", "http://127.0.0.1:1", "--upstream-api-key-env", "MY_KEY", "--record-mode", "all",
             "--upstream-validate", "false", "--upstream-timeout", "5s", "--record", "rec"],
            ["FIREWORKS_API_KEY": "fw_1", "MY_KEY": "mine"]))
        #expect(other.apiKey == "mine")
        #expect(other.recordMode == .all)
        #expect(!other.validate)
        #expect(other.timeout == .seconds(5))
        #expect(other.recordDirectory == "rec")
        let fromEnvironment = try #require(try self.settings([], ["FIREWORKS_MOCK_UPSTREAM": "http://127.0.0.1:1", "FIREWORKS_MOCK_RECORD": "r"]))
        #expect(fromEnvironment.recordDirectory == "r")
        #expect(fromEnvironment.apiKey == nil)
    }

    @Test func badValues_nameTheFlag() {
        #expect(self.problem(["--record", "r"]) == "--record: needs --upstream (the endpoint whose answers are recorded)")
        #expect(self.problem(["--upstream", "ftp://x"]) == "--upstream / FIREWORKS_MOCK_UPSTREAM: 'ftp://x' is not an http:// or https:// URL")
        #expect(self.problem(["--upstream", "http://x", "--record-mode", "some"]) == "--record-mode / FIREWORKS_MOCK_RECORD_MODE: 'some' is not missing or all")
        #expect(self.problem(["--upstream", "http://x", "--upstream-timeout", "soon"]).hasPrefix("--upstream-timeout / FIREWORKS_MOCK_UPSTREAM_TIMEOUT: 'soon'"))
        #expect(self.problem(["--upstream", "http://x", "--record-redact", "("]).hasPrefix("--record-redact: '(' is not a regular expression"))
        #expect(self.problem(["--upstream", "http://x", "--upstream-validate", "maybe"]).hasPrefix("--upstream-validate"))
    }

    @Test func proxies_fromTheEnvironment_unlessNoProxyNamesTheHost() throws {
        func proxy(_ url: String, _ environment: [String: String]) throws -> String? {
            try self.settings(["--upstream", url], environment)?.proxy.map { "\($0.host):\($0.port)" }
        }
        #expect(try proxy("https://api.fireworks.ai/inference", ["HTTPS_PROXY": "http://user:pw@proxy.local:3128/"]) == "proxy.local:3128")
        #expect(try proxy("https://api.fireworks.ai/inference", ["https_proxy": "proxy.local:8080"]) == "proxy.local:8080")
        #expect(try proxy("http://upstream.local/inference", ["HTTPS_PROXY": "proxy.local:1"]) == nil)
        #expect(try proxy("http://upstream.local/inference", ["HTTP_PROXY": "proxy.local:2"]) == "proxy.local:2")
        #expect(try proxy("https://api.fireworks.ai/inference", ["HTTPS_PROXY": "proxy.local:3", "NO_PROXY": "localhost,fireworks.ai"]) == nil)
    }
}
