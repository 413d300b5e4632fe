import MockEngine
import MockServer
import Testing

/// Clients that shut down their sending side (a FIN) after a request, as `nc -N`, some HTTP/1.0 tools and
/// proxies do: every request complete before the FIN is answered in full, in order, then the connection closes.
@Suite struct HalfCloseTests {
    @Test func completeRequest_thenFIN_isAnsweredThenClosed() async throws {
        try await withTestServer { server in
            let client = try RawClient(port: server.port)
            try await client.send(Requests.echo("after fin"))
            client.shutdownWrite()
            let (raw, end) = try await client.receiveToEnd()
            #expect(end == .closed)
            let response = try #require(ResponseParser.first(raw))
            #expect(response.status == 200)
            #expect(response.bodyText.contains(#""text":"after fin""#))
        }
    }

    @Test func pacedStream_thenFIN_isSentInFullWithItsLastChunk() async throws {
        try await withTestServer { server in
            let client = try RawClient(port: server.port)
            try await client.send(Requests.echo("slow stream", stream: true, extraHeaders: "x-mock-stream: delay=20ms\r\n"))
            client.shutdownWrite()
            let (raw, end) = try await client.receiveToEnd()
            #expect(end == .closed)
            let text = String(decoding: raw, as: UTF8.self)
            #expect(text.hasPrefix("HTTP/1.1 200 OK\r\n"))
            #expect(text.contains("event: message_stop"))
            #expect(text.hasSuffix("0\r\n\r\n"))
        }
    }

    @Test func http10_thenFIN_isAnswered() async throws {
        try await withTestServer { server in
            let client = try RawClient(port: server.port)
            try await client.send(Requests.echo("old and closing", version: "HTTP/1.0"))
            client.shutdownWrite()
            let (raw, end) = try await client.receiveToEnd()
            #expect(end == .closed)
            #expect(String(decoding: raw, as: UTF8.self).hasPrefix("HTTP/1.0 200 OK\r\n"))
            #expect(try #require(ResponseParser.first(raw)).bodyText.contains("old and closing"))
        }
    }

    @Test func pipelinedRequests_thenFIN_areAllAnsweredInOrder() async throws {
        try await withTestServer { server in
            let client = try RawClient(port: server.port)
            try await client.send(
                Requests.echo("first") + Requests.echo("second", stream: true) + Requests.echo("third"))
            client.shutdownWrite()
            let (raw, end) = try await client.receiveToEnd()
            #expect(end == .closed)
            var parser = ResponseParser(bytes: raw)
            let responses = parser.parseAll()
            try #require(responses.count == 3)
            #expect(responses[0].bodyText.contains(#""text":"first""#))
            #expect(responses[1].bodyText.contains("message_stop"))
            #expect(responses[2].bodyText.contains(#""text":"third""#))
        }
    }

    @Test func malformedRequest_thenFIN_gets400() async throws {
        try await withTestServer { server in
            let client = try RawClient(port: server.port)
            try await client.send(
                "POST /v1/messages HTTP/1.1\r\nHost: x\r\ncontent-length: 5\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n")
            client.shutdownWrite()
            let (raw, end) = try await client.receiveToEnd()
            #expect(end == .closed)
            let response = try #require(ResponseParser.first(raw))
            #expect(response.status == 400)
            #expect(response.bodyText.contains("invalid_request_error"))
        }
    }

    @Test func finPartwayThroughTheBody_isNotAnswered_andIsJournaledAsIncomplete() async throws {
        let journal = Journal(capacity: 10)
        var configuration = MockHTTPServer.Configuration(port: 0)
        configuration.router.journal = journal
        try await withTestServer(configuration) { server in
            let client = try RawClient(port: server.port)
            let request = Requests.echo("never finished", extraHeaders: "x-mock-session: half\r\n")
            try await client.send(String(request.dropLast(10)))
            client.shutdownWrite()
            let (raw, end) = try await client.receiveToEnd()
            #expect(raw.isEmpty)
            #expect(end == .closed)
            let entry = try #require(await Self.firstEntry(of: journal))
            #expect(entry.ending == .requestIncomplete)
            #expect(entry.status == 0)
            #expect(entry.session == "half")
            #expect(entry.bodySize == Requests.body("never finished").utf8.count - 10)
        }
    }

    @Test func finPartwayThroughTheHead_closesWithoutAnswer() async throws {
        try await withTestServer { server in
            let client = try RawClient(port: server.port)
            try await client.send("POST /v1/messages HTTP/1.1\r\nHost: x\r\n")
            client.shutdownWrite()
            let (raw, end) = try await client.receiveToEnd()
            #expect(raw.isEmpty)
            #expect(end == .closed)
            // The server goes on serving.
            let next = try RawClient(port: server.port)
            try await next.send(Requests.echo("still here"))
            #expect(try await next.receiveResponse().status == 200)
        }
    }

    /// The journal's first entry, waiting briefly: it is recorded once the connection has finished with it.
    static func firstEntry(of journal: Journal) async -> JournalEntry? {
        for _ in 0..<100 {
            if let entry = journal.entries().first { return entry }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }
}
