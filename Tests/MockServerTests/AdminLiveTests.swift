import MessagesAPI
import MockEngine
import MockServer
import Testing

/// The admin API and the journal over real sockets: what was sent and how the connection ended, sessions
/// kept apart, the token, strict mode's bytes, and a journal that stays within its size.
@Suite struct AdminLiveTests {
    static func admin(_ method: String, _ target: String, body: String = "", headers: String = "") -> String {
        "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n\(headers)content-length: \(body.utf8.count)\r\n\r\n\(body)"
    }

    /// One admin call on a fresh connection, its JSON answer parsed.
    static func ask(_ port: Int, _ method: String, _ target: String, body: String = "", headers: String = "") async throws
        -> (status: Int, json: JSONValue)
    {
        let client = try RawClient(port: port)
        try await client.send(Self.admin(method, target, body: body, headers: headers))
        let response = try await client.receiveResponse()
        return (response.status, try JSONParser.parse(response.body))
    }

    /// The journal's entries, waiting (briefly) until `count` are there: an entry is recorded once its
    /// response has been written, which can be a moment after the client has read it.
    static func entries(_ port: Int, _ query: String = "", count: Int) async throws -> [JSONValue] {
        for _ in 0..<100 {
            let entries = try await Self.ask(port, "GET", "/_mock/journal?\(query)").json["entries"]?.arrayValue ?? []
            if entries.count >= count { return entries }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("the journal never held \(count) entries for '\(query)'")
        return []
    }

    @Test func stream_isJournaled_withItsEventsWritesAndEnding() async throws {
        try await withTestServer { server in
            let client = try RawClient(port: server.port)
            try await client.send(Requests.echo("hello journal", stream: true, extraHeaders: "x-mock-session: j1\r\n"))
            let response = try await client.receiveResponse()
            let sent = response.bodyText.split(separator: "\n").filter { $0.hasPrefix("event: ") }.map { String($0.dropFirst(7)) }
            _ = try await Self.ask(server.port, "GET", "/health")
            let entry = try #require(try await Self.entries(server.port, "session=j1", count: 1).first)
            #expect(entry["method"] == .string("POST"))
            #expect(entry["path"] == .string("/inference/v1/messages"))
            #expect(entry["headers"]?["x-api-key"] == .string("test"))
            #expect(entry["request"]?["messages"]?.arrayValue?.first?["content"] == .string("hello journal"))
            #expect(entry["request_id"]?.stringValue == response.header("request-id"))
            #expect(entry["answer"]?["kind"] == .string("echo"))
            #expect(entry["response"]?["events"] == .array(sent.map { .string($0) }))
            #expect(entry["response"]?["writes"]?.arrayValue?.count == sent.count)
            #expect(entry["response"]?["bytes"] == .number(JSONNumber(response.raw.count)))
            #expect(entry["response"]?["headers"]?["transfer-encoding"] == .string("chunked"))
            #expect(entry["connection"] == .string("keep-alive"))
            // Neither the admin calls nor the health check are journaled.
            #expect(try await Self.ask(server.port, "GET", "/_mock").json["journal"]?["recorded"] == .number(JSONNumber(1)))
        }
    }

    @Test func resetFault_isJournaledAsAReset_afterTheEventsSent() async throws {
        try await withTestServer { server in
            let client = try RawClient(port: server.port)
            try await client.send(Requests.echo("cut me", stream: true, extraHeaders: "x-mock-fault: reset;after=3\r\n"))
            _ = try await client.receiveToEnd()
            let entry = try #require(try await Self.entries(server.port, count: 1).first)
            #expect(entry["connection"] == .string("reset"))
            #expect(entry["fault"] == .string("reset;after=3"))
            #expect(entry["fault_origin"] == .string("header"))
            #expect(entry["response"]?["events"] == .array(["message_start", "ping", "content_block_start"].map { .string($0) }))
        }
    }

    @Test func clientThatLeavesDuringAStall_isJournaledAsGone() async throws {
        try await withTestServer { server in
            do {
                let client = try RawClient(port: server.port)
                try await client.send(Requests.echo("wait", stream: true, extraHeaders: "x-mock-fault: stall;after=2\r\n"))
                // Leave only once both events are in: leaving earlier fails a write, which is `client-gone`.
                let first = await client.receive(until: "event: ping")
                #expect(String(decoding: first, as: UTF8.self).contains("event: ping"))
            }
            let entry = try #require(try await Self.entries(server.port, count: 1).first)
            #expect(entry["connection"] == .string("closed-mid-response"))
            #expect(entry["response"]?["events"] == .array(["message_start", "ping"].map { .string($0) }))
        }
    }

    @Test func sessions_seeOnlyTheirOwnScriptsAndJournal() async throws {
        try await withTestServer { server in
            for session in ["a", "b"] {
                let yaml = "name: greet\nreply: {content: [{type: text, text: \"for \(session)\"}]}"
                let added = try await Self.ask(server.port, "POST", "/_mock/scripts", body: yaml, headers: "x-mock-session: \(session)\r\n")
                #expect(added.status == 201)
            }
            for session in ["a", "b", "a", ""] {
                let client = try RawClient(port: server.port)
                try await client.send(Requests.echo("hi", extraHeaders: session.isEmpty ? "" : "x-mock-session: \(session)\r\n"))
                let reply = try await client.receiveResponse().replyText
                #expect(reply == (session.isEmpty ? "hi" : "for \(session)"))
            }
            let a = try await Self.entries(server.port, "session=a", count: 2)
            #expect(a.count == 2)
            #expect(a.allSatisfy { $0["answer"]?["scope"] == .string("session") })
            #expect(try await Self.entries(server.port, "session=b", count: 1).count == 1)
            let reset = try await Self.ask(server.port, "POST", "/_mock/reset?session=a")
            #expect(reset.json["journal_entries_cleared"] == .number(JSONNumber(2)))
            #expect(try await Self.entries(server.port, count: 2).map { $0["session"] } == [.string("b"), .string("")])
        }
    }

    @Test func journal_staysWithinItsSize_andCutsBodies() async throws {
        var configuration = MockHTTPServer.Configuration(port: 0)
        configuration.router.journal = Journal(capacity: 5, bodyLimit: 16)
        try await withTestServer(configuration) { server in
            let client = try RawClient(port: server.port)
            for i in 0..<20 {
                try await client.send(Requests.echo("request \(i)"))
                _ = try await client.receiveResponse()
            }
            let listing = try await Self.ask(server.port, "GET", "/_mock/journal")
            #expect(listing.json["held"] == .number(JSONNumber(5)))
            #expect(listing.json["recorded"] == .number(JSONNumber(20)))
            let entries = listing.json["entries"]?.arrayValue ?? []
            #expect(entries.map { $0["id"] } == (16...20).map { .number(JSONNumber($0)) })
            #expect(entries.first?["body_truncated"] == .bool(true))
            #expect(entries.first?["body"]?.stringValue?.hasSuffix("…[truncated: 16 of \(Requests.body("request 15").utf8.count) bytes kept]") == true)
            #expect(entries.first?["request"] == .null)
        }
    }

    @Test func adminToken_guardsTheAdminAPI_only() async throws {
        var configuration = MockHTTPServer.Configuration(port: 0)
        configuration.router.adminToken = "s3cret"
        try await withTestServer(configuration) { server in
            let refused = try await Self.ask(server.port, "GET", "/_mock/journal")
            #expect(refused.status == 401)
            #expect(refused.json["error"]?["type"] == .string("authentication_error"))
            let allowed = try await Self.ask(server.port, "GET", "/_mock/journal", headers: "x-mock-admin-token: s3cret\r\n")
            #expect(allowed.status == 200)
            let client = try RawClient(port: server.port)
            try await client.send(Requests.echo("still open"))
            #expect(try await client.receiveResponse().replyText == "still open")
        }
    }

    @Test func strict_answersThe404BytesOnTheWire() async throws {
        var configuration = ScriptedStreamTests.configuration("name: w\nmatch: {last_user: {contains: weather}}\nreply: {content: [{type: text, text: sun}]}")
        configuration.router.planner.configuration.strict = true
        try await withTestServer(configuration) { server in
            let client = try RawClient(port: server.port)
            try await client.send(Requests.echo("hello"))
            let response = try await client.receiveResponse()
            #expect(response.status == 404)
            #expect(
                response.bodyText
                    == #"{"error":{"type":"not_found_error","message":"No script matched this request (strict mode); nearest: 'w' (t.yaml): last_user: text does not satisfy contains 'weather'"},"type":"error"}"#
            )
            let entry = try #require(try await Self.entries(server.port, count: 1).first)
            #expect(entry["answer"]?["source"] == .string("strict"))
            #expect(entry["near_misses"]?.arrayValue?.first?["failed"] == .array([.string("last_user: text does not satisfy contains 'weather'")]))
        }
    }

