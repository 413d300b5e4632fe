import MessagesAPI
import MockEngine
import MockServer
import Testing

/// Every fault and stream option as a raw socket sees it: the exact bytes, where the body stops, and how
/// the connection ends.
@Suite struct FaultWireTests {
    static func stream(fault: String? = nil, shape: String? = nil, text: String = "Say hello world", extra: String = "")
        -> String
    {
        var headers = extra
        if let fault { headers += "x-mock-fault: \(fault)\r\n" }
        if let shape { headers += "x-mock-stream: \(shape)\r\n" }
        return Requests.echo(text, stream: true, extraHeaders: headers)
    }

    /// The SSE events in a body, as (name, data) pairs.
    static func events(_ body: [UInt8]) -> [(name: String, data: String)] {
        String(decoding: body, as: UTF8.self).replacing("\r\n", with: "\n").split(separator: "\n\n").compactMap { block in
            var name = ""
            var data: [String] = []
            for line in block.split(separator: "\n") {
                if line.hasPrefix("event: ") { name = String(line.dropFirst(7)) }
                if line.hasPrefix("data: ") { data.append(String(line.dropFirst(6))) }
            }
            return name.isEmpty ? nil : (name, data.joined(separator: "\n"))
        }
    }

    static func exchange(_ request: String, _ body: (RawClient) async throws -> Void) async throws {
        try await withTestServer { server in
            let client = try RawClient(port: server.port)
            try await client.send(request)
            try await body(client)
        }
    }

    @Test func httpError_withHeaders_forTheFirstTimesOnly() async throws {
        try await withTestServer { server in
            let client = try RawClient(port: server.port)
            let fault = "x-mock-fault: error;status=429;retry-after=2;header.x-ratelimit-remaining-requests=0;times=2\r\nx-mock-session: s\r\n"
            var statuses: [Int] = []
            for _ in 0..<3 {
                try await client.send(Requests.echo("hi", extraHeaders: fault))
                let response = try await client.receiveResponse()
                statuses.append(response.status)
                if response.status == 429 {
                    #expect(response.header("retry-after") == "2")
                    #expect(response.header("x-ratelimit-remaining-requests") == "0")
                    #expect(response.bodyText == #"{"error":{"type":"rate_limit_error","message":"Rate limited"},"type":"error"}"#)
                }
            }
            #expect(statuses == [429, 429, 200])
        }
    }

    @Test func midStreamError_endsTheBodyWithoutMessageStop() async throws {
        try await Self.exchange(Self.stream(fault: "mid-stream-error;after=4;type=api_error;message=boom")) { client in
            let response = try await client.receiveResponse()
            let names = Self.events(response.body).map(\.name)
            #expect(names == ["message_start", "ping", "content_block_start", "content_block_delta", "error"])
            #expect(Self.events(response.body).last?.data == #"{"type":"error","error":{"type":"api_error","message":"boom"}}"#)
            #expect(response.raw.suffix(5) == Array("0\r\n\r\n".utf8))
        }
    }

    @Test func cutAfterEvents_withAndWithoutTerminator() async throws {
        try await Self.exchange(Self.stream(fault: "cut;after=3")) { client in
            let response = try await client.receiveResponse()
            #expect(Self.events(response.body).map(\.name) == ["message_start", "ping", "content_block_start"])
        }
        try await Self.exchange(Self.stream(fault: "cut;after=3;terminator=false")) { client in
            let (bytes, end) = try await client.receiveToEnd()
            #expect(end == .closed)
            #expect(!String(decoding: bytes, as: UTF8.self).hasSuffix("0\r\n\r\n"))
            #expect(String(decoding: bytes, as: UTF8.self).hasSuffix("\"text\":\"\"}}\n\n\r\n"))
        }
    }

    @Test func cutAfterBytes_stopsMidEvent() async throws {
        try await Self.exchange(Self.stream(fault: "cut;after-bytes=50;terminator=false")) { client in
            let (bytes, end) = try await client.receiveToEnd()
            #expect(end == .closed)
            let headEnd = try #require(bytes.firstRange(of: Array("\r\n\r\n".utf8))).upperBound
            let body = Array(bytes[headEnd...])
            // One chunk of exactly 50 body bytes: the first 50 bytes of message_start.
            let expected = "32\r\n" + String("event: message_start\ndata: {\"type\":\"message_start\",\"message\"".utf8.prefix(50))! + "\r\n"
            #expect(String(decoding: body, as: UTF8.self) == expected)
        }
    }

