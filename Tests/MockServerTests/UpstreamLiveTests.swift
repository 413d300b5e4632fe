import FireworksMockTesting
import MessagesAPI
import MockEngine
import MockServer
import Testing

/// `--upstream` and `--record` on loopback: a mock plays the upstream, a second forwards to it and records,
/// a third replays the recordings with the upstream gone. Bytes, timing, faults on replays, credentials.
@Suite(.serialized) struct UpstreamLiveTests {
    static let slowStream = """
        name: slow
        match: {last_user: slow}
        reply:
          text: "Hello from the upstream, slowly."
          stream: "ttfb=300ms;delay=40ms"
        """

    static func request(_ text: String, stream: Bool, extra: String = "") -> String {
        Requests.post(
            Requests.body(text, stream: stream),
            extraHeaders: "authorization: Bearer \(UpstreamPair.clientKey)\r\n" + extra)
            .replacingFirst("x-api-key: test\r\n", with: "")
    }

    @Test func aStream_passesThroughAsItArrives_isRecorded_andReplaysByteForByteWithItsTiming() async throws {
        let pair = try await UpstreamPair(upstreamScripts: [Self.slowStream])
        let client = try RawClient(port: pair.proxy.port)
        let start = ContinuousClock.now
        try await client.send(Self.request("slow", stream: true))
        let first = await client.receiveSome()
        let firstByte = ContinuousClock.now - start
        var bytes = first ?? []
        while ResponseParser.first(bytes) == nil, let more = await client.receiveSome(), !more.isEmpty { bytes += more }
        let lastByte = ContinuousClock.now - start
        let proxied = try #require(ResponseParser.first(bytes))
        #expect(proxied.status == 200)
        // The upstream waits 300 ms before its head and 40 ms between events: the client sees the same.
        #expect(firstByte >= .milliseconds(300))
        #expect(lastByte - firstByte >= .milliseconds(40 * 5))
        #expect(proxied.replyText == "Hello from the upstream, slowly.")
        let upstreamID = try #require(proxied.header("request-id"))

        let entry = try #require(pair.proxy.journal().last)
        #expect(entry.source == .upstream)
        #expect(entry.answerKind == .upstream)
        #expect(entry.upstream?.status == 200)
        #expect((entry.upstream?.firstByte ?? .zero) >= .milliseconds(300))
        #expect(!entry.headers.contains { $0.name.lowercased() == "authorization" })
        let recorded = try #require(entry.upstream?.recording)
        #expect(recorded.hasPrefix(pair.directory))
        await pair.stop()

        // No file holds either key.
        for file in pair.files() {
            let text = String(decoding: file.bytes, as: UTF8.self)
            #expect(!text.contains(UpstreamPair.clientKey), "\(file.name)")
            #expect(!text.contains(UpstreamPair.upstreamKey), "\(file.name)")
        }

        try await pair.replay { replay in
            let client = try RawClient(port: replay.port)
            let start = ContinuousClock.now
            try await client.send(Self.request("slow", stream: true))
            let replayed = try await client.receiveResponse()
            let took = ContinuousClock.now - start
            #expect(replayed.status == 200)
            #expect(replayed.chunks == proxied.chunks)
            #expect(replayed.header("request-id") == upstreamID)
            #expect(took >= .milliseconds(300 + 40 * 5))
            // Within 10% of the recorded pacing (plus a little for a loaded machine): waits run to deadlines
            // counted from the request, so they do not add up. Both sides are the server's own times (the
            // recording's last event, the replay's last write as journaled), not this client's reads.
            let script = try #require(pair.files().first { $0.name.hasSuffix(".json") })
            let events = try JSONParser.parse(script.bytes)["reply"]?["timing"]?["events_ms"]?.arrayValue ?? []
            let recordedLast = Duration.microseconds(Int64(((events.last.flatMap { if case .number(let n) = $0 { n.doubleValue } else { nil } }) ?? 0) * 1000))
            let replayEntry = try #require(replay.journal().last)
            let replayedLast = try #require(replayEntry.writes.last).offset
            #expect(recordedLast >= .milliseconds(300 + 40 * 5))
            #expect(replayedLast >= recordedLast && replayedLast <= recordedLast * 1.1 + .milliseconds(150), "\(replayedLast) vs \(recordedLast)")
            #expect(replayEntry.answerKind == .recording)

            // speed=0: the same bytes with no waits.
            let fast = try RawClient(port: replay.port)
            let fastStart = ContinuousClock.now
            try await fast.send(Self.request("slow", stream: true, extra: "x-mock-stream: speed=0\r\n"))
            let instant = try await fast.receiveResponse()
            #expect(instant.chunks == proxied.chunks)
            #expect(ContinuousClock.now - fastStart < .milliseconds(300))

            // A fault applies to the replay: the body ends after 3 events (cleanly: `cut` sends the last chunk).
            let cut = try RawClient(port: replay.port)
            try await cut.send(Self.request("slow", stream: true, extra: "x-mock-stream: speed=0\r\nx-mock-fault: cut;after=3\r\n"))
            let cutShort = try await cut.receiveResponse()
            #expect(cutShort.chunks == Array(proxied.chunks.prefix(3)))
            #expect(replay.journal().last?.fault != nil)

            // A changed message does not pick the recording.
            let other = try RawClient(port: replay.port)
            try await other.send(Self.request("something else", stream: true))
            let echo = try await other.receiveResponse()
            #expect(echo.replyText == "something else")
        }
    }