    @Test func queryAndUnknownPaths_areJournaledToo() async throws {
        try await withTestServer { server in
            let client = try RawClient(port: server.port)
            try await client.send(Requests.post(Requests.body("q"), path: "/v1/messages?beta=true"))
            _ = try await client.receiveResponse()
            try await client.send(Requests.post(Requests.body("q"), path: "/v2/messages"))
            #expect(try await client.receiveResponse().status == 404)
            let entries = try await Self.entries(server.port, count: 2)
            #expect(entries.map { $0["query"] } == [.string("beta=true"), .string("")])
            #expect(entries.map { $0["response"]?["status"] } == [.number(JSONNumber(200)), .number(JSONNumber(404))])
            #expect(try await Self.entries(server.port, "path=/v2/messages", count: 1).count == 1)
        }
    }
}

extension AdminLiveTests {
    /// Every admin route once, over a socket, in the order a test would use them.
    @Test func everyEndpoint_overTheWire() async throws {
        try await withTestServer { server in
            let port = server.port
            #expect(try await Self.ask(port, "GET", "/_mock").json["routes"]?.arrayValue?.count == 7)
            let yaml = "name: one\nreply: {content: [{type: text, text: first}]}"
            #expect(try await Self.ask(port, "POST", "/_mock/scripts", body: yaml).status == 201)
            #expect(try await Self.ask(port, "GET", "/_mock/scripts").json["scripts"]?.arrayValue?.first?["name"] == .string("one"))
            #expect(try await Self.ask(port, "GET", "/_mock/scripts/one").json["scripts"]?.arrayValue?.count == 1)
            let replaced = try await Self.ask(port, "PUT", "/_mock/scripts/one", body: yaml.replacingOccurrences("first", "second"))
            #expect(replaced.json["replaced"] == .string("one"))
            let client = try RawClient(port: port)
            try await client.send(Requests.echo("hi"))
            #expect(try await client.receiveResponse().replyText == "second")
            let entries = try await Self.entries(port, count: 1)
            let id = try #require(entries.first?["id"]?.intValue)
            #expect(try await Self.ask(port, "GET", "/_mock/journal/\(id)").json["answer"]?["script"] == .string("one"))
            #expect(try await Self.ask(port, "DELETE", "/_mock/scripts/one").json["deleted"] == .string("one"))
            #expect(try await Self.ask(port, "DELETE", "/_mock/scripts").json["deleted"] == .number(JSONNumber(0)))
            #expect(try await Self.ask(port, "DELETE", "/_mock/journal").json["cleared"] == .number(JSONNumber(1)))
            #expect(try await Self.ask(port, "POST", "/_mock/reset").json["reset"] == .string("all"))
            #expect(try await Self.ask(port, "GET", "/_mock/missing").status == 404)
            #expect(try await Self.ask(port, "PATCH", "/_mock/journal").status == 405)
        }
    }
}

