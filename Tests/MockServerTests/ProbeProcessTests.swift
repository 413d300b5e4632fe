#if canImport(Glibc)
import Glibc
#endif
import Testing

/// `fireworks-mock probe` as users run it: against the mock itself no drift (exit 0); against an upstream
/// scripted to differ, each difference named (exit 1); an upstream that cannot be asked, or no key, exit 2.
@Suite(.serialized) struct ProbeProcessTests {
    /// A stream with usage counted on `message_start` and no `ping`, and a `400` where Fireworks answers.
    static let differentScripts = """
        scripts:
          - name: usage-on-start
            match: {last_user: "Reply with one short word.", stream: true}
            reply: {raw: different.sse}
          - name: needs-max-tokens
            match: {last_user: "Say yes."}
            reply: {error: {status: 400, message: "max_tokens is required"}}
        """
    static let differentStream = """
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"m","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":12,"output_tokens":1}}}

        event: content_block_start
        data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Yes"}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":0}

        event: message_delta
        data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":1}}

        event: message_stop
        data: {"type":"message_stop"}


        """

    static func directory(_ files: [String: String]) -> String {
        var template = Array("/tmp/fireworks-mock-probe-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(made != nil)
        let path = String(cString: template)
        for (name, text) in files {
            let file = fopen("\(path)/\(name)", "w")!
            fputs(text, file)
            fclose(file)
        }
        return path
    }

    static let key = ["FIREWORKS_API_KEY": "probe-key"]

    @Test func againstTheMockItself_noDrift() async throws {
        let upstream = try ChildProcess(["--port", "0", "--responses", Self.directory([:])])
        let url = try await upstream.listeningURL()
        let probe = try ChildProcess(["probe", "--upstream", "\(url)/inference", "--yes"], environment: Self.key)
        #expect(await probe.exitCode(within: .seconds(30)) == 0, "\(probe.standardError)")
        #expect(probe.standardOutput.contains("No differences"))
        #expect(probe.standardError.contains("23 requests"))
    }

    @Test func againstADifferentUpstream_eachDifferenceIsNamed() async throws {
        let responses = Self.directory(["scripts.yaml": Self.differentScripts, "different.sse": Self.differentStream])
        let upstream = try ChildProcess(["--port", "0", "--responses", responses])
        let url = try await upstream.listeningURL()
        let probe = try ChildProcess(["probe", "--upstream", "\(url)/inference", "--yes"], environment: Self.key)
        #expect(await probe.exitCode(within: .seconds(30)) == 1, "\(probe.standardError)")
        let table = probe.standardOutput
        #expect(table.contains("| text, streamed | usage on message_start | not zero | all zero |"), "\(table)")
        #expect(table.contains("| text, streamed | events | message_start content_block_start"), "\(table)")
        #expect(table.contains("| max_tokens omitted | status | 400 | 200 |"), "\(table)")
        #expect(table.contains("| max_tokens omitted | error message | max_tokens is required | (none) |"), "\(table)")
        // The cases the upstream answers like the mock are not listed.
        #expect(!table.contains("| bad field type |"), "\(table)")

        let json = try ChildProcess(["probe", "--upstream", "\(url)/inference", "--yes", "--json"], environment: Self.key)
        #expect(await json.exitCode(within: .seconds(30)) == 1)
        #expect(json.standardOutput.hasPrefix("[{\"probe\":"))
    }

    @Test func anUpstreamThatCannotBeAsked_orNoKey_exits2() async throws {
        let stopped = try ChildProcess(["--port", "0"])
        let port = try await stopped.port()
        stopped.signal(SIGTERM)
        _ = await stopped.exitCode(within: .seconds(2))
        let down = try ChildProcess(["probe", "--upstream", "http://127.0.0.1:\(port)/inference", "--yes"], environment: Self.key)
        #expect(await down.exitCode(within: .seconds(30)) == 2)
        #expect(down.standardError.contains("could not be asked"))

        let noKey = try ChildProcess(["probe", "--upstream", "http://127.0.0.1:\(port)/inference", "--yes"])
        #expect(await noKey.exitCode(within: .seconds(10)) == 2)
        #expect(noKey.standardError.contains("FIREWORKS_API_KEY is not set"))

        let unconfirmed = try ChildProcess(["probe", "--upstream", "http://127.0.0.1:\(port)/inference"], environment: Self.key)
        #expect(await unconfirmed.exitCode(within: .seconds(10)) == 2)
        #expect(unconfirmed.standardError.contains("pass --yes"))
    }
}
