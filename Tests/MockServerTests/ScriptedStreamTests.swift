import MessagesAPI
import MockEngine
import MockServer
import Testing

/// Scripted answers on the wire: every block type streamed byte for byte, raw transcripts replayed
/// unchanged, and error replies with their headers.
@Suite struct ScriptedStreamTests {
    static func configuration(_ yaml: String, baseDirectory: String? = nil) -> MockHTTPServer.Configuration {
        let loaded = ScriptLoader.load(bytes: Array(yaml.utf8), file: "t.yaml", baseDirectory: baseDirectory)
        var configuration = MockHTTPServer.Configuration(port: 0)
        configuration.router.planner = ReplyPlanner(
            configuration: .init(textChunking: .characters(6)), scripts: ScriptBook(scripts: loaded.scripts))
        return configuration
    }

    @Test func everyBlockType_streamsExactBytes() async throws {
        let yaml = """
            name: blocks
            reply:
              content:
                - {type: thinking, thinking: "Think hard", signature: "c2ln"}
                - {type: redacted_thinking, data: "cmVk"}
                - {type: text, text: "Answer"}
                - {type: tool_use, id: toolu_01, name: get_weather, input: {city: Paris}}
            """
        try await withTestServer(Self.configuration(yaml)) { server in
            let client = try RawClient(port: server.port)
            try await client.send(Requests.echo("go", stream: true))
            let response = try await client.receiveResponse()
            let chunks = response.chunks.map { String(decoding: $0, as: UTF8.self) }
            let start = try #require(chunks.first)
            #expect(start.firstMatch(of: /"id":"(msg_[0-9A-Za-z]{24})"/) != nil)
            func delta(_ index: Int, _ body: String) -> String {
                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":\(index),\"delta\":\(body)}\n\n"
            }
            func blockStart(_ index: Int, _ block: String) -> String {
                "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":\(index),\"content_block\":\(block)}\n\n"
            }
            func stop(_ index: Int) -> String {
                "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":\(index)}\n\n"
            }
            let input = InputTokenCount.count(try RequestValidator.validate(body: Array(Requests.body("go", stream: true).utf8)).get())
            let output = TokenCounter.count("Think hard") + TokenCounter.count("Answer") + TokenCounter.count("get_weather")
                + TokenCounter.count(#"{"city":"Paris"}"#)
            let expected = [
                start,
                "event: ping\ndata: {\"type\":\"ping\"}\n\n",
                blockStart(0, #"{"type":"thinking","thinking":"","signature":""}"#),
                delta(0, #"{"type":"thinking_delta","thinking":"Think "}"#),
                delta(0, #"{"type":"thinking_delta","thinking":"hard"}"#),
                delta(0, #"{"type":"signature_delta","signature":"c2ln"}"#),
                stop(0),
                blockStart(1, #"{"type":"redacted_thinking","data":"cmVk"}"#),
                stop(1),
                blockStart(2, #"{"type":"text","text":""}"#),
                delta(2, #"{"type":"text_delta","text":"Answer"}"#),
                stop(2),
                blockStart(3, #"{"type":"tool_use","id":"toolu_01","name":"get_weather","input":{}}"#),
                delta(3, #"{"type":"input_json_delta","partial_json":""}"#),
                delta(3, #"{"type":"input_json_delta","partial_json":"{\"city\":\"Paris\"}"}"#),
                stop(3),
                "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},\"usage\":{\"input_tokens\":\(input),\"output_tokens\":\(output),\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0}}\n\n",
                "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n",
            ]
            #expect(chunks == expected)
        }
    }

    @Test func rawTranscript_isReplayedByteForByte() async throws {
        try await withTestServer(Self.configuration("name: raw\nreply: {raw: transcripts/hello.sse}", baseDirectory: "responses")) { server in
            let client = try RawClient(port: server.port)
            try await client.send(Requests.echo("anything", stream: true))
            let response = try await client.receiveResponse()
            #expect(response.header("content-type") == "text/event-stream; charset=utf-8")
            let file = ChildProcess.read("responses/transcripts/hello.sse")
            #expect(!file.isEmpty)
            #expect(response.bodyText == file)
            #expect(response.chunks.count == file.split(separator: "\n\n", omittingEmptySubsequences: false).count - 1)
            #expect(response.replyText == "Hello from a transcript")
        }
    }

    @Test func errorReply_hasStatusBodyAndHeaders() async throws {
        let yaml = "name: busy\nreply: {error: {status: 529, headers: {retry-after-ms: 150, x-should-retry: false}}}"
        try await withTestServer(Self.configuration(yaml)) { server in
            let client = try RawClient(port: server.port)
            try await client.send(Requests.echo("x", stream: true))
            let response = try await client.receiveResponse()
            #expect(response.statusLine == "HTTP/1.1 529 Site Overloaded")
            #expect(response.header("retry-after-ms") == "150")
            #expect(response.header("x-should-retry") == "false")
            #expect(response.bodyText == #"{"error":{"type":"overloaded_error","message":"Overloaded"},"type":"error"}"#)
        }
    }
}
