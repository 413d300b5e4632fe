import MockEngine
import MockServer
import Testing

/// The request-side deadlines on a live socket: a late head or body gets 408 `timeout_error` and a close, an idle
/// keep-alive connection closes quietly, and none of them cuts a response, however slow or stalled.
@Suite struct RequestTimeoutTests {
    static func configuration(
        header: Duration? = .milliseconds(300), body: Duration? = .milliseconds(300), idle: Duration? = .milliseconds(300),
        journal: Journal = Journal()
    ) -> MockHTTPServer.Configuration {
        var configuration = MockHTTPServer.Configuration(port: 0)
        configuration.timeouts = RequestTimeouts(header: header, body: body, idle: idle)
        configuration.router.journal = journal
        return configuration
    }

    @Test func lateHead_gets408ThenClose() async throws {
        try await withTestServer(Self.configuration(idle: nil)) { server in
            let client = try RawClient(port: server.port)
            try await client.send("POST /v1/messages HTTP/1.1\r\nHost: x\r\n")
            let (raw, end) = try await client.receiveToEnd()
            #expect(end == .closed)
            let response = try #require(ResponseParser.first(raw))
            #expect(response.status == 408)
            #expect(response.header("connection") == "close")
            #expect(response.bodyText == #"{"error":{"type":"timeout_error","message":"Request timeout: the request head did not arrive within 300ms"},"type":"error"}"#)
        }
    }

    @Test func headSentALineAtATime_isCutAtTheHeaderTimeout() async throws {
        // The head's deadline counts from its first byte: bytes that keep coming do not extend it.
        try await withTestServer(Self.configuration(idle: nil)) { server in
            let client = try RawClient(port: server.port)
            let lines = ["POST /v1/messages HTTP/1.1\r\n"] + (0..<20).map { "x-line-\($0): y\r\n" }
            let sender = Task {
                for line in lines {
                    try? await client.send(line)
                    try? await Task.sleep(for: .milliseconds(50))
                }
            }
            let (raw, _) = try await client.receiveToEnd()
            sender.cancel()
            #expect(try #require(ResponseParser.first(raw)).status == 408)
        }
    }

    @Test func lateBody_gets408_andIsJournaledWithWhatCame() async throws {
        let journal = Journal(capacity: 10)
        try await withTestServer(Self.configuration(idle: nil, journal: journal)) { server in
            let client = try RawClient(port: server.port)
            let request = Requests.echo("half a body")
            try await client.send(String(request.dropLast(8)))
            let (raw, end) = try await client.receiveToEnd()
            #expect(end == .closed)
            let response = try #require(ResponseParser.first(raw))
            #expect(response.status == 408)
            #expect(response.bodyText.contains("the request body did not arrive within 300ms"))
            let entry = try #require(await HalfCloseTests.firstEntry(of: journal))
            #expect(entry.status == 408)
            #expect(entry.source == .requestTimeout)
            #expect(entry.bodySize == Requests.body("half a body").utf8.count - 8)
        }
    }

    @Test func bodyThatKeepsComing_isNotCut() async throws {
        // The body's deadline runs between pieces: a slow but steady body gets its answer.
        // Pieces every 250 ms for over four seconds, against a three-second deadline between pieces: twelve times
        // the gap, so a loaded machine's scheduling delays do not matter.
        try await withTestServer(Self.configuration(body: .seconds(3))) { server in
            let client = try RawClient(port: server.port)
            let request = Array(Requests.echo("steady drip").utf8)
            let headEnd = request.count - Requests.body("steady drip").utf8.count
            try await client.send(Array(request[..<headEnd]))
            // Paced from a thread of its own: a Task.sleep between pieces waited for the concurrency pool, which
            // a loaded test run kept busy for longer than the deadline (the server then rightly answered 408).
            try await client.sendPaced(Array(request[headEnd...]), piece: 8, gap: .milliseconds(250))
            let response = try await client.receiveResponse()
            #expect(response.status == 200)
            #expect(response.bodyText.contains("steady drip"))
        }
    }

    @Test func idleConnection_isClosedQuietly_beforeAndBetweenRequests() async throws {
        try await withTestServer(Self.configuration()) { server in
            let silent = try RawClient(port: server.port)
            let (nothing, end) = try await silent.receiveToEnd()
            #expect(nothing.isEmpty)
            #expect(end == .closed)

            let keptAlive = try RawClient(port: server.port)
            try await keptAlive.send(Requests.echo("one"))
            #expect(try await keptAlive.receiveResponse().status == 200)
            let (after, afterEnd) = try await keptAlive.receiveToEnd()
            #expect(after.isEmpty)
            #expect(afterEnd == .closed)
        }
    }

    @Test(arguments: ["x-mock-fault: stall;for=1s\r\n", "x-mock-stream: delay=150ms;ttft=700ms\r\n"])
    func slowOrStalledResponse_isNeverCut(header: String) async throws {
        try await withTestServer(Self.configuration()) { server in
            let client = try RawClient(port: server.port)
            try await client.send(Requests.echo("take your time", stream: true, extraHeaders: header))
            let response = try await client.receiveResponse()
            #expect(response.status == 200)
            #expect(response.bodyText.contains("message_stop"))
            // Then the idle deadline applies again.
            #expect(await client.isClosedByServer())
        }
    }

    @Test func openEndedStall_outlastsEveryTimeout() async throws {
        try await withTestServer(Self.configuration()) { server in
            let client = try RawClient(port: server.port)
            try await client.send(Requests.echo("hold", stream: true, extraHeaders: "x-mock-fault: stall;after=2\r\n"))
            // The first events, however long a loaded machine takes to send them; then the silence is timed.
            let first = await client.receive(until: "event: message_start")
            #expect(String(decoding: first, as: UTF8.self).contains("event: message_start"))
            client.setReceiveTimeout(seconds: 2)
            let (rest, end) = try await client.receiveToEnd()
            // Two seconds of silence after the first events: nothing closed the connection.
            #expect(end == .timeout)
            #expect(!String(decoding: first + rest, as: UTF8.self).contains("message_stop"))
        }
    }

    @Test func timeoutsOff_keepAnIdleConnectionOpen() async throws {
        try await withTestServer(Self.configuration(header: nil, body: nil, idle: nil)) { server in
            let client = try RawClient(port: server.port, receiveTimeout: 1)
            try await client.send("POST /v1/messages HTTP/1.1\r\n")
            let (raw, end) = try await client.receiveToEnd()
            #expect(raw.isEmpty)
            #expect(end == .timeout)
        }
    }
}
