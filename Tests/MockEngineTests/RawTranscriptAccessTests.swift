import MessagesAPI
import MockEngine
import Testing

/// What a `raw:` transcript may name. A script file may name any regular file (a device or pipe would block or
/// never end: `/dev/zero` once made the server read until it ran out of memory, found by fuzzing); a script
/// added over the admin API may only name one inside `--responses`, so the API cannot serve any file the
/// server can read.
@Suite struct RawTranscriptAccessTests {
    /// The shipped examples, as the server reads them by default.
    static let responses = "responses"

    func post(_ yaml: String) -> (status: Int, message: String) {
        let api = AdminAPI(
            scripts: ScriptBook(), faults: FaultBook(), journal: Journal(), responsesDirectory: Self.responses)
        let plan = api.respond(
            to: AdminAPI.Call(method: "POST", path: "/_mock/scripts", query: "", headers: [], body: Array(yaml.utf8)))
        guard case .complete(let body) = plan.body, let json = try? JSONParser.parse(body) else { return (plan.status, "") }
        return (plan.status, json["error"]?["message"]?.stringValue ?? "")
    }

    @Test func aDevice_isRefusedWithoutReadingIt() {
        let result = ScriptLoader.load(
            bytes: Array("name: z\nreply: {raw: /dev/zero}\n".utf8), file: "z.yaml", baseDirectory: Self.responses)
        #expect(result.scripts.isEmpty)
        #expect(result.problems.map(\.description) == ["z.yaml: script 'z': reply.raw: cannot read '/dev/zero': /dev/zero is not a regular file"])
    }

    @Test func overTheAdminAPI_aDeviceIsRefused() {
        let (status, message) = self.post("name: z\nreply: {raw: /dev/zero}\n")
        #expect(status == 400)
        #expect(message.contains("reply.raw: cannot read '/dev/zero': a script added at run time names a transcript inside --responses"))
    }

    @Test func overTheAdminAPI_pathsOutsideResponsesAreRefused() {
        for path in ["/etc/passwd", "../Package.swift", "transcripts/../../Package.swift"] {
            let (status, message) = self.post("name: out\nreply: {raw: '\(path)'}\n")
            #expect(status == 400, "\(path)")
            #expect(message.contains("by a relative path without '..'"), "\(path)")
        }
    }

    @Test func overTheAdminAPI_aTranscriptInsideResponsesIsRead() {
        #expect(self.post("name: in\nreply: {raw: transcripts/hello.sse}\n").status == 201)
    }
}
