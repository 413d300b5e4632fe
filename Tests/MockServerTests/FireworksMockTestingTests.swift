import FireworksMockTesting
import Testing
import XCTest

/// The in-process library as a Swift test uses it: start, script a tool call, inject a fault, read the journal
/// and the verdict, stop. Once with Swift Testing, once with XCTest.
@Suite struct FireworksMockTestingTests {
    static let toolCall = """
        name: call-weather
        match: {tools: get_weather}
        reply:
          content:
            - {type: tool_use, name: get_weather, input: {city: Paris}}
        """

    static func ask(_ port: Int, headers: String = "") async throws -> ParsedResponse {
        let client = try RawClient(port: port)
        let body = #"{"model":"\#(Requests.model)","max_tokens":64,"tools":[{"name":"get_weather","input_schema":{"type":"object"}}],"messages":[{"role":"user","content":"weather?"}]}"#
        try await client.send(Requests.post(body, extraHeaders: headers))
        return try await client.receiveResponse()
    }

    @Test func scriptAToolCall_injectAFault_andReadTheJournal() async throws {
        let mock = try await FireworksMock.start(scripts: [Self.toolCall])
        #expect(mock.baseURL == "http://127.0.0.1:\(mock.port)/inference")
        let failed = try await Self.ask(mock.port, headers: "x-mock-session: t1\r\nx-mock-fault: error;status=529;times=1\r\n")
        #expect(failed.status == 529)
        let answered = try await Self.ask(mock.port, headers: "x-mock-session: t1\r\n")
        #expect(answered.bodyText.contains(#""name":"get_weather""#))
        let journal = mock.journal(session: "t1")
        #expect(journal.map(\.status) == [529, 200])
        #expect(journal.last?.script?.name == "call-weather")
        // A client that retried at once after the 529: the verdict says so. The shortest backoff is raised to a
        // minute so that a slow machine's delay between the two requests still counts as "at once".
        var thresholds = Verdict.Thresholds()
        thresholds.minimumBackoff = .seconds(60)
        let verdict = mock.verdict(session: "t1", thresholds: thresholds)
        #expect(!verdict.ok)
        #expect(verdict.check("retries_bounded").status == .fail)
        await mock.stop()
        #expect((try? RawClient(port: mock.port)) == nil, "nothing listens once stopped")
    }

    @Test func sessionScripts_badScripts_andReset() async throws {
        let mock = try await FireworksMock.start()
        try mock.addScript("name: hi\nreply: {text: scripted}", session: "s")
        #expect(throws: FireworksMock.ScriptError.self) { try mock.addScript("name: bad\nreply: {content: [{type: txt}]}") }
        #expect(throws: FireworksMock.ScriptError.self) { try mock.addScript("name: hi\nreply: {text: again}", session: "s") }
        let client = try RawClient(port: mock.port)
        try await client.send(Requests.echo("x", extraHeaders: "x-mock-session: s\r\n"))
        #expect(try await client.receiveResponse().replyText == "scripted")
        mock.reset(session: "s")
        #expect(mock.journal(session: "s").isEmpty)
        try await client.send(Requests.echo("echoed", extraHeaders: "x-mock-session: s\r\n"))
        #expect(try await client.receiveResponse().replyText == "echoed")
        await mock.stop()
    }
}

extension Verdict {
    func check(_ name: String) -> Check { self.checks.first { $0.name == name }! }
}

/// The same library from XCTest.
final class FireworksMockXCTests: XCTestCase {
    func testStartAnswerAndStop() async throws {
        let mock = try await FireworksMock.start(scripts: ["name: hi\nreply: {text: from XCTest}"])
        let client = try RawClient(port: mock.port)
        try await client.send(Requests.echo("x"))
        let reply = try await client.receiveResponse().replyText
        XCTAssertEqual(reply, "from XCTest")
        XCTAssertEqual(mock.journal().count, 1)
        await mock.stop()
    }
}
