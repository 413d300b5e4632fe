#if canImport(Glibc)
import Glibc
#endif
import MessagesAPI
import Testing

/// `--session-ttl` on the real executable: an idle session's scripts are dropped and the drop is logged, while a
/// session in use keeps its own.
@Suite(.serialized) struct SessionTTLProcessTests {
    @Test func idleSessionScripts_areDropped_andTheDropIsLogged() async throws {
        let process = try ChildProcess(["--port", "0", "--session-ttl", "2s"])
        let port = try await process.port()
        let yaml = "name: greet\nreply: {content: [{type: text, text: \"scripted\"}]}"
        for session in ["idle", "busy"] {
            let added = try await AdminLiveTests.ask(port, "POST", "/_mock/scripts", body: yaml, headers: "x-mock-session: \(session)\r\n")
            #expect(added.status == 201)
        }
        // "busy" keeps using its script; "idle" says nothing for four seconds: past its TTL and the sweep after it
        // (every second), while "busy" would have to wait four times its pace to lose its own.
        for _ in 0..<8 {
            try await Task.sleep(for: .milliseconds(500))
            let client = try RawClient(port: port)
            try await client.send(Requests.echo("hi", extraHeaders: "x-mock-session: busy\r\n"))
            #expect(try await client.receiveResponse().replyText == "scripted")
        }
        let idle = try RawClient(port: port)
        try await idle.send(Requests.echo("hi", extraHeaders: "x-mock-session: idle\r\n"))
        #expect(try await idle.receiveResponse().replyText == "hi")
        let listing = try await AdminLiveTests.ask(port, "GET", "/_mock/scripts", headers: "x-mock-session: idle\r\n")
        let scopes = listing.json["scripts"]?.arrayValue?.compactMap { $0["scope"] } ?? []
        #expect(!scopes.contains(.string("session")))
        #expect(process.standardError.contains("dropped idle sessions"))
        #expect(process.standardError.contains("'idle'"))
        #expect(!process.standardError.contains("'busy'"))
        process.signal(SIGTERM)
        #expect(await process.exitCode(within: .seconds(2)) == 0)
    }
}
