import MessagesAPI
import MockEngine
import MockServer
import Testing

/// Live requests over a real socket: response framing, headers and bodies exactly as written.
@Suite struct LiveExchangeTests {
    @Test func nonStreaming_echoHasExactShape() async throws {
        try await withTestServer { server in
            let client = try RawClient(port: server.port)
            try await client.send(Requests.echo("Say hello"))
            let response = try await client.receiveResponse()
            #expect(response.statusLine == "HTTP/1.1 200 OK")
            #expect(response.header("content-type") == "application/json")
            #expect(response.header("content-length") == String(response.body.count))
            #expect(response.header("fireworks-prompt-tokens") == "6")
            let requestID = try #require(response.header("request-id"))
            #expect(requestID.hasPrefix("req_") && requestID.count == 28)
            let json = try JSONParser.parse(response.body)
            let id = try #require(json["id"]?.stringValue)
            #expect(id.hasPrefix("msg_") && id.count == 28)
            let expected =
                #"{"id":"\#(id)","type":"message","role":"assistant","model":"accounts/fireworks/models/kimi-k2p5","#
                + #""content":[{"type":"text","text":"Say hello","citations":null}],"stop_reason":"end_turn","#
                + #""stop_sequence":null,"usage":{"input_tokens":6,"output_tokens":3,"cache_creation_input_tokens":0,"#
                + #""cache_read_input_tokens":0,"cache_creation":null,"service_tier":null,"inference_geo":null}}"#
            #expect(response.bodyText == expected)
        }
    }

    @Test func streaming_oneEventPerChunkWithExactBytes() async throws {
        try await withTestServer { server in
            let client = try RawClient(port: server.port)
            try await client.send(Requests.echo("Say hello", stream: true))
            let response = try await client.receiveResponse()
            #expect(response.statusLine == "HTTP/1.1 200 OK")
            #expect(response.header("content-type") == "text/event-stream; charset=utf-8")
            #expect(response.header("cache-control") == "no-cache")
            #expect(response.header("transfer-encoding") == "chunked")
            #expect(response.header("content-length") == nil)
            let start = String(decoding: try #require(response.chunks.first), as: UTF8.self)
            let id = try #require(start.firstMatch(of: /"id":"(msg_[0-9A-Za-z]{24})"/)?.1)
            let model = "accounts/fireworks/models/kimi-k2p5"
            let expected = [
                "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"\(id)\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"\(model)\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":0,\"output_tokens\":0,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"cache_creation\":null,\"service_tier\":null,\"inference_geo\":null}}}\n\n",
                "event: ping\ndata: {\"type\":\"ping\"}\n\n",
                "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Say hell\"}}\n\n",
                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"o\"}}\n\n",
                "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
                "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"input_tokens\":6,\"output_tokens\":3,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0}}\n\n",
                "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n",
            ]
            #expect(response.chunks.map { String(decoding: $0, as: UTF8.self) } == expected)
            #expect(response.raw.suffix(5) == Array("0\r\n\r\n".utf8))
        }
    }

    @Test func streaming_deltaSizeComesFromConfiguration() async throws {
        var configuration = MockHTTPServer.Configuration(port: 0)
        configuration.router.planner.configuration.textChunking = .characters(3)
        try await withTestServer(configuration) { server in
            let client = try RawClient(port: server.port)
            try await client.send(Requests.echo("abcdefgh", stream: true))
            let response = try await client.receiveResponse()
            let deltas = response.chunks.map { String(decoding: $0, as: UTF8.self) }
                .compactMap { $0.firstMatch(of: /"text_delta","text":"([^"]*)"/)?.1 }.map(String.init)
            #expect(deltas == ["abc", "def", "gh"])
        }
    }

    @Test func validationError_isSentBeforeAnyStreamByte() async throws {
        try await withTestServer { server in
            let client = try RawClient(port: server.port)
            let body = #"{"model":"accounts/fireworks/models/x","stream":true,"service_tier":"auto","messages":[{"role":"user","content":"hi"}]}"#
            try await client.send(Requests.post(body))
            let response = try await client.receiveResponse()
            #expect(response.status == 400)
            #expect(response.header("content-type") == "application/json")
            #expect(
                response.bodyText
                    == #"{"error":{"type":"invalid_request_error","message":"1 request validation error: Extra inputs are not permitted, field: 'service_tier', value: 'auto'"},"type":"error"}"#
            )
        }
    }

    @Test func unknownModel_is404BeforeStreaming() async throws {
        try await withTestServer { server in
            let client = try RawClient(port: server.port)
            try await client.send(Requests.post(#"{"model":"claude-opus-4-6","stream":true,"messages":[{"role":"user","content":"hi"}]}"#))
            let response = try await client.receiveResponse()
            #expect(response.status == 404)
            #expect(
                response.bodyText
                    == #"{"error":{"type":"not_found_error","message":"Model not found, inaccessible, and/or not deployed"},"type":"error"}"#
            )
        }
    }

    @Test func every_response_hasRequestID() async throws {
        try await withTestServer { server in
            let client = try RawClient(port: server.port)
            try await client.send("GET /nope HTTP/1.1\r\nHost: x\r\n\r\nGET /health HTTP/1.1\r\nHost: x\r\n\r\nDELETE /v1/messages HTTP/1.1\r\nHost: x\r\n\r\n")
            let responses = try await client.receiveResponses(3)
            #expect(responses.map(\.status) == [404, 200, 405])
            #expect(responses.allSatisfy { $0.header("request-id")?.hasPrefix("req_") == true })
            #expect(responses[2].header("allow") == "POST")
        }
    }

    @Test func head_health_hasNoBody() async throws {
        try await withTestServer { server in
            let client = try RawClient(port: server.port)
            try await client.send("HEAD /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            let raw = String(decoding: try await client.receiveUntilClose(), as: UTF8.self)
            #expect(raw.hasPrefix("HTTP/1.1 200 OK\r\n"))
            #expect(raw.contains("content-length: 15\r\n"))
            #expect(raw.hasSuffix("\r\n\r\n"))
        }
    }
}
