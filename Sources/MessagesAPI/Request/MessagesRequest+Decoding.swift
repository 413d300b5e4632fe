extension MessagesRequest {
    /// Reads a request that already passed `FireworksSchema.request`, with the same lax readings the
    /// validator accepted.
    init(validated json: JSONValue) {
        let object = json.objectValue ?? JSONObject()
        self.init(model: object["model"]?.stringValue ?? "", messages: [], json: json)
        self.messages = (object["messages"]?.arrayValue ?? []).map(Self.message)
        self.system = Self.blocks(object["system"]).compactMap {
            if case .text(let t) = $0 { return t }
            return nil
        }
        if let value = object["max_tokens"], case .value(let n) = LaxValue.integer(value) {
            self.maxTokens = n
        }
        self.stopSequences = (object["stop_sequences"]?.arrayValue ?? []).compactMap(\.stringValue)
        self.stream = object["stream"].flatMap(LaxValue.boolean) ?? false
        self.tools = (object["tools"]?.arrayValue ?? []).map { tool in
            ToolDefinition(
                name: tool["name"]?.stringValue ?? "",
                description: tool["description"]?.stringValue,
                inputSchema: tool["input_schema"] ?? .null
            )
        }
        if let thinking = object["thinking"], let type = thinking["type"]?.stringValue {
            if type == "enabled", let budget = thinking["budget_tokens"], case .value(let n) = LaxValue.integer(budget) {
                self.thinking = .enabled(budgetTokens: n)
            } else if type == "disabled" {
                self.thinking = .disabled
            }
        }
        self.effort = object["output_config"]?["effort"]?.stringValue
        self.rawOutput = object["raw_output"].flatMap(LaxValue.boolean) ?? false
    }

    private static func message(_ json: JSONValue) -> InputMessage {
        let role = InputMessage.Role(rawValue: json["role"]?.stringValue ?? "") ?? .user
        return InputMessage(role: role, content: self.blocks(json["content"]))
    }

    /// `content` as blocks: a string is shorthand for one text block.
    static func blocks(_ json: JSONValue?) -> [InputBlock] {
        switch json {
        case .string(let s)?: return [.text(s)]
        case .array(let items)?: return items.map(self.block)
        default: return []
        }
    }

    private static func block(_ json: JSONValue) -> InputBlock {
        switch json["type"]?.stringValue {
        case "text":
            return .text(json["text"]?.stringValue ?? "")
        case "image":
            return .image
        case "document":
            let source = json["source"]
            return .document(text: source?["data"]?.stringValue.flatMap { source?["type"]?.stringValue == "text" ? $0 : nil })
        case "thinking":
            return .thinking(
                thinking: json["thinking"]?.stringValue ?? "", signature: json["signature"]?.stringValue ?? "")
        case "redacted_thinking":
            return .redactedThinking(data: json["data"]?.stringValue ?? "")
        case "tool_use":
            return .toolUse(
                id: json["id"]?.stringValue ?? "", name: json["name"]?.stringValue ?? "", input: json["input"] ?? .null)
        case "tool_result":
            return .toolResult(
                toolUseID: json["tool_use_id"]?.stringValue ?? "",
                content: self.blocks(json["content"]),
                isError: json["is_error"].flatMap(LaxValue.boolean) ?? false
            )
        default:
            return .text("")
        }
    }
}
