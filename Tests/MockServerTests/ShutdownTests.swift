import Logging
import MessagesAPI
import MockEngine
import MockServer
import ServiceLifecycle
import ServiceLifecycleTestKit
import Testing

/// Graceful shutdown: the listener stops, idle connections close at once, and `run` returns promptly.
@Suite struct ShutdownTests {
    /// A server whose streams are one event per character, so an unread stream fills the socket buffers
    /// and stays in flight.
    static func slowReaderConfiguration() -> MockHTTPServer.Configuration {
        var configuration = MockHTTPServer.Configuration(port: 0)
        configuration.router.planner.configuration.textChunking = .characters(1)
        return configuration
    }

    /// About 12 MB of events: more than loopback socket buffers hold.
    static let longText = String(repeating: "stalled ", count: 12_000)

    /// About 1 MB of events: long enough to be in progress at shutdown, short enough to read quickly.
    static let mediumText = String(repeating: "stalled ", count: 1_000)

    @Test func gracefulShutdown_closesIdleConnectionsAndReturns() async throws {
        let server = try await MockHTTPServer.bind(.init(port: 0), logger: Logger(label: "test"))
        try await testGracefulShutdown { trigger in
            let running = Task { try await server.run() }
            let client = try RawClient(port: server.port)
            try await client.send(Requests.echo("before shutdown"))
            #expect(try await client.receiveResponse().status == 200)

            let clock = ContinuousClock()
            let started = clock.now
            trigger.triggerGracefulShutdown()
            #expect(await client.isClosedByServer())
            try await running.value
            #expect(clock.now - started < .seconds(2))
        }
    }

    @Test func gracefulShutdown_finishesTheResponseInProgressWithConnectionClose() async throws {
        let server = try await MockHTTPServer.bind(Self.slowReaderConfiguration(), logger: Logger(label: "test"))
        try await testGracefulShutdown { trigger in
            let running = Task { try await server.run() }
            let client = try RawClient(port: server.port, receiveBuffer: 4096)
            // A large stream the client does not read yet keeps the connection busy in the middle of a response.
            try await client.send(Requests.echo(Self.mediumText, stream: true, maxTokens: 1_000_000))
            let first = try #require(await client.receiveSome(max: 1024))
            trigger.triggerGracefulShutdown()
            let raw = String(decoding: first + (try await client.receiveUntilClose()), as: UTF8.self)
            #expect(raw.hasPrefix("HTTP/1.1 200 OK"))
            #expect(raw.hasSuffix("0\r\n\r\n"))
            try await running.value
        }
    }

    @Test func cancellation_endsStreamsInFlight() async throws {
        let server = try await MockHTTPServer.bind(Self.slowReaderConfiguration(), logger: Logger(label: "test"))
        let running = Task { try await server.run() }
        let clients = try (0..<3).map { _ in try RawClient(port: server.port, receiveBuffer: 4096) }
        for client in clients {
            try await client.send(Requests.echo(Self.longText, stream: true, maxTokens: 1_000_000))
        }
        for client in clients {
            // The head and first events arrive: each stream is really in flight.
            #expect(await client.receiveSome(max: 4096)?.isEmpty == false)
        }
        let clock = ContinuousClock()
        let started = clock.now
        running.cancel()
        _ = try? await running.value
        #expect(clock.now - started < .seconds(2))
        for client in clients {
            // The unread stream is cut: the connection ends without the last chunk.
            let raw = try await client.receiveUntilClose()
            #expect(!raw.suffix(5).elementsEqual(Array("0\r\n\r\n".utf8)))
        }
    }
}
