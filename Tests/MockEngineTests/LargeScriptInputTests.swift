import MessagesAPI
import MockEngine
import Testing

/// Fault texts and script files built to be slow to read: many `header.NAME` parts, thousands of scripts.
/// Both arrive from outside (a request header, the admin API) and must be read in time proportional to their
/// size; each case took minutes before (found by fuzzing). The time limit guards against that hang; it
/// measures nothing.
@Suite(.timeLimit(.minutes(1))) struct LargeScriptInputTests {
    @Test func aFaultWithManyHeaders_keepsThemAllInOrder() throws {
        let count = 40_000
        let text = "error;status=429;" + (0..<count).map { "header.x-h\($0)=v\($0)" }.joined(separator: ";")
        guard case .httpError(let error) = try FaultSyntax.fault(text).fault else {
            Issue.record("not an HTTP error fault")
            return
        }
        #expect(error.headers.count == count)
        #expect(error.headers.first.map { "\($0.name): \($0.value)" } == "x-h0: v0")
        #expect(error.headers.last.map { "\($0.name): \($0.value)" } == "x-h\(count - 1): v\(count - 1)")
    }

    @Test func thousandsOfScripts_areCheckedForShadowsInOnePass() {
        let count = 6_000
        var yaml = (0..<count).map { "- {name: s\($0), match: {turn: \($0 + 1)}, reply: {text: x}}" }.joined(separator: "\n")
        yaml += "\n- {name: late, match: {turn: 7}, reply: {text: y}}\n"
        let result = ScriptLoader.checked(ScriptLoader.load(bytes: Array(yaml.utf8), file: "many.yaml", baseDirectory: nil))
        #expect(result.scripts.count == count + 1)
        #expect(
            result.problems.map(\.description) == [
                "warning: many.yaml: script 'late': can never match: script 's6' (many.yaml) comes first, matches every request this one does, and never stops matching"
            ])
    }

    @Test func theEarliestShadowIsNamed() {
        let yaml = """
            - {name: first, match: {turn: 1}, reply: {text: a}}
            - {name: catch-all, reply: {text: b}}
            - {name: third, match: {turn: 1}, reply: {text: c}}
            - {name: fourth, match: {turn: 2}, times: 1, reply: {text: d}}
            """
        let result = ScriptLoader.checked(ScriptLoader.load(bytes: Array(yaml.utf8), file: "s.yaml", baseDirectory: nil))
        #expect(
            result.problems.map(\.description) == [
                "warning: s.yaml: script 'third': can never match: script 'first' (s.yaml) comes first, matches every request this one does, and never stops matching",
                "warning: s.yaml: script 'fourth': can never match: script 'catch-all' (s.yaml) comes first, matches every request this one does, and never stops matching",
            ])
    }
}
