import MessagesAPI

/// Builds validated requests from JSON text, for planner and matcher tests.
enum RequestMaker {
    static func request(_ json: String) throws -> MessagesRequest {
        try RequestValidator.validate(body: Array(json.utf8)).get()
    }

    static func user(_ text: String, stream: Bool = false, extra: String = "") throws -> MessagesRequest {
        try self.request(
            #"{"model":"accounts/fireworks/models/kimi-k2p5","max_tokens":1000,"stream":\#(stream),"messages":[{"role":"user","content":"\#(text)"}]\#(extra)}"#
        )
    }

    /// Turn 2 of a tool loop: the user asked, the assistant called `tool`, the user sent its result.
    static func toolResult(tool: String = "get_weather") throws -> MessagesRequest {
        try self.request(
            #"{"model":"accounts/fireworks/models/kimi-k2p5","max_tokens":1000,"tools":[{"name":"\#(tool)","input_schema":{"type":"object"}}],"messages":[{"role":"user","content":"weather?"},{"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"\#(tool)","input":{}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"sunny"}]}]}"#
        )
    }
}
