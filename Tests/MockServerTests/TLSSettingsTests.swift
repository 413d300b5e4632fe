import ArgumentParser
import MockCLI
import Testing

/// The HTTPS settings: flag > environment variable, and the combinations refused before anything starts.
@Suite struct TLSSettingsTests {
    func tls(_ arguments: [String], _ environment: [String: String] = [:]) throws -> TLSSettings? {
        try ServeSettings(command: ServeCommand.parse(arguments), environment: environment).tls
    }

    func expectRefused(_ arguments: [String], environment: [String: String] = [:], _ message: String) {
        #expect(throws: ServeSettings.Invalid.self) { try self.tls(arguments, environment) }
        do {
            _ = try self.tls(arguments, environment)
        } catch {
            #expect("\(error)" == message)
        }
    }

    @Test func noTLSSettings_noListener() throws {
        #expect(try self.tls([]) == nil)
    }

    @Test func flags() throws {
        let files = try #require(try self.tls(["--tls-port", "8443", "--tls-cert", "c.pem", "--tls-key", "k.pem"]))
        #expect(files.port == 8443)
        #expect(files.identity == .files(certificate: "c.pem", key: "k.pem"))
        let selfSigned = try #require(try self.tls(["--tls-port", "0", "--tls-self-signed", "--tls-ca-out", "ca.pem"]))
        #expect(selfSigned.port == 0)
        #expect(selfSigned.identity == .selfSigned(caOut: "ca.pem"))
    }

    @Test func environment_andFlagsWin() throws {
        let environment = [
            "FIREWORKS_MOCK_TLS_PORT": "9443", "FIREWORKS_MOCK_TLS_SELF_SIGNED": "true",
            "FIREWORKS_MOCK_TLS_CA_OUT": "env-ca.pem",
        ]
        let fromEnvironment = try #require(try self.tls([], environment))
        #expect(fromEnvironment.port == 9443)
        #expect(fromEnvironment.identity == .selfSigned(caOut: "env-ca.pem"))
        let flagWins = try #require(try self.tls(["--tls-port", "1443", "--tls-ca-out", "flag-ca.pem"], environment))
        #expect(flagWins.port == 1443)
        #expect(flagWins.identity == .selfSigned(caOut: "flag-ca.pem"))
        let files = try #require(
            try self.tls([], ["FIREWORKS_MOCK_TLS_PORT": "0", "FIREWORKS_MOCK_TLS_CERT": "c", "FIREWORKS_MOCK_TLS_KEY": "k"]))
        #expect(files.identity == .files(certificate: "c", key: "k"))
    }

    @Test func refusedCombinations() {
        self.expectRefused(["--tls-cert", "c.pem", "--tls-key", "k.pem"], "--tls-cert, --tls-key given without --tls-port (FIREWORKS_MOCK_TLS_PORT)")
        self.expectRefused(["--tls-ca-out", "ca.pem"], "--tls-ca-out given without --tls-port (FIREWORKS_MOCK_TLS_PORT)")
        self.expectRefused(["--tls-port", "0"], "--tls-port needs --tls-cert and --tls-key, or --tls-self-signed")
        self.expectRefused(["--tls-port", "0", "--tls-key", "k"], "--tls-key needs --tls-cert")
        self.expectRefused(
            ["--tls-port", "0", "--tls-self-signed", "--tls-cert", "c", "--tls-key", "k"],
            "--tls-self-signed and --tls-cert/--tls-key exclude each other")
        self.expectRefused(
            ["--tls-port", "0", "--tls-cert", "c", "--tls-key", "k", "--tls-ca-out", "ca.pem"],
            "--tls-ca-out needs --tls-self-signed (it writes the test CA)")
        self.expectRefused(["--tls-port", "70000", "--tls-self-signed"], "--tls-port / FIREWORKS_MOCK_TLS_PORT: '70000' is not a port number (0-65535)")
        self.expectRefused(
            [], environment: ["FIREWORKS_MOCK_TLS_PORT": "x", "FIREWORKS_MOCK_TLS_SELF_SIGNED": "1"],
            "--tls-port / FIREWORKS_MOCK_TLS_PORT: 'x' is not a port number (0-65535)")
        self.expectRefused(
            [], environment: ["FIREWORKS_MOCK_TLS_PORT": "0", "FIREWORKS_MOCK_TLS_SELF_SIGNED": "maybe"],
            "FIREWORKS_MOCK_TLS_SELF_SIGNED (--tls-self-signed): 'maybe' is not 1/true or 0/false")
    }
}