    @Test func aSecondRequest_isForwardedWhileTheFirstStillStreams() async throws {
        let pair = try await UpstreamPair(upstreamScripts: [Self.slowStream])
        let first = try RawClient(port: pair.proxy.port)
        try await first.send(Self.request("slow", stream: true))
        var bytes = await first.receive(until: "message_start")
        // While the first stream is paced, a second client gets its whole answer.
        let second = try RawClient(port: pair.proxy.port)
        try await second.send(Self.request("quick", stream: false))
        #expect(try await second.receiveResponse().replyText == "quick")
        while ResponseParser.first(bytes) == nil, let more = await first.receiveSome(), !more.isEmpty { bytes += more }
        #expect(ResponseParser.first(bytes)?.replyText == "Hello from the upstream, slowly.")
        let entries = pair.proxy.journal()
        #expect(entries.map(\.answerKind) == [.upstream, .upstream])
        // The journal keeps answers in the order they ended: the second request's ended first.
        let firstEnded = String(decoding: entries.first?.body ?? [], as: UTF8.self)
        #expect(firstEnded.contains("quick"))
        await pair.stop()
    }

    @Test func upstreamErrors_passThroughWithTheirHeaders_andReplay() async throws {
        let overloaded = """
            name: overloaded
            match: {last_user: busy}
            reply: {error: {status: 529, type: overloaded_error, message: "Overloaded", headers: {retry-after: "7"}}}
            """
        let pair = try await UpstreamPair(upstreamScripts: [overloaded])
        let client = try RawClient(port: pair.proxy.port)
        try await client.send(Self.request("busy", stream: false))
        let proxied = try await client.receiveResponse()
        #expect(proxied.status == 529)
        #expect(proxied.header("retry-after") == "7")
        await pair.stop()
        try await pair.replay { replay in
            let client = try RawClient(port: replay.port)
            try await client.send(Self.request("busy", stream: false))
            let replayed = try await client.receiveResponse()
            #expect(replayed.status == 529)
            #expect(replayed.header("retry-after") == "7")
            #expect(replayed.body == proxied.body)
        }
    }

    @Test func twoIdenticalRequests_replayInTheOrderTheyWereRecorded() async throws {
        let sequence = """
            name: sequence
            match: {last_user: again}
            replies: [{text: first answer}, {text: second answer}]
            """
        let pair = try await UpstreamPair(upstreamScripts: [sequence])
        for expected in ["first answer", "second answer"] {
            let client = try RawClient(port: pair.proxy.port)
            try await client.send(Self.request("again", stream: false))
            #expect(try await client.receiveResponse().replyText == expected)
        }
        await pair.stop()
        #expect(pair.files().filter { $0.name.hasSuffix(".json") }.count == 1)
        try await pair.replay { replay in
            for expected in ["first answer", "second answer"] {
                let client = try RawClient(port: replay.port)
                try await client.send(Self.request("again", stream: false))
                #expect(try await client.receiveResponse().replyText == expected)
            }
        }
    }

    @Test func anUnreachableUpstream_gets502NamingItAndTheCause() async throws {
        // A port nothing listens on: bind one, note it, close it.
        let closed = try await withTestServer { $0.port }
        let pair = try await UpstreamPair(upstreamScripts: [], upstreamURL: "http://127.0.0.1:\(closed)/inference")
        let client = try RawClient(port: pair.proxy.port)
        try await client.send(Self.request("anyone there", stream: false))
        let answer = try await client.receiveResponse()
        #expect(answer.status == 502)
        let json = try JSONParser.parse(answer.body)
        #expect(json["error"]?["type"]?.stringValue == "api_error")
        #expect(json["error"]?["message"]?.stringValue?.contains("http://127.0.0.1:\(closed)/inference/v1/messages") == true)
        #expect(pair.proxy.journal().last?.upstream?.status == nil)
        await pair.stop()
    }

