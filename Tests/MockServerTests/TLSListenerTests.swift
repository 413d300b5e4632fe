import MockServer
import NIOSSL
import Testing

/// The HTTPS listener with a client that trusts the self-signed test CA: the same answers as the plain
/// listener, byte for byte, with state shared between the two, streams that leave event by event, and the
/// `reset` fault cutting TCP without a TLS close_notify.
@Suite struct TLSListenerTests {
    /// A response's bytes with what differs between two identical requests (ids) made uniform.
    static func normalized(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
            .replacing(/msg_[0-9A-Za-z]{24}/, with: "msg_ID")
            .replacing(/req_[0-9A-Za-z]+/, with: "req_ID")
    }

    @Test func echo_overTLS_andHealthOnBothListeners() async throws {
        try await TLSTestServers.run { servers in
            #expect(servers.tls.url.hasPrefix("https://127.0.0.1:"))
            #expect(servers.plain.url.hasPrefix("http://127.0.0.1:"))
            try await TLSClient.with(port: servers.tls.port, context: servers.clientContext) { client in
                try await client.send(Requests.echo("over TLS"))
                let response = try await client.receiveResponse()
                #expect(response.statusLine == "HTTP/1.1 200 OK")
                #expect(response.replyText == "over TLS")
                try await client.send("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n")
                #expect(try await client.receiveResponse().bodyText == #"{"status":"ok"}"#)
            }
            let plain = try RawClient(port: servers.plain.port)
            try await plain.send(Requests.echo("over TCP"))
            #expect(try await plain.receiveResponse().replyText == "over TCP")
        }
    }

    @Test func addressLiteral_isCoveredByTheCertificate() async throws {
        try await TLSTestServers.run { servers in
            // No server name: the client checks the certificate against the address it connected to.
            try await TLSClient.with(port: servers.tls.port, serverName: nil, context: servers.clientContext) { client in
                try await client.send(Requests.echo("by address"))
                #expect(try await client.receiveResponse().replyText == "by address")
            }
        }
    }

    @Test func streaming_isByteForByteTheSameAsPlain() async throws {
        try await TLSTestServers.run { servers in
            let request = Requests.echo("Say hello to the encrypted world", stream: true)
            let plain = try RawClient(port: servers.plain.port)
            try await plain.send(request)
            let overTCP = try await plain.receiveResponse()
            let overTLS = try await TLSClient.with(port: servers.tls.port, context: servers.clientContext) { client in
                try await client.send(request)
                return try await client.receiveResponse()
            }
            #expect(overTLS.chunks.count == 10)
            #expect(overTLS.chunks.count == overTCP.chunks.count)
            #expect(Self.normalized(overTLS.raw) == Self.normalized(overTCP.raw))
            #expect(overTLS.raw.suffix(5) == Array("0\r\n\r\n".utf8))
        }
    }

    @Test func streaming_eachEventLeavesWhenWritten() async throws {
        try await TLSTestServers.run { servers in
            try await TLSClient.with(port: servers.tls.port, context: servers.clientContext) { client in
                // The server stalls after 4 events until the client leaves: the 4 events can only arrive if each
                // left on its own, not held back until the stream ends.
                try await client.send(Requests.echo("wait for it", stream: true, extraHeaders: "x-mock-fault: stall;after=4\r\n"))
                var received: [UInt8] = []
                while String(decoding: received, as: UTF8.self).ranges(of: "\n\n").count < 4 {
                    let bytes = try await client.receiveSome()
                    try #require(!bytes.isEmpty, "the connection ended before 4 events arrived")
                    received += bytes
                }
                let text = String(decoding: received, as: UTF8.self)
                #expect(text.contains("event: content_block_delta"))
                #expect(!text.contains("event: message_stop"))
            }
        }
    }

    @Test func keepAlive_manyRequestsOnOneConnection() async throws {
        try await TLSTestServers.run { servers in
            try await TLSClient.with(port: servers.tls.port, context: servers.clientContext) { client in
                for index in 0..<5 {
                    try await client.send(Requests.echo("request \(index)", stream: index % 2 == 1))
                    let response = try await client.receiveResponse()
                    #expect(response.replyText == "request \(index)")
                    #expect(response.header("connection") == nil)
                }
                // Pipelined: both requests in one write, answered in order.
                try await client.send(Requests.echo("first") + Requests.echo("second"))
                #expect(try await client.receiveResponses(2).map(\.replyText) == ["first", "second"])
            }
        }
    }

    @Test func state_isSharedBetweenTheListeners() async throws {
        try await TLSTestServers.run { servers in
            let headers = "x-mock-fault: error;status=529;times=1\r\nx-mock-session: shared\r\n"
            let plain = try RawClient(port: servers.plain.port)
            try await plain.send(Requests.echo("first", extraHeaders: headers))
            #expect(try await plain.receiveResponse().status == 529)
            // The fault's count is the planner's, one for both ports: the second request of the session passes.
            try await TLSClient.with(port: servers.tls.port, context: servers.clientContext) { client in
                try await client.send(Requests.echo("second", extraHeaders: headers))
                #expect(try await client.receiveResponse().status == 200)
            }
        }
    }

    @Test func connectionClose_endsWithCloseNotify() async throws {
        try await TLSTestServers.run { servers in
            try await TLSClient.with(port: servers.tls.port, context: servers.clientContext) { client in
                try await client.send(Requests.echo("bye", extraHeaders: "connection: close\r\n"))
                let (bytes, end) = await client.receiveToEnd()
                #expect(String(decoding: bytes, as: UTF8.self).hasPrefix("HTTP/1.1 200 OK"))
                #expect(end == .closedCleanly)
            }
        }
    }

    @Test func resetFault_cutsTCPWithoutCloseNotify() async throws {
        try await TLSTestServers.run { servers in
            try await TLSClient.with(port: servers.tls.port, context: servers.clientContext) { client in
                try await client.send(Requests.echo("cut me off", stream: true, extraHeaders: "x-mock-fault: reset;after=3\r\n"))
                let (bytes, end) = await client.receiveToEnd()
                let text = String(decoding: bytes, as: UTF8.self)
                #expect(text.contains("event: content_block_start"))
                #expect(!text.contains("event: content_block_delta"))
                // A TLS close would end cleanly; a network failure ends with an error (reset or unclean shutdown).
                guard case .failed = end else {
                    Issue.record("the connection ended with a TLS close_notify, not a network failure")
                    return
                }
            }
        }
    }
}