extension String {
    fileprivate func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        self.split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}

extension JSONValue {
    fileprivate var intValue: Int? {
        if case .number(let number) = self { return number.integerValue }
        return nil
    }
}

extension AdminLiveTests {
    @Test func tooLargeRequest_isJournaledWithoutItsBody() async throws {
        var configuration = MockHTTPServer.Configuration(port: 0)
        configuration.maximumBodySize = 64
        try await withTestServer(configuration) { server in
            let client = try RawClient(port: server.port)
            try await client.send(Requests.echo(String(repeating: "x", count: 100), extraHeaders: "x-mock-session: big\r\n"))
            #expect(try await client.receiveResponse().status == 413)
            let entry = try #require(try await Self.entries(server.port, "session=big", count: 1).first)
            #expect(entry["response"]?["status"] == .number(JSONNumber(413)))
            #expect(entry["answer"]?["source"] == .string("size limit"))
            #expect(entry["body_bytes"] == .number(JSONNumber(0)))
            #expect(entry["headers"]?["content-length"] == .string("\(Requests.body(String(repeating: "x", count: 100)).utf8.count)"))
            #expect(entry["connection"] == .string("closed"))
        }
    }
}

extension AdminLiveTests {
    @Test func journal_namesEventsInBatchedCRLFWrites() async throws {
        try await withTestServer { server in
            let client = try RawClient(port: server.port)
            try await client.send(Requests.echo("batched", stream: true, extraHeaders: "x-mock-stream: events-per-write=3;crlf\r\n"))
            let response = try await client.receiveResponse()
            let sent = response.bodyText.split(separator: "\r\n").filter { $0.hasPrefix("event: ") }.map { String($0.dropFirst(7)) }
            let entry = try #require(try await Self.entries(server.port, count: 1).first)
            #expect(entry["response"]?["events"] == .array(sent.map { .string($0) }))
            let writes = entry["response"]?["writes"]?.arrayValue ?? []
            // The head, then events three to a write, then the last chunk.
            #expect(writes.first?["events"] == .array([]))
            #expect(writes.dropFirst().first?["events"]?.arrayValue?.count == 3)
            #expect(writes.count == 1 + (sent.count + 2) / 3 + 1)
        }
    }
}

