import MessagesAPI
import MockEngine

/// Requests every loaded script is tried against: a plain question, streamed and not, and turn 2 of a tool
/// loop, so that templates, placeholders and tool replies are rendered as a server would.
let requests: [MessagesRequest] = [
    #"{"model":"accounts/fireworks/models/kimi-k2p5","max_tokens":1000,"messages":[{"role":"user","content":"Say hello"}]}"#,
    #"{"model":"accounts/fireworks/models/kimi-k2p5","max_tokens":1000,"stream":true,"system":"Be brief.","messages":[{"role":"user","content":"What is the weather in Paris?"}]}"#,
    #"{"model":"accounts/fireworks/models/kimi-k2p5","max_tokens":4000,"stream":true,"thinking":{"type":"enabled","budget_tokens":2000},"tools":[{"name":"get_weather","input_schema":{"type":"object"}}],"messages":[{"role":"user","content":"weather?"},{"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"sunny"}]}]}"#,
].map { try! RequestValidator.validate(body: Array($0.utf8)).get() }

/// libFuzzer entry for script files: `ScriptLoader.load(bytes:)` read as YAML and, when the text is JSON, as
/// JSON too (the YAML reader or JSON parser, then the script decoder with its problem reports), the whole-set
/// checks, and then every loaded script answering the requests above.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScripts(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for file in ["fuzz.yaml", "fuzz.json"] {
        let loaded = ScriptLoader.checked(ScriptLoader.load(bytes: bytes, file: file, baseDirectory: nil))
        for problem in loaded.problems { _ = problem.description }
        guard !loaded.scripts.isEmpty else { continue }
        // A fresh book each time, so that every input is answered the same way whatever ran before it.
        let planner = ReplyPlanner(scripts: ScriptBook(scripts: loaded.scripts))
        for request in requests {
            let plan = planner.plan(for: request)
            if case .events(let events) = plan.body {
                for event in events { _ = event.bytes }
            }
        }
    }
    return 0
}
