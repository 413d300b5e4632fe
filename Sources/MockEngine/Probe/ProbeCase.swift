/// One request of `fireworks-mock probe`: small (`max_tokens` at most 16) and sent alike to the upstream and
/// to the mock, so what a client can see of the two answers can be compared.
public struct ProbeCase: Sendable {
    public var name: String
    /// The request body, `MODEL` standing for the model id.
    public var body: String
    public var stream: Bool { self.body.contains(#""stream":true"#) }

    public init(_ name: String, _ body: String) {
        self.name = name
        self.body = body
    }

    /// The body with the model id filled in.
    public func body(model: String) -> [UInt8] {
        Array(self.body.split(separator: "MODEL", omittingEmptySubsequences: false).joined(separator: model).utf8)
    }

    /// Most output tokens one case may cost.
    public static let maximumTokens = 16

    static let user = #""messages":[{"role":"user","content":"Reply with one short word."}]"#
    static let tool = #""tools":[{"name":"get_time","description":"The current time","input_schema":{"type":"object","properties":{}}}]"#

    /// The documented set: plain and streaming text, `max_tokens` omitted, stop sequences, a system prompt,
    /// tools with each `tool_choice`, thinking with each effort, each unsupported feature of the compatibility
    /// page, a bad model id and a bad field type. Thinking needs a budget of at least 1,024 tokens below
    /// `max_tokens`; at 16 tokens the thinking probes compare how both sides refuse that, not a thinking stream.
    public static let all: [ProbeCase] = [
        ProbeCase("text", #"{"model":"MODEL","max_tokens":16,\#(user)}"#),
        ProbeCase("text, streamed", #"{"model":"MODEL","max_tokens":16,"stream":true,\#(user)}"#),
        ProbeCase("max_tokens omitted", #"{"model":"MODEL","messages":[{"role":"user","content":"Say yes."}],"stop_sequences":["."]}"#),
        ProbeCase("stop_sequences", #"{"model":"MODEL","max_tokens":16,"stop_sequences":["\n"],\#(user)}"#),
        ProbeCase("system prompt, streamed", #"{"model":"MODEL","max_tokens":16,"stream":true,"system":"Be brief.",\#(user)}"#),
        ProbeCase("tools, tool_choice auto", #"{"model":"MODEL","max_tokens":16,\#(tool),"tool_choice":{"type":"auto"},\#(user)}"#),
        ProbeCase("tools, tool_choice any, streamed", #"{"model":"MODEL","max_tokens":16,"stream":true,\#(tool),"tool_choice":{"type":"any"},\#(user)}"#),
        ProbeCase("tools, tool_choice tool", #"{"model":"MODEL","max_tokens":16,\#(tool),"tool_choice":{"type":"tool","name":"get_time"},\#(user)}"#),
        ProbeCase("thinking enabled, streamed", #"{"model":"MODEL","max_tokens":16,"stream":true,"thinking":{"type":"enabled","budget_tokens":1024},\#(user)}"#),
        ProbeCase("thinking, effort low", #"{"model":"MODEL","max_tokens":16,"thinking":{"type":"enabled","budget_tokens":1024},"output_config":{"effort":"low"},\#(user)}"#),
        ProbeCase("thinking, effort medium", #"{"model":"MODEL","max_tokens":16,"thinking":{"type":"enabled","budget_tokens":1024},"output_config":{"effort":"medium"},\#(user)}"#),
        ProbeCase("thinking, effort high", #"{"model":"MODEL","max_tokens":16,"thinking":{"type":"enabled","budget_tokens":1024},"output_config":{"effort":"high"},\#(user)}"#),
        ProbeCase("thinking, effort max", #"{"model":"MODEL","max_tokens":16,"thinking":{"type":"enabled","budget_tokens":1024},"output_config":{"effort":"max"},\#(user)}"#),
        ProbeCase("adaptive thinking", #"{"model":"MODEL","max_tokens":16,"thinking":{"type":"adaptive"},\#(user)}"#),
        ProbeCase("service_tier", #"{"model":"MODEL","max_tokens":16,"service_tier":"auto",\#(user)}"#),
        ProbeCase("inference_geo", #"{"model":"MODEL","max_tokens":16,"inference_geo":"us",\#(user)}"#),
        ProbeCase("output_config.speed", #"{"model":"MODEL","max_tokens":16,"output_config":{"speed":"fast"},\#(user)}"#),
        ProbeCase("server tool", #"{"model":"MODEL","max_tokens":16,"tools":[{"type":"web_search_20250305","name":"web_search"}],\#(user)}"#),
        ProbeCase("tool cache_control", #"{"model":"MODEL","max_tokens":16,"tools":[{"name":"get_time","input_schema":{"type":"object"},"cache_control":{"type":"ephemeral"}}],\#(user)}"#),
        ProbeCase("container", #"{"model":"MODEL","max_tokens":16,"container":"c1",\#(user)}"#),
        ProbeCase("raw_output", #"{"model":"MODEL","max_tokens":16,"raw_output":true,\#(user)}"#),
        ProbeCase("bad model id", #"{"model":"accounts/fireworks/models/no-such-model-for-probe","max_tokens":16,\#(user)}"#),
        ProbeCase("bad field type", #"{"model":"MODEL","max_tokens":"sixteen",\#(user)}"#),
    ]
}