    @Test func reset_afterEvents() async throws {
        try await Self.exchange(Self.stream(fault: "reset;after=2")) { client in
            let (bytes, end) = try await client.receiveToEnd()
            #expect(end == .reset)
            #expect(Self.events(ResponseParser.bodyBytesOfPartialChunked(bytes)).map(\.name) == ["message_start", "ping"])
        }
    }

    @Test func empty_closesBeforeAnyByte() async throws {
        try await Self.exchange(Self.stream(fault: "empty")) { client in
            let (bytes, end) = try await client.receiveToEnd()
            #expect(bytes.isEmpty)
            #expect(end == .closed)
        }
    }

    @Test func stall_afterHeadersForADuration() async throws {
        try await Self.exchange(Self.stream(fault: "stall;after=0;for=300ms")) { client in
            let clock = ContinuousClock()
            let start = clock.now
            let head = try #require(await client.receiveSome())
            #expect(String(decoding: head, as: UTF8.self).hasPrefix("HTTP/1.1 200 OK"))
            #expect(!String(decoding: head, as: UTF8.self).contains("message_start"))
            let rest = try #require(await client.receiveSome())
            #expect(String(decoding: rest, as: UTF8.self).contains("message_start"))
            // A lower bound only: the stall is a deliberate wait, not a speed.
            #expect(clock.now - start >= .milliseconds(250))
        }
    }

    @Test func stall_untilTheClientGivesUp_leavesTheServerServing() async throws {
        try await withTestServer { server in
            let client = try RawClient(port: server.port)
            try await client.send(Self.stream(fault: "stall;after=3"))
            #expect(await client.receiveSome()?.isEmpty == false)
            client.reset()
            try await LimitsTests.assertStillServing(server.port)
        }
    }

    @Test func malformed_invalidJSON() async throws {
        try await Self.exchange(Self.stream(fault: "malformed;kind=invalid-json;at=2")) { client in
            let events = Self.events(try await client.receiveResponse().body)
            #expect(events[2].name == "content_block_start")
            #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(events[2].data) }
            #expect(events.last?.name == "message_stop")
        }
    }

    @Test func malformed_missingBlankLine() async throws {
        try await Self.exchange(Self.stream(fault: "malformed;kind=missing-blank-line;at=1")) { client in
            let body = try await client.receiveResponse().bodyText
            #expect(body.contains("data: {\"type\":\"ping\"}\nevent: content_block_start"))
        }
    }

    @Test func malformed_badChunkSize_thenClose() async throws {
        try await Self.exchange(Self.stream(fault: "malformed;kind=bad-chunk-size;at=1")) { client in
            let (bytes, end) = try await client.receiveToEnd()
            #expect(end == .closed)
            let ping = "event: ping\ndata: {\"type\":\"ping\"}\n\n"
            // The size line announces 16 bytes more than the event that follows.
            #expect(String(decoding: bytes, as: UTF8.self).hasSuffix(String(ping.utf8.count + 16, radix: 16) + "\r\n" + ping))
        }
    }

    @Test func malformed_garbage_thenClose() async throws {
        try await Self.exchange(Self.stream(fault: "malformed;kind=garbage;at=1")) { client in
            let (bytes, end) = try await client.receiveToEnd()
            #expect(end == .closed)
            let text = String(decoding: bytes, as: UTF8.self)
            let afterFirstEvent = text.components(of: "message_start").count
            #expect(afterFirstEvent >= 1)
            #expect(!text.contains("event: ping"))
        }
    }

    @Test func missingDuplicatedAndUnknownIndexEvents() async throws {
        try await Self.exchange(Self.stream(fault: "no-message-delta")) { client in
            let names = Self.events(try await client.receiveResponse().body).map(\.name)
            #expect(!names.contains("message_delta"))
            #expect(names.last == "message_stop")
        }
        try await Self.exchange(Self.stream(fault: "duplicate-message-delta")) { client in
            let events = Self.events(try await client.receiveResponse().body)
            #expect(events.filter { $0.name == "message_delta" }.count == 2)
        }
        try await Self.exchange(Self.stream(fault: "unknown-index")) { client in
            let events = Self.events(try await client.receiveResponse().body)
            #expect(events.contains { $0.data.contains(#""index":99"#) })
        }
    }

    @Test func rateLimit_answers429WithRetryAfter() async throws {
        var configuration = MockHTTPServer.Configuration(port: 0)
        configuration.router.planner.configuration.rateLimit = RateLimiter(perSecond: 1)
        try await withTestServer(configuration) { server in
            let client = try RawClient(port: server.port)
            try await client.send(Requests.echo("one") + Requests.echo("two"))
            let responses = try await client.receiveResponses(2)
            #expect(responses.map(\.status) == [200, 429])
            #expect(responses[1].header("retry-after") == "1")
            #expect(responses[1].header("x-ratelimit-remaining-requests") == "0")
            #expect(
                responses[1].bodyText
                    == #"{"error":{"type":"rate_limit_error","message":"Rate limit exceeded: 1 requests per second"},"type":"error"}"#)
        }
    }