    @Test func anUpstreamThatDiesMidStream_endsTheClientsStreamTheSameWay_andIsRecordedAsItWas() async throws {
        let dying = """
            name: dying
            match: {last_user: die}
            reply: {text: "this stream will not finish", fault: "cut;after=4"}
            """
        let pair = try await UpstreamPair(upstreamScripts: [dying])
        let client = try RawClient(port: pair.proxy.port)
        try await client.send(Self.request("die", stream: true))
        let (bytes, end) = try await client.receiveToEnd()
        #expect(end == .closed)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!text.contains("message_stop"))
        #expect(!text.hasSuffix("0\r\n\r\n"))
        #expect(pair.proxy.journal().last?.ending == .closedMidResponse)
        await pair.stop()
        let sse = try #require(pair.files().first { $0.name.hasSuffix(".sse") })
        #expect(String(decoding: sse.bytes, as: UTF8.self).components("event: ").count - 1 == 4)
    }

    @Test func anUpstreamSlowerThanTheTimeout_gets502_andMalformedEventsPassThroughAsSent() async throws {
        let slow = "name: slow-head\nmatch: {last_user: late}\nreply: {text: too late, stream: \"ttfb=3s\"}"
        let broken = "name: broken\nmatch: {last_user: broken}\nreply: {text: broken stream, fault: \"malformed;kind=invalid-json;at=3\"}"
        let pair = try await UpstreamPair(upstreamScripts: [slow, broken], timeout: .milliseconds(500))
        let client = try RawClient(port: pair.proxy.port)
        try await client.send(Self.request("late", stream: false))
        let late = try await client.receiveResponse()
        #expect(late.status == 502)
        #expect(late.bodyText.contains("read timeout"), "\(late.bodyText)")

        let direct = try RawClient(port: pair.upstreamMock.port)
        try await direct.send(
            Requests.post(Requests.body("broken", stream: true)).replacingFirst("x-api-key: test", with: "x-api-key: \(UpstreamPair.upstreamKey)"))
        let fromUpstream = try await direct.receiveResponse()
        let proxied = try RawClient(port: pair.proxy.port)
        try await proxied.send(Self.request("broken", stream: true))
        let passed = try await proxied.receiveResponse()
        // The same broken event, byte for byte, apart from the message id every answer draws anew.
        #expect(passed.chunks.count == fromUpstream.chunks.count)
        #expect(passed.chunks[3] == fromUpstream.chunks[3])
        await pair.stop()
    }

    @Test func scriptsStillAnswer_andRecordModeAllForwardsThemToo() async throws {
        let upstreamScript = "name: up\nmatch: {last_user: scripted}\nreply: {text: from the upstream}"
        let local = "name: local\nmatch: {last_user: scripted}\nreply: {text: from the mock}"
        for (mode, expected) in [(Upstream.RecordMode.missing, "from the mock"), (.all, "from the upstream")] {
            let pair = try await UpstreamPair(upstreamScripts: [upstreamScript], mode: mode)
            try pair.proxy.addScript(local)
            let client = try RawClient(port: pair.proxy.port)
            try await client.send(Self.request("scripted", stream: false))
            #expect(try await client.receiveResponse().replyText == expected, "\(mode)")
            await pair.stop()
        }
    }

    @Test func invalidRequests_getTheMocksOwn400_withoutAnUpstreamCall() async throws {
        let pair = try await UpstreamPair(upstreamScripts: [])
        let client = try RawClient(port: pair.proxy.port)
        try await client.send(Requests.post(#"{"model":"x","messages":[]}"#))
        #expect(try await client.receiveResponse().status == 400)
        #expect(pair.upstreamMock.journal().isEmpty)
        await pair.stop()
    }

    @Test func redactedText_isStoredAsRedacted_andTheRecordingStillMatches() async throws {
        let pair = try await UpstreamPair(upstreamScripts: [], redact: ["account-[0-9]+"])
        let client = try RawClient(port: pair.proxy.port)
        try await client.send(Self.request("my id is account-12345 ok", stream: false))
        #expect(try await client.receiveResponse().status == 200)
        await pair.stop()
        let script = try #require(pair.files().first { $0.name.hasSuffix(".json") })
        let text = String(decoding: script.bytes, as: UTF8.self)
        #expect(!text.contains("account-12345"))
        #expect(text.contains("my id is [redacted] ok"))
        try await pair.replay { replay in
            let client = try RawClient(port: replay.port)
            try await client.send(Self.request("my id is account-12345 ok", stream: false))
            _ = try await client.receiveResponse()
            #expect(replay.journal().last?.answerKind == .recording)
        }
    }
}

extension String {
    /// The text split at each occurrence of `separator`.
    fileprivate func components(_ separator: String) -> [Substring] {
        self.split(separator: separator, omittingEmptySubsequences: false)
    }

    fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = self.firstRange(of: target) else { return self }
        return String(self[..<range.lowerBound]) + replacement + String(self[range.upperBound...])
    }
}
