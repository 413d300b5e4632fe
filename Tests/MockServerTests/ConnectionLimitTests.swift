#if canImport(Glibc)
import Glibc
#endif
import Testing

/// `--max-connections` and running out of file descriptors, on the real executable: clients past the limit wait
/// (they are neither reset nor refused) and are served as soon as a connection closes; the server never falls over.
@Suite(.serialized) struct ConnectionLimitTests {
    @Test func pastTheLimit_aClientWaits_andIsServedWhenAConnectionCloses() async throws {
        let process = try ChildProcess(["--port", "0", "--max-connections", "2"])
        let port = try await process.port()
        var first: RawClient? = try RawClient(port: port)
        let second = try RawClient(port: port)
        for client in [first!, second] {
            try await client.send(Requests.echo("in"))
            #expect(try await client.receiveResponse().status == 200)
        }
        // The kernel completes the third handshake (the backlog), but the server does not take it yet.
        let third = try RawClient(port: port, receiveTimeout: 1)
        try await third.send(Requests.echo("waiting"))
        let (early, end) = try await third.receiveToEnd()
        #expect(early.isEmpty)
        #expect(end == .timeout)
        #expect(process.standardError.contains("connection limit reached"))

        first = nil
        third.setReceiveTimeout(seconds: 30)
        let response = try await third.receiveResponse()
        #expect(response.status == 200)
        #expect(response.replyText == "waiting")
        process.signal(SIGTERM)
        #expect(await process.exitCode(within: .seconds(3)) == 0)
    }

    @Test func outOfFileDescriptors_acceptsPause_andResumeWhenConnectionsClose() async throws {
        let process = try ChildProcess(["--port", "0"], openFileLimit: 64)
        let port = try await process.port()
        #expect(process.standardError.contains("open-file limit is below what --max-connections needs"))
        // More connections than descriptors: the kernel queues them all; the server takes what it can.
        var clients: [RawClient] = []
        for _ in 0..<90 { clients.append(try RawClient(port: port, receiveTimeout: 2)) }
        let probe = clients[0]
        // A loaded machine may take its time to answer; only the silence below is timed.
        probe.setReceiveTimeout(seconds: 30)
        try await probe.send(Requests.echo("early"))
        #expect(try await probe.receiveResponse().status == 200)
        // The last one is past the descriptors: it waits unanswered.
        let late = clients[89]
        try await late.send(Requests.echo("late"))
        let (nothing, end) = try await late.receiveToEnd()
        #expect(nothing.isEmpty)
        #expect(end == .timeout)
        clients.removeAll()

        // With the descriptors back, new connections are served (accepts resume after a short back-off).
        var served = false
        for _ in 0..<20 where !served {
            if let client = try? RawClient(port: port, receiveTimeout: 5) {
                try await client.send(Requests.echo("after"))
                served = (try? await client.receiveResponse())?.replyText == "after"
            }
            if !served { try await Task.sleep(for: .milliseconds(250)) }
        }
        #expect(served)
        #expect(kill(process.pid, 0) == 0, "the server is still running")
        process.signal(SIGTERM)
        #expect(await process.exitCode(within: .seconds(3)) == 0)
    }
}
