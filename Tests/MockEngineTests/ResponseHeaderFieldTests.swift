import MessagesAPI
import MockEngine
import Testing

/// Headers a fault or a script error adds to a response must be ones HTTP can carry: a name that is a token,
/// a value without control characters. `x-mock-fault: error;header.bad name=1` made the mock write a response
/// head that HTTP clients refuse (found by fuzzing the HTTP edge); now the fault is refused, named, before
/// anything is sent.
@Suite struct ResponseHeaderFieldTests {
    static func faultError(_ text: String) -> String? {
        do {
            _ = try FaultSyntax.fault(text)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func faultHeaderNames_mustBeTokens() {
        #expect(Self.faultError("error;status=429;header.bad name=1") == "error: 'bad name' is not a header name (letters, digits and !#$%&'*+-.^_`|~ only)")
        #expect(Self.faultError("error;status=429;header.=1") == "error: a header name cannot be empty")
        #expect(Self.faultError("error;status=429;header.a:b=1") == "error: 'a:b' is not a header name (letters, digits and !#$%&'*+-.^_`|~ only)")
        #expect(Self.faultError("error;status=429;header.x-trace_id!=1;retry-after=2") == nil)
    }

    @Test func faultHeaderValues_holdNoControlCharacters() {
        #expect(Self.faultError("error;retry-after=1\r\nx-injected: 1") == "error: the value of header 'retry-after' holds a control character")
        #expect(Self.faultError("error;header.x-a=tab\tis fine") == nil)
    }

    /// Found by fuzzing: `x-should-retry=false;header.x-should-retry=fa` sent the header twice, and the journal's
    /// text of that fault was refused when read back.
    @Test func aHeaderGivenTwice_isRefused() {
        #expect(Self.faultError("error;status=429;x-should-retry=false;header.x-should-retry=fa") == "error: header 'x-should-retry' is given twice")
        #expect(Self.faultError("error;retry-after=1;header.Retry-After=2") == "error: header 'retry-after' is given twice")
        #expect(Self.faultError("error;retry-after=1;header.retry-after-ms=2") == nil)
    }

    @Test func aBadFaultHeader_isRefusedBeforeAnswering() throws {
        let request = try RequestValidator.validate(
            body: Array(#"{"model":"accounts/fireworks/models/kimi-k2p5","max_tokens":5,"messages":[{"role":"user","content":"x"}]}"#.utf8)
        ).get()
        let plan = ReplyPlanner().plan(for: request, headers: [("x-mock-fault", "error;status=429;header.bad name=1")])
        #expect(plan.status == 400)
        #expect(plan.headers.allSatisfy { $0.name != "bad name" })
        guard case .complete(let body) = plan.body else {
            Issue.record("a refusal is a complete JSON answer")
            return
        }
        #expect(String(decoding: body, as: UTF8.self).contains(#"x-mock-fault: error: 'bad name' is not a header name"#))
    }

    @Test func scriptErrorHeaders_areChecked() {
        let yaml = """
            name: e
            reply:
              error:
                status: 429
                headers: {"bad name": x, x-split: "1\\r\\nx-injected: 2", retry-after: 3}
            """
        let result = ScriptLoader.load(bytes: Array(yaml.utf8), file: "e.yaml", baseDirectory: nil)
        #expect(result.scripts.isEmpty)
        #expect(
            result.problems.map(\.description) == [
                "e.yaml: script 'e': reply.error.headers.bad name: 'bad name' is not a header name (letters, digits and !#$%&'*+-.^_`|~ only)",
                "e.yaml: script 'e': reply.error.headers.x-split: the value of header 'x-split' holds a control character",
            ])
    }
}
