import MockServer
import MockTLS
import NIOSSL
import Testing

/// Peers that do not complete a proper handshake: each is disconnected, and both listeners keep serving.
@Suite struct TLSBadPeerTests {
    /// Both listeners still answer after whatever a test did.
    static func expectBothServe(_ servers: TLSTestServers) async throws {
        try await TLSClient.with(port: servers.tls.port, context: servers.clientContext) { client in
            try await client.send(Requests.echo("still here"))
            #expect(try await client.receiveResponse().replyText == "still here")
        }
        let plain = try RawClient(port: servers.plain.port)
        try await plain.send(Requests.echo("plain still here"))
        #expect(try await plain.receiveResponse().replyText == "plain still here")
    }

    @Test func plainHTTP_toTheTLSPort_isClosedWithoutAnHTTPAnswer() async throws {
        try await TLSTestServers.run { servers in
            let client = try RawClient(port: servers.tls.port, receiveTimeout: 20)
            try await client.send(Requests.echo("not encrypted"))
            let (bytes, end) = try await client.receiveToEnd()
            #expect(end != .timeout)
            #expect(!String(decoding: bytes, as: UTF8.self).contains("HTTP/1.1"))
            try await Self.expectBothServe(servers)
        }
    }

    @Test func garbageHandshake_isClosed() async throws {
        try await TLSTestServers.run { servers in
            var generator = SystemRandomNumberGenerator()
            for first in [UInt8(0x16), 0x00, 0xFF] {
                let client = try RawClient(port: servers.tls.port, receiveTimeout: 20)
                // 0x16 starts a handshake record, so the garbage reaches the handshake parser itself.
                let garbage = [first, 0x03, 0x01, 0x02, 0x00] + (0..<512).map { _ in UInt8.random(in: 0...255, using: &generator) }
                try await client.send(garbage)
                #expect(try await client.receiveToEnd().end != .timeout)
            }
            try await Self.expectBothServe(servers)
        }
    }

    @Test func stalledHandshake_isClosedAfterTheTimeout() async throws {
        try await TLSTestServers.run(handshakeTimeout: .seconds(1)) { servers in
            // One client says nothing at all; the other stops after the first bytes of a ClientHello.
            let silent = try RawClient(port: servers.tls.port, receiveTimeout: 20)
            let halfway = try RawClient(port: servers.tls.port, receiveTimeout: 20)
            try await halfway.send([0x16, 0x03, 0x01, 0x02, 0x00, 0x01])
            #expect(try await silent.receiveToEnd().end != .timeout)
            #expect(try await halfway.receiveToEnd().end != .timeout)
            try await Self.expectBothServe(servers)
        }
    }

    @Test func completedHandshake_isNotCutByTheTimeout() async throws {
        try await TLSTestServers.run(handshakeTimeout: .seconds(1)) { servers in
            try await TLSClient.with(port: servers.tls.port, context: servers.clientContext) { client in
                try await client.send(Requests.echo("first"))
                #expect(try await client.receiveResponse().replyText == "first")
                try await Task.sleep(for: .seconds(2))
                try await client.send(Requests.echo("after the handshake deadline"))
                #expect(try await client.receiveResponse().replyText == "after the handshake deadline")
            }
        }
    }

    @Test func clientThatRejectsTheCertificate_failsAndTheServerGoesOn() async throws {
        try await TLSTestServers.run { servers in
            // Trusts another authority only, as a client without the test CA would.
            let stranger = try SelfSignedAuthority()
            let root = try NIOSSLCertificate(bytes: Array(stranger.certificateAuthorityPEM().utf8), format: .pem)
            let context = try TLSClient.context(trusting: [root])
            let end = try await TLSClient.with(port: servers.tls.port, context: context) { client in
                try? await client.send(Requests.echo("never read"))
                return await client.receiveToEnd()
            }
            #expect(end.bytes.isEmpty)
            guard case .failed(let reason) = end.end else {
                Issue.record("an untrusted certificate was accepted")
                return
            }
            #expect(reason.contains("CERTIFICATE_VERIFY_FAILED") || reason.contains("handshake"))
            try await Self.expectBothServe(servers)
        }
    }
}
