#if canImport(Glibc)
import Glibc
#endif
import MockCLI
import Testing

/// The executable as users and containers run it: start line, signals, exit codes, healthcheck.
@Suite(.serialized) struct ProcessTests {
    @Test func startLine_namesTheURLAndTheServerAnswersThere() async throws {
        let process = try ChildProcess(["--port", "0"])
        let url = try await process.listeningURL()
        #expect(url.hasPrefix("http://127.0.0.1:"))
        let client = try RawClient(port: try await process.port())
        try await client.send(Requests.echo("from a process"))
        #expect(try await client.receiveResponse().replyText == "from a process")
        process.signal(SIGTERM)
        #expect(await process.exitCode(within: .seconds(2)) == 0)
    }

    @Test func version_isOneLine_andTopLevelHelpShowsTheServeOptions() async throws {
        let version = try ChildProcess(["--version"])
        #expect(await version.exitCode(within: .seconds(3)) == 0)
        #expect(version.standardOutput == fireworksMockVersion + "\n")
        let help = try ChildProcess(["--help"])
        #expect(await help.exitCode(within: .seconds(3)) == 0)
        for expected in ["SUBCOMMANDS:", "--version", "USAGE: fireworks-mock serve <options>", "--port <port>", "--tls-port", "--max-connections"] {
            #expect(help.standardOutput.contains(expected), "top-level help lacks \(expected)")
        }
    }

    @Test func environmentVariables_configureTheServer() async throws {
        let process = try ChildProcess([], environment: ["FIREWORKS_MOCK_PORT": "0", "FIREWORKS_MOCK_API_KEY": "only-this"])
        let client = try RawClient(port: try await process.port())
        try await client.send(Requests.echo("wrong key"))
        #expect(try await client.receiveResponse().status == 401)
        process.signal(SIGINT)
        #expect(await process.exitCode(within: .seconds(2)) == 0)
    }

    @Test func portInUse_exitsNonZeroWithAClearMessage() async throws {
        let first = try ChildProcess(["--port", "0"])
        let port = try await first.port()
        let second = try ChildProcess(["--port", "\(port)"])
        #expect(await second.exitCode(within: .seconds(5)) == 1)
        #expect(second.standardError.contains("cannot listen on 127.0.0.1:\(port): address already in use"))
        #expect(second.standardOutput.isEmpty)
    }

    @Test func sigterm_withHundredOpenStreams_exitsCleanlyWithinTwoSeconds() async throws {
        let process = try ChildProcess(["--port", "0", "--delta-size", "1"])
        let port = try await process.port()
        var clients: [RawClient] = []
        for _ in 0..<100 {
            // Small receive windows and no reading: every stream stays open, blocked on its writes.
            let client = try RawClient(port: port, receiveTimeout: 60, receiveBuffer: 4096)
            try await client.send(Requests.echo(String(repeating: "open ", count: 400), stream: true, maxTokens: 100_000))
            clients.append(client)
        }
        for client in clients {
            // Every stream has begun; then a pause, so each is blocked on its unread socket, not still producing.
            #expect(await client.receiveSome(max: 1024)?.isEmpty == false)
        }
        try await Task.sleep(for: .seconds(1))
        process.signal(SIGTERM)
        #expect(await process.exitCode(within: .seconds(2)) == 0)
    }

    @Test func sigterm_withStalledAndSlowStreams_exitsCleanlyWithinTwoSeconds() async throws {
        let process = try ChildProcess(["--port", "0"])
        let port = try await process.port()
        var clients: [RawClient] = []
        for index in 0..<20 {
            let client = try RawClient(port: port)
            let fault = index % 2 == 0 ? "x-mock-fault: stall;after=3\r\n" : "x-mock-stream: delay=10s\r\n"
            try await client.send(Requests.echo("stalled", stream: true, extraHeaders: fault))
            #expect(await client.receiveSome()?.isEmpty == false)
            clients.append(client)
        }
        process.signal(SIGTERM)
        #expect(await process.exitCode(within: .seconds(2)) == 0)
    }

    @Test func healthcheck_exitCodes() async throws {
        let server = try ChildProcess(["--port", "0"])
        let url = try await server.listeningURL()
        let up = try ChildProcess(["healthcheck", "--url", "\(url)/health"])
        #expect(await up.exitCode(within: .seconds(3)) == 0)

        let notHealth = try ChildProcess(["healthcheck", "--url", "\(url)/v1/messages"])
        #expect(await notHealth.exitCode(within: .seconds(3)) == 1)

        // A port with nothing listening: take a free port from a server that is then stopped.
        let stopped = try ChildProcess(["--port", "0"])
        let freePort = try await stopped.port()
        stopped.signal(SIGTERM)
        _ = await stopped.exitCode(within: .seconds(2))
        let down = try ChildProcess(["healthcheck", "--url", "http://127.0.0.1:\(freePort)/health"])
        #expect(await down.exitCode(within: .seconds(3)) == 1)
        #expect(down.standardError.contains("unhealthy: http://127.0.0.1:\(freePort)/health (connection refused)"))

        let badURL = try ChildProcess(["healthcheck", "--url", "not a url"])
        #expect(await badURL.exitCode(within: .seconds(3)) == 1)

        let defaultPort = try ChildProcess(["healthcheck"], environment: ["FIREWORKS_MOCK_PORT": "\(try await server.port())"])
        #expect(await defaultPort.exitCode(within: .seconds(3)) == 0)
    }

    @Test func healthcheck_givesUpWithinTwoSecondsOnASilentServer() async throws {
        // A listener that accepts but never answers.
        let silent = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(silent) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(silent, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        listen(silent, 8)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(silent, $0, &length) }
        }
        let port = Int(UInt16(bigEndian: address.sin_port))
        let check = try ChildProcess(["healthcheck", "--url", "http://127.0.0.1:\(port)/health"])
        #expect(await check.exitCode(within: .seconds(3)) == 1)
    }
}
