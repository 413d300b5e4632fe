/// A validated `/v1/messages` request, reduced to what the mock uses to decide its answer. The parsed JSON
/// stays available for anything that needs the request exactly as sent.
public struct MessagesRequest: Sendable {
    public var model: String
    public var messages: [InputMessage]
    public var system: [String]
    public var maxTokens: Int?
    public var stopSequences: [String]
    public var stream: Bool
    public var tools: [ToolDefinition]
    public var thinking: Thinking?
    /// `output_config.effort` as sent (`low`, `medium`, `high`, `xhigh`, `max`).
    public var effort: String?
    public var rawOutput: Bool
    public var json: JSONValue

    public init(
        model: String,
        messages: [InputMessage],
        system: [String] = [],
        maxTokens: Int? = nil,
        stopSequences: [String] = [],
        stream: Bool = false,
        tools: [ToolDefinition] = [],
        thinking: Thinking? = nil,
        effort: String? = nil,
        rawOutput: Bool = false,
        json: JSONValue = .null
    ) {
        self.model = model
        self.messages = messages
        self.system = system
        self.maxTokens = maxTokens
        self.stopSequences = stopSequences
        self.stream = stream
        self.tools = tools
        self.thinking = thinking
        self.effort = effort
        self.rawOutput = rawOutput
        self.json = json
    }

    /// The `thinking` parameter.
    public enum Thinking: Sendable, Equatable {
        case enabled(budgetTokens: Int)
        case disabled
    }
}

/// One turn of the conversation.
public struct InputMessage: Sendable, Equatable {
    public enum Role: String, Sendable {
        case user
        case assistant
    }

    public var role: Role
    public var content: [InputBlock]

    public init(role: Role, content: [InputBlock]) {
        self.role = role
        self.content = content
    }
}

/// A content block of an input message.
public enum InputBlock: Sendable, Equatable {
    case text(String)
    case image
    case document(text: String?)
    case thinking(thinking: String, signature: String)
    case redactedThinking(data: String)
    case toolUse(id: String, name: String, input: JSONValue)
    case toolResult(toolUseID: String, content: [InputBlock], isError: Bool)
}

/// A custom tool the client offers the model.
public struct ToolDefinition: Sendable, Equatable {
    public var name: String
    public var description: String?
    public var inputSchema: JSONValue

    public init(name: String, description: String? = nil, inputSchema: JSONValue) {
        self.name = name
        self.description = description
        self.inputSchema = inputSchema
    }
}

extension InputMessage {
    /// The text of the message's text blocks, joined by newlines.
    public var text: String {
        self.content.compactMap { block -> String? in
            if case .text(let t) = block { return t }
            return nil
        }.joined(separator: "\n")
    }
}
