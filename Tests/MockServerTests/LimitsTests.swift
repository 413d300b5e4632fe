import MessagesAPI
import MockServer
import Testing

/// Bad and oversized input over a live socket: each gets a clear 4xx and the server keeps serving.
@Suite struct LimitsTests {
    static func assertStillServing(_ port: Int) async throws {
        let client = try RawClient(port: port)
        try await client.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try await client.receiveResponse().status == 200)
    }

    @Test func declaredBodyOverLimit_is413BeforeTheBody_thenClose() async throws {
        try await withTestServer { server in
            let client = try RawClient(port: server.port)
            // Only the head is sent: the answer must not wait for 40 MB.
            try await client.send("POST /v1/messages HTTP/1.1\r\nHost: x\r\nx-api-key: k\r\ncontent-length: 40000000\r\n\r\n")
            let response = try await client.receiveResponse()
            #expect(response.status == 413)
            #expect(response.header("connection") == "close")
            let json = try JSONParser.parse(response.body)
            #expect(json["error"]?["type"]?.stringValue == "request_too_large")
            try await Self.assertStillServing(server.port)
        }
    }

    @Test func rejectedBody_isDrainedThenTheConnectionCloses() async throws {
        var configuration = MockHTTPServer.Configuration(port: 0)
        configuration.maximumBodySize = 1000
        try await withTestServer(configuration) { server in
            let client = try RawClient(port: server.port)
            try await client.send("POST /v1/messages HTTP/1.1\r\nHost: x\r\nx-api-key: k\r\ncontent-length: 5000\r\n\r\n")
            #expect(try await client.receiveResponse().status == 413)
            // A client still sending is not cut off with a reset: the rest is read, then the server closes.
            try await client.send(String(repeating: "x", count: 5000))
            #expect(await client.isClosedByServer())
        }
    }

    @Test func chunkedBodyOverLimit_is413() async throws {
        var configuration = MockHTTPServer.Configuration(port: 0)
        configuration.maximumBodySize = 1000
        try await withTestServer(configuration) { server in
            let client = try RawClient(port: server.port)
            let chunk = String(repeating: "a", count: 600)
            try await client.send(
                "POST /v1/messages HTTP/1.1\r\nHost: x\r\nx-api-key: k\r\ntransfer-encoding: chunked\r\n\r\n"
                    + "258\r\n\(chunk)\r\n258\r\n\(chunk)\r\n0\r\n\r\n")
            let raw = try await client.receiveUntilClose()
            #expect(ResponseParser.first(raw)?.status == 413)
        }
    }

    @Test func bodyAtLimit_isRead() async throws {
        var configuration = MockHTTPServer.Configuration(port: 0)
        let body = Requests.body("fits")
        configuration.maximumBodySize = body.utf8.count
        try await withTestServer(configuration) { server in
            let client = try RawClient(port: server.port)
            try await client.send(Requests.post(body))
            #expect(try await client.receiveResponse().status == 200)
        }
    }

    @Test func malformedHTTP_is400ThenClose() async throws {
        try await withTestServer { server in
            let client = try RawClient(port: server.port)
            try await client.send("THIS IS NOT HTTP\r\n\r\n")
            let raw = try await client.receiveUntilClose()
            let response = try #require(ResponseParser.first(raw))
            #expect(response.status == 400)
            #expect(response.header("connection") == "close")
            #expect((try JSONParser.parse(response.body))["error"]?["type"]?.stringValue == "invalid_request_error")
            try await Self.assertStillServing(server.port)
        }
    }

    @Test func deepNesting_is400() async throws {
        try await withTestServer { server in
            let client = try RawClient(port: server.port)
            let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
            try await client.send(Requests.post(#"{"model":"accounts/a/models/b","messages":\#(deep)}"#))
            let response = try await client.receiveResponse()
            #expect(response.status == 400)
            #expect(response.bodyText.contains("Nesting deeper than 256 levels"))
            try await Self.assertStillServing(server.port)
        }
    }

    @Test func invalidUTF8_is400() async throws {
        try await withTestServer { server in
            let client = try RawClient(port: server.port)
            var body = Array(#"{"model":"accounts/a/models/b","messages":[{"role":"user","content":""#.utf8)
            body += [0xFF, 0xFE]
            body += Array(#""}]}"#.utf8)
            try await client.send(
                Array("POST /v1/messages HTTP/1.1\r\nHost: x\r\nx-api-key: k\r\ncontent-length: \(body.count)\r\n\r\n".utf8)
                    + body)
            let response = try await client.receiveResponse()
            #expect(response.status == 400)
            #expect(response.bodyText.contains("Invalid UTF-8"))
        }
    }

    @Test func invalidJSON_is400WithPosition() async throws {
        try await withTestServer { server in
            let client = try RawClient(port: server.port)
            try await client.send(Requests.post(#"{"model": }"#))
            let response = try await client.receiveResponse()
            #expect(response.status == 400)
            #expect(response.bodyText.contains("JSON decode error (Expecting value: line 1 column 11 (char 10))"))
        }
    }

    @Test func hugeString_isHandled() async throws {
        try await withTestServer { server in
            // Generous timeout: a debug build under a parallel test load reads 2 MB slowly.
            let client = try RawClient(port: server.port, receiveTimeout: 60)
            let text = String(repeating: "abcd ", count: 400_000)
            try await client.send(Requests.post(Requests.body(text, maxTokens: 5)))
            let response = try await client.receiveResponse()
            #expect(response.status == 200)
            #expect(response.replyText == "abcd abcd abcd abcd abcd")
        }
    }

    @Test func abruptDisconnectsMidStream_leaveServerHealthy() async throws {
        try await withTestServer { server in
            for i in 0..<30 {
                let client = try RawClient(port: server.port)
                try await client.send(Requests.echo(String(repeating: "word\(i) ", count: 500), stream: true, maxTokens: 100_000))
                if i % 2 == 0 { _ = await client.receiveSome(max: 100) }
                client.reset()
            }
            try await Self.assertStillServing(server.port)
            let client = try RawClient(port: server.port)
            try await client.send(Requests.echo("still here", stream: true))
            #expect(try await client.receiveResponse().replyText == "still here")
        }
    }
}
