import MessagesAPI
import MockServer
import Testing

/// `GET /_mock/verdict` on the wire: the JSON of a failed check with its evidence, the text report, the session
/// taken from the header, and bad parameters refused.
@Suite struct VerdictLiveTests {
    static func send(_ port: Int, _ text: String, headers: String) async throws -> Int {
        let client = try RawClient(port: port)
        try await client.send(Requests.echo(text, extraHeaders: headers))
        return try await client.receiveResponse().status
    }

    @Test func retryThatIgnoresRetryAfter_isAFailedCheckWithItsEvidence() async throws {
        try await withTestServer { server in
            let session = "x-mock-session: v1\r\n"
            #expect(try await Self.send(server.port, "hurry", headers: session + "x-mock-fault: error;status=429;retry-after=5\r\n") == 429)
            #expect(try await Self.send(server.port, "hurry", headers: session) == 200)
            let verdict = try await AdminLiveTests.ask(server.port, "GET", "/_mock/verdict?session=v1")
            #expect(verdict.status == 200)
            #expect(verdict.json["ok"] == .bool(false))
            #expect(verdict.json["exchanges"] == .number(JSONNumber(2)))
            let checks = verdict.json["checks"]?.arrayValue ?? []
            #expect(checks.count == 7)
            let first = try #require(checks.first)
            #expect(first["name"] == .string("retry_after_honoured"))
            #expect(first["status"] == .string("fail"))
            let evidence = try #require(first["evidence"]?.arrayValue?.first)
            #expect(evidence["entries"] == .array([.number(JSONNumber(1)), .number(JSONNumber(2))]))
            #expect(evidence["advised_ms"] == .number(JSONNumber(5000)))
            #expect(checks.map { $0["name"]?.stringValue ?? "" } == [
                "retry_after_honoured", "retries_bounded", "no_retry_of_unretryable", "truncated_stream_not_accepted",
                "history_intact", "tool_calls_answered", "streams_consumed",
            ])
        }
    }

    @Test func textReport_andTheSessionFromTheHeader() async throws {
        try await withTestServer { server in
            #expect(try await Self.send(server.port, "fine", headers: "x-mock-session: v2\r\n") == 200)
            let client = try RawClient(port: server.port)
            try await client.send("GET /_mock/verdict?format=text HTTP/1.1\r\nHost: x\r\nx-mock-session: v2\r\n\r\n")
            let response = try await client.receiveResponse()
            #expect(response.status == 200)
            #expect(response.header("content-type") == "text/plain; charset=utf-8")
            #expect(response.bodyText.hasPrefix("Verdict for session 'v2': OK (0 of 7 checks failed; 1 request)\n"))
            #expect(response.bodyText.contains(" n/a  streams_consumed               No streamed answer in the session.\n"))
        }
    }

    @Test(arguments: [
        ("max_retries=-1", "max_retries: must be a whole number ≥ 0, not '-1'"),
        ("backoff_growth=0.5", "backoff_growth: must be a number ≥ 1, not '0.5'"),
        ("format=xml", "format: must be json or text, not 'xml'"),
        ("colour=red", "unknown query parameter 'colour' (known: session, format, retry_after_tolerance_ms, max_retries, min_backoff_ms, backoff_growth, backoff_cap_ms, expect_abandon)"),
    ])
    func badParameters_areRefusedByName(query: String, message: String) async throws {
        try await withTestServer { server in
            let answer = try await AdminLiveTests.ask(server.port, "GET", "/_mock/verdict?\(query)")
            #expect(answer.status == 400)
            #expect(answer.json["error"]?["message"] == .string(message))
        }
    }
}