    @Test func badFaultHeader_isA400NamingTheProblem() async throws {
        try await Self.exchange(Self.stream(fault: "explode")) { client in
            let response = try await client.receiveResponse()
            #expect(response.status == 400)
            #expect(response.bodyText.contains("x-mock-fault: unknown fault 'explode'"))
        }
    }
}

/// Stream shapes on the wire.
@Suite struct StreamShapeWireTests {
    @Test func eventsPerWrite_groupsEventsInOneChunk() async throws {
        try await FaultWireTests.exchange(FaultWireTests.stream(shape: "events-per-write=3")) { client in
            let chunks = try await client.receiveResponse().chunks.map { String(decoding: $0, as: UTF8.self) }
            // Three events in the first chunk: three "event: " lines.
            #expect(chunks[0].components(of: "event: ").count - 1 == 3)
        }
    }

    @Test func split_cutsEveryEventAcrossTwoChunks() async throws {
        try await FaultWireTests.exchange(FaultWireTests.stream(shape: "split")) { client in
            let response = try await client.receiveResponse()
            #expect(response.chunks.count == 2 * FaultWireTests.events(response.body).count)
            #expect(!String(decoding: response.chunks[0], as: UTF8.self).hasSuffix("\n\n"))
        }
    }

    @Test func drip_sendsOneBytePerChunk() async throws {
        try await FaultWireTests.exchange(FaultWireTests.stream(shape: "drip", text: "hi")) { client in
            let response = try await client.receiveResponse()
            #expect(response.chunks.allSatisfy { $0.count == 1 })
            #expect(response.replyText == "hi")
        }
    }

    @Test func crlfCommentsMultilineAndUnknownEvents() async throws {
        try await FaultWireTests.exchange(FaultWireTests.stream(shape: "crlf;comments;multiline;unknown-events")) { client in
            let response = try await client.receiveResponse()
            let body = response.bodyText
            #expect(body.hasPrefix(": keep-alive\r\nevent: message_start\r\ndata: {\"type\":\"message_start\",\r\ndata: \"message\":"))
            #expect(body.contains("event: mock_unknown\r\ndata: {\"type\":\"mock_unknown\"}\r\n\r\n"))
            #expect(!body.replacing("\r\n", with: "").contains("\n"))
        }
    }

    @Test func chunkByWords() async throws {
        try await FaultWireTests.exchange(FaultWireTests.stream(shape: "chunk=words:1", text: "one two three")) { client in
            let deltas = FaultWireTests.events(try await client.receiveResponse().body).filter { $0.name == "content_block_delta" }
            #expect(deltas.map { try! JSONParser.parse($0.data)["delta"]!["text"]!.stringValue! } == ["one ", "two ", "three"])
        }
    }

    @Test func timing_firstTokenAndEventDelays_withPings() async throws {
        try await FaultWireTests.exchange(FaultWireTests.stream(shape: "ttft=300ms;delay=50ms;ping=100ms")) { client in
            let clock = ContinuousClock()
            let start = clock.now
            let response = try await client.receiveResponse()
            let elapsed = clock.now - start
            let names = FaultWireTests.events(response.body).map(\.name)
            // 300 ms before the first content event, sent as waits of 100 ms with a ping after each.
            #expect(names.prefix(5) == ["message_start", "ping", "ping", "ping", "content_block_start"])
            #expect(elapsed >= .milliseconds(300 + 50 * 5))
        }
    }
}

extension String {
    /// The pieces between occurrences of `separator` (for counting them).
    func components(of separator: String) -> [Substring] {
        self.split(separator: separator, omittingEmptySubsequences: false)
    }
}

extension ResponseParser {
    /// The body bytes of a chunked response that may have been cut anywhere.
    static func bodyBytesOfPartialChunked(_ bytes: [UInt8]) -> [UInt8] {
        guard let headEnd = bytes.firstRange(of: Array("\r\n\r\n".utf8))?.upperBound else { return [] }
        var index = headEnd
        var body: [UInt8] = []
        while let lineEnd = bytes[index...].firstRange(of: [0x0D, 0x0A])?.lowerBound,
            let size = Int(String(decoding: bytes[index..<lineEnd], as: UTF8.self), radix: 16), size > 0
        {
            let start = lineEnd + 2
            let stop = min(bytes.count, start + size)
            body += bytes[start..<stop]
            index = stop + 2
            if index >= bytes.count { break }
        }
        return body
    }
}
