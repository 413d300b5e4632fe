import MessagesAPI

/// Builds Fireworks' `raw_output` for a request and its reply, in the mock's own prompt layout (documented in
/// the README; not any model's real template):
///
/// `<|system|>` + system text, `<|tools|>` + the tools as compact JSON, `<|reasoning_effort|>` + the mapped
/// effort, `<|thinking|>` + the budget, then per message `<|user|>` or `<|assistant|>` + its blocks, and a
/// final `<|assistant|>`. Token ids are the mock's tokens hashed into 0..<100000.
public enum RawOutputBuilder {
    public static func make(request: MessagesRequest, reply: [OutputBlock]) -> RawOutput {
        var fragments: [String] = []
        if !request.system.isEmpty {
            fragments += ["<|system|>\n", request.system.joined(separator: "\n") + "\n"]
        }
        if !request.tools.isEmpty {
            let tools = JSONValue.array(request.tools.map { tool in
                .object(JSONObject([
                    ("name", .string(tool.name)),
                    ("description", tool.description.map(JSONValue.string) ?? .null),
                    ("input_schema", tool.inputSchema),
                ]))
            })
            fragments += ["<|tools|>\n", String(decoding: JSONWriter.encode(tools), as: UTF8.self) + "\n"]
        }
        if let effort = request.effort {
            fragments.append("<|reasoning_effort|>\(ReasoningEffort.fireworksValue(for: effort))\n")
        }
        if case .enabled(let budget) = request.thinking {
            fragments.append("<|thinking|>budget_tokens=\(budget)\n")
        }
        for message in request.messages {
            fragments.append("<|\(message.role.rawValue)|>\n")
            fragments += message.content.map(self.fragment)
        }
        fragments.append("<|assistant|>\n")
        let ids = TokenCounter.tokens(fragments.joined()).map(self.tokenID)
        return RawOutput(promptFragments: fragments, promptTokenIDs: ids, completion: self.completion(reply))
    }

    static func fragment(_ block: InputBlock) -> String {
        switch block {
        case .text(let text): return text + "\n"
        case .image: return "<image>\n"
        case .document(let text): return (text ?? "<document>") + "\n"
        case .thinking(let thinking, _): return "<think>\(thinking)</think>\n"
        case .redactedThinking: return "<think redacted>\n"
        case .toolUse(let id, let name, let input):
            return "<tool_call id=\"\(id)\">\(self.call(name, input))</tool_call>\n"
        case .toolResult(let id, let content, let isError):
            let inner = content.map(self.fragment).joined()
            return "<tool_result id=\"\(id)\"\(isError ? " error" : "")>\(inner)</tool_result>\n"
        }
    }

    /// The raw text a model would have produced before tool calls and thinking were parsed out of it.
    static func completion(_ blocks: [OutputBlock]) -> String {
        blocks.map { block in
            switch block {
            case .text(let text): return text
            case .thinking(let thinking, _): return "<think>\(thinking)</think>"
            case .redactedThinking: return "<think redacted>"
            case .toolUse(_, let name, let input, let partial):
                if let partial { return "<tool_call>{\"name\":\"\(name)\",\"arguments\":\(partial)" }
                return "<tool_call>\(self.call(name, input))</tool_call>"
            }
        }.joined()
    }

    static func call(_ name: String, _ input: JSONValue) -> String {
        String(decoding: JSONWriter.encode(.object(JSONObject([("name", .string(name)), ("arguments", input)]))), as: UTF8.self)
    }

    static func tokenID(_ token: String) -> Int {
        var hash: UInt32 = 2_166_136_261
        for byte in token.utf8 {
            hash ^= UInt32(byte)
            hash &*= 16_777_619
        }
        return Int(hash % 100_000)
    }
}
