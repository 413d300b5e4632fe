import MockServer
import Testing

/// Keep-alive, `Connection: close`, HTTP/1.0 and pipelining on a live socket.
@Suite struct ConnectionTests {
    @Test func keepAlive_servesSeveralRequestsOnOneConnection() async throws {
        try await withTestServer { server in
            let client = try RawClient(port: server.port)
            for text in ["one", "two", "three"] {
                try await client.send(Requests.echo(text))
                let response = try await client.receiveResponse()
                #expect(response.status == 200)
                #expect(response.bodyText.contains(#""text":"\#(text)""#))
                #expect(response.header("connection") == nil)
            }
            try await client.send(Requests.echo("streamed", stream: true))
            #expect(try await client.receiveResponse().bodyText.contains("message_stop"))
            try await client.send(Requests.echo("after stream"))
            #expect(try await client.receiveResponse().bodyText.contains("after stream"))
        }
    }

    @Test func connectionClose_isAnsweredThenClosed() async throws {
        try await withTestServer { server in
            let client = try RawClient(port: server.port)
            try await client.send(Requests.echo("bye", extraHeaders: "Connection: close\r\n"))
            let raw = try await client.receiveUntilClose()
            let response = try #require(ResponseParser.first(raw))
            #expect(response.header("connection") == "close")
            #expect(response.bodyText.contains(#""text":"bye""#))
        }
    }

    @Test func http10_closesAfterResponse() async throws {
        try await withTestServer { server in
            let client = try RawClient(port: server.port)
            try await client.send(Requests.echo("old", version: "HTTP/1.0"))
            let raw = String(decoding: try await client.receiveUntilClose(), as: UTF8.self)
            #expect(raw.hasPrefix("HTTP/1.0 200 OK\r\n"))
            #expect(raw.contains("connection: close\r\n"))
            #expect(raw.contains(#""text":"old""#))
        }
    }

    @Test func http10_keepAliveIsHonoured() async throws {
        try await withTestServer { server in
            let client = try RawClient(port: server.port)
            try await client.send(Requests.echo("a", extraHeaders: "Connection: keep-alive\r\n", version: "HTTP/1.0"))
            let first = try await client.receiveResponse()
            #expect(first.header("connection") == "keep-alive")
            try await client.send(Requests.echo("b", extraHeaders: "Connection: keep-alive\r\n", version: "HTTP/1.0"))
            #expect(try await client.receiveResponse().bodyText.contains(#""text":"b""#))
        }
    }

    @Test func http10_streamIsNotChunkedAndEndsWithClose() async throws {
        try await withTestServer { server in
            let client = try RawClient(port: server.port)
            try await client.send(Requests.echo("old stream", stream: true, version: "HTTP/1.0"))
            let raw = String(decoding: try await client.receiveUntilClose(), as: UTF8.self)
            #expect(raw.hasPrefix("HTTP/1.0 200 OK\r\n"))
            #expect(!raw.contains("transfer-encoding"))
            #expect(raw.contains("\r\n\r\nevent: message_start\ndata: "))
            #expect(raw.hasSuffix("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"))
        }
    }

    @Test func pipelinedRequests_areAnsweredInOrder() async throws {
        try await withTestServer { server in
            let client = try RawClient(port: server.port)
            let texts = (1...5).map { "pipelined \($0)" }
            let batch = texts.enumerated().map { Requests.echo($1, stream: $0 % 2 == 1) }.joined()
            try await client.send(batch)
            let responses = try await client.receiveResponses(5)
            for (text, response) in zip(texts, responses) {
                #expect(response.status == 200)
                #expect(response.replyText == text)
            }
            #expect(responses[1].header("transfer-encoding") == "chunked")
            #expect(responses[0].header("content-length") != nil)
        }
    }

    @Test func expectContinue_getsInterimResponse() async throws {
        try await withTestServer { server in
            let client = try RawClient(port: server.port)
            let body = Requests.body("continued")
            try await client.send(
                "POST /v1/messages HTTP/1.1\r\nHost: x\r\nx-api-key: k\r\nExpect: 100-continue\r\ncontent-length: \(body.utf8.count)\r\n\r\n"
            )
            let interim = String(decoding: try #require(await client.receiveSome()), as: UTF8.self)
            #expect(interim == "HTTP/1.1 100 Continue\r\n\r\n")
            try await client.send(body)
            #expect(try await client.receiveResponse().bodyText.contains("continued"))
        }
    }
}