/// A fault that cannot apply to an answer is said so in the journal, never recorded as if it had happened.
@Suite struct FaultNotAppliedTests {
    @Test func faultPastTheEndOfTheStream_isJournaledAsNotApplied() async throws {
        try await withTestServer { server in
            let client = try RawClient(port: server.port)
            try await client.send(Requests.echo("short", stream: true, extraHeaders: "x-mock-fault: reset;after=100\r\n"))
            #expect(try await client.receiveResponse().bodyText.contains("message_stop"))
            let entry = try #require(try await AdminLiveTests.entries(server.port, count: 1).first)
            #expect(entry["fault"] == .string("reset;after=100"))
            #expect(entry["fault_applied"] == .bool(false))
            #expect(entry["fault_not_applied"] == .string("the stream ended after 7 events, before 'reset;after=100' could apply"))
        }
    }

    @Test func streamOnlyFaultOnAJSONAnswer_isJournaledAsNotApplied_andAnAppliedOneAsApplied() async throws {
        try await withTestServer { server in
            let client = try RawClient(port: server.port)
            try await client.send(Requests.echo("whole", extraHeaders: "x-mock-fault: unknown-index\r\n"))
            #expect(try await client.receiveResponse().status == 200)
            try await client.send(Requests.echo("cut", stream: true, extraHeaders: "x-mock-fault: cut;after=3\r\n"))
            _ = try await client.receiveResponse()
            let entries = try await AdminLiveTests.entries(server.port, count: 2)
            #expect(entries.first?["fault_not_applied"] == .string("'unknown-index' applies to streams only; this answer is not a stream"))
            #expect(entries.last?["fault_applied"] == .bool(true))
            // An HTTP error fault is the answer itself: applied.
            try await client.send(Requests.echo("err", extraHeaders: "x-mock-fault: error;status=503\r\n"))
            #expect(try await client.receiveResponse().status == 503)
            #expect(try await AdminLiveTests.entries(server.port, count: 3).last?["fault_applied"] == .bool(true))
            #expect(entries.last?["fault_not_applied"] == .null)
        }
    }
}
