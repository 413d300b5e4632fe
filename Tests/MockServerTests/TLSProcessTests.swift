#if canImport(Glibc)
import Glibc
#endif
import MockTLS
import NIOSSL
import SwiftASN1
import Testing
import X509

/// `serve --tls-port` as a process: both start lines, the CA file for clients, healthcheck over https,
/// one clear line and exit code 1 for each bad configuration, and no descriptors left by bad peers.
@Suite(.serialized) struct TLSProcessTests {
    static func temporaryPath(_ name: String) -> String {
        "/tmp/fireworks-mock-tls-\(getpid())-\(UInt32.random(in: 0...UInt32.max))-\(name)"
    }

    /// The URLs of both start lines, waiting for the second.
    static func startURLs(_ process: ChildProcess) async throws -> [String] {
        for _ in 0..<200 {
            let lines = process.standardOutput.split(separator: "\n")
            if lines.count >= 2 {
                return lines.map { String($0.dropFirst("fireworks-mock listening on ".count)) }
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw RawClient.Failure(description: "no second start line; stderr: \(process.standardError)")
    }

    static func port(of url: String) -> Int { Int(url.split(separator: ":").last!)! }

    static func openDescriptors(_ pid: pid_t) -> Int {
        guard let directory = opendir("/proc/\(pid)/fd") else { return -1 }
        defer { closedir(directory) }
        var count = 0
        while readdir(directory) != nil { count += 1 }
        return count
    }

    @Test func selfSigned_bothListeners_caFileAndHealthcheck() async throws {
        let caFile = Self.temporaryPath("ca.pem")
        defer { unlink(caFile) }
        let process = try ChildProcess(["--port", "0", "--tls-port", "0", "--tls-self-signed", "--tls-ca-out", caFile])
        let urls = try await Self.startURLs(process)
        #expect(urls[0].hasPrefix("http://127.0.0.1:"))
        #expect(urls[1].hasPrefix("https://127.0.0.1:"))
        #expect(process.standardOutput.split(separator: "\n").allSatisfy { $0.hasPrefix("fireworks-mock listening on ") })

        let roots = try NIOSSLCertificate.fromPEMBytes(Array(PEMFile.read(caFile).utf8))
        try await TLSClient.with(port: Self.port(of: urls[1]), context: TLSClient.context(trusting: roots)) { client in
            try await client.send(Requests.echo("from the CA file"))
            #expect(try await client.receiveResponse().replyText == "from the CA file")
        }

        let trusting = try ChildProcess(["healthcheck", "--url", "\(urls[1])/health", "--ca-file", caFile])
        #expect(await trusting.exitCode(within: .seconds(3)) == 0)
        let byEnvironment = try ChildProcess(
            ["healthcheck", "--url", "https://localhost:\(Self.port(of: urls[1]))/health"],
            environment: ["FIREWORKS_MOCK_TLS_CA_OUT": caFile])
        #expect(await byEnvironment.exitCode(within: .seconds(3)) == 0)
        // The system's roots do not include the test CA.
        let untrusting = try ChildProcess(["healthcheck", "--url", "\(urls[1])/health"])
        #expect(await untrusting.exitCode(within: .seconds(3)) == 1)
        #expect(
            untrusting.standardError.contains(
                "(TLS: the server's certificate is not trusted (CERTIFICATE_VERIFY_FAILED); give its CA with --ca-file)"))
        let missingCA = try ChildProcess(["healthcheck", "--url", "\(urls[1])/health", "--ca-file", "/nonexistent/ca.pem"])
        #expect(await missingCA.exitCode(within: .seconds(3)) == 1)
        #expect(missingCA.standardError.contains("/nonexistent/ca.pem: no such file"))

        process.signal(SIGTERM)
        #expect(await process.exitCode(within: .seconds(2)) == 0)
    }

    @Test func environmentVariables_configureTLS() async throws {
        let caFile = Self.temporaryPath("ca.pem")
        defer { unlink(caFile) }
        let process = try ChildProcess(
            [],
            environment: [
                "FIREWORKS_MOCK_PORT": "0", "FIREWORKS_MOCK_TLS_PORT": "0", "FIREWORKS_MOCK_TLS_SELF_SIGNED": "1",
                "FIREWORKS_MOCK_TLS_CA_OUT": caFile,
            ])
        let urls = try await Self.startURLs(process)
        let check = try ChildProcess(["healthcheck", "--url", "\(urls[1])/health", "--ca-file", caFile])
        #expect(await check.exitCode(within: .seconds(3)) == 0)
    }

    @Test func badConfiguration_oneLineNamingTheProblem_exit1_nothingListens() async throws {
        let authority = try SelfSignedAuthority()
        let other = try SelfSignedAuthority()
        let certificate = Self.temporaryPath("cert.pem")
        let key = Self.temporaryPath("key.pem")
        let otherKey = Self.temporaryPath("other-key.pem")
        let junk = Self.temporaryPath("junk.pem")
        try PEMFile.write(try authority.leaf.serializeAsPEM().pemString, to: certificate)
        try PEMFile.write(try authority.leafKey.serializeAsPEM().pemString, to: key)
        try PEMFile.write(try other.leafKey.serializeAsPEM().pemString, to: otherKey)
        try PEMFile.write("not a certificate\n", to: junk)
        defer { [certificate, key, otherKey, junk].forEach { path in _ = path.withCString { unlink($0) } } }

        let cases: [(arguments: [String], message: String)] = [
            (["--tls-cert", "/nonexistent/cert.pem", "--tls-key", key], "/nonexistent/cert.pem: no such file"),
            (["--tls-cert", "/tmp", "--tls-key", key], "/tmp: cannot read: is a directory"),
            (["--tls-cert", junk, "--tls-key", key], "\(junk): not PEM"),
            (["--tls-cert", certificate, "--tls-key", junk], "\(junk): not PEM"),
            (["--tls-cert", certificate, "--tls-key", otherKey], "\(otherKey): the private key does not match the certificate in \(certificate)"),
            (["--tls-cert", certificate], "--tls-cert needs --tls-key"),
            (["--tls-self-signed", "--tls-ca-out", "/nonexistent/ca.pem"], "/nonexistent/ca.pem: cannot write: no such file or directory"),
            (["--tls-port", "0"], "--tls-port needs --tls-cert and --tls-key, or --tls-self-signed"),
        ]
        for (arguments, message) in cases {
            let withPort = arguments.contains("--tls-port") ? arguments : arguments + ["--tls-port", "0"]
            let process = try ChildProcess(["--port", "0"] + withPort)
            #expect(await process.exitCode(within: .seconds(5)) == 1, "\(arguments)")
            #expect(process.standardError.contains(message), "\(arguments): \(process.standardError)")
            #expect(process.standardOutput.isEmpty, "\(arguments)")
        }
        // TLS flags without --tls-port.
        let noPort = try ChildProcess(["--port", "0", "--tls-self-signed"])
        #expect(await noPort.exitCode(within: .seconds(5)) != 0)
        #expect(noPort.standardError.contains("--tls-self-signed given without --tls-port"))
        #expect(noPort.standardOutput.isEmpty)
    }

    @Test func ownCertificateFiles_serveHTTPS() async throws {
        let authority = try SelfSignedAuthority()
        let certificate = Self.temporaryPath("cert.pem")
        let key = Self.temporaryPath("key.pem")
        try PEMFile.write(try authority.leaf.serializeAsPEM().pemString, to: certificate)
        try PEMFile.write(try authority.leafKey.serializeAsPEM().pemString, to: key)
        defer { [certificate, key].forEach { path in _ = path.withCString { unlink($0) } } }
        let process = try ChildProcess(["--port", "0", "--tls-port", "0", "--tls-cert", certificate, "--tls-key", key])
        let urls = try await Self.startURLs(process)
        let root = try NIOSSLCertificate(bytes: Array(authority.certificateAuthorityPEM().utf8), format: .pem)
        try await TLSClient.with(port: Self.port(of: urls[1]), context: TLSClient.context(trusting: [root])) { client in
            try await client.send(Requests.echo("own certificate"))
            #expect(try await client.receiveResponse().replyText == "own certificate")
        }
    }

    @Test func sigterm_withIdleTLSConnectionsAndAStalledHandshake_exitsCleanlyWithinTwoSeconds() async throws {
        let caFile = Self.temporaryPath("ca.pem")
        defer { unlink(caFile) }
        let process = try ChildProcess(["--port", "0", "--tls-port", "0", "--tls-self-signed", "--tls-ca-out", caFile])
        let port = Self.port(of: try await Self.startURLs(process)[1])
        let stalled = try RawClient(port: port)
        try await stalled.send([0x16, 0x03, 0x01])
        let roots = try NIOSSLCertificate.fromPEMBytes(Array(PEMFile.read(caFile).utf8))
        try await TLSClient.with(port: port, context: TLSClient.context(trusting: roots)) { client in
            try await client.send(Requests.echo("kept alive"))
            #expect(try await client.receiveResponse().replyText == "kept alive")
            try await client.send(Requests.echo("slow stream", stream: true, extraHeaders: "x-mock-stream: delay=5s\r\n"))
            #expect(try await client.receiveSome().isEmpty == false)
            process.signal(SIGTERM)
            #expect(await process.exitCode(within: .seconds(2)) == 0)
        }
    }

    @Test func badPeers_leaveNoDescriptorsBehind() async throws {
        let process = try ChildProcess(["--port", "0", "--tls-port", "0", "--tls-self-signed"])
        let urls = try await Self.startURLs(process)
        let port = Self.port(of: urls[1])
        // Descriptors made once, lazily (a timer queue's first timer, say), are not leaks: a first round of each
        // kind of bad peer, and a moment to settle, come before the count.
        try await Self.sendBadPeers(port, rounds: 3)
        try await Task.sleep(for: .milliseconds(300))
        let before = Self.openDescriptors(process.pid)
        try await Self.sendBadPeers(port, rounds: 30)
        // Closed connections leave the process once the server has seen them end; allow it a moment.
        var after = Self.openDescriptors(process.pid)
        for _ in 0..<50 where after > before {
            try await Task.sleep(for: .milliseconds(100))
            after = Self.openDescriptors(process.pid)
        }
        #expect(after <= before, "descriptors before: \(before), after: \(after)")
        let check = try ChildProcess(["healthcheck", "--url", "\(urls[0])/health"])
        #expect(await check.exitCode(within: .seconds(3)) == 0)
    }

    /// Plain HTTP, a bogus handshake record and noise, in turn, each read until the server closes.
    static func sendBadPeers(_ port: Int, rounds: Int) async throws {
        for round in 0..<rounds {
            let client = try RawClient(port: port, receiveTimeout: 20)
            switch round % 3 {
            case 0: try await client.send(Requests.echo("plain to TLS"))
            case 1: try await client.send([0x16, 0x03, 0x01, 0x00, 0x05, 1, 2, 3, 4, 5])
            default: try await client.send((0..<300).map { UInt8(truncatingIfNeeded: $0 &* 7) })
            }
            _ = try await client.receiveToEnd()
        }
    }
}
