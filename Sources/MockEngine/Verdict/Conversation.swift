import MessagesAPI

/// One content block of a conversation turn, reduced to what the verdict compares.
public enum TurnBlock: Sendable, Equatable {
    case text(String)
    case thinking(String, signature: String?)
    case redactedThinking(String)
    case toolUse(id: String, name: String, input: JSONValue)
    case toolResult(toolUseID: String)
    /// Any other block, by its type.
    case other(String)

    /// The block's type as the API names it.
    public var typeName: String {
        switch self {
        case .text: return "text"
        case .thinking: return "thinking"
        case .redactedThinking: return "redacted_thinking"
        case .toolUse: return "tool_use"
        case .toolResult: return "tool_result"
        case .other(let type): return type
        }
    }

    /// Reads a request's content block; nil for what is not an object with a type.
    init?(_ value: JSONValue) {
        guard let type = value["type"]?.stringValue else { return nil }
        switch type {
        case "text": self = .text(value["text"]?.stringValue ?? "")
        case "thinking": self = .thinking(value["thinking"]?.stringValue ?? "", signature: value["signature"]?.stringValue)
        case "redacted_thinking": self = .redactedThinking(value["data"]?.stringValue ?? "")
        case "tool_use":
            self = .toolUse(
                id: value["id"]?.stringValue ?? "", name: value["name"]?.stringValue ?? "", input: value["input"] ?? .null)
        case "tool_result": self = .toolResult(toolUseID: value["tool_use_id"]?.stringValue ?? "")
        default: self = .other(type)
        }
    }

    /// The block as the mock sent it.
    public init(_ block: OutputBlock) {
        switch block {
        case .text(let text): self = .text(text)
        case .thinking(let thinking, let signature): self = .thinking(thinking, signature: signature)
        case .redactedThinking(let data): self = .redactedThinking(data)
        case .toolUse(let id, let name, let input, _): self = .toolUse(id: id, name: name, input: input)
        }
    }
}

/// One message of a request: its role and blocks (a string content is one text block).
public struct Turn: Sendable, Equatable {
    public var role: String
    public var blocks: [TurnBlock]

    public var toolUseIDs: [String] {
        self.blocks.compactMap { if case .toolUse(let id, _, _) = $0 { return id } else { return nil } }
    }

    public var toolResultIDs: [String] {
        self.blocks.compactMap { if case .toolResult(let id) = $0 { return id } else { return nil } }
    }
}

/// What the verdict needs of a request body: its digest ("the same request"), its messages as turns, and a
/// digest of every prefix of its messages, so a later request that continues this conversation is found.
public struct Conversation: Sendable {
    /// The canonical digest of the whole body.
    public var digest: String
    public var turns: [Turn]
    /// `prefixes[i]` digests `messages[0..<i]`; `prefixes[0]` is the empty conversation.
    public var prefixes: [Digest]

    /// Reads a request body; nil when it is not a JSON object.
    public init?(body: [UInt8]) {
        guard let value = try? JSONParser.parse(body), value.objectValue != nil else { return nil }
        self.digest = CanonicalJSON.digest(value)
        self.turns = []
        var prefix = Digest()
        self.prefixes = [prefix]
        for message in value["messages"]?.arrayValue ?? [] {
            let blocks: [TurnBlock]
            switch message["content"] {
            case .string(let text)?: blocks = [.text(text)]
            case .array(let items)?: blocks = items.compactMap(TurnBlock.init)
            default: blocks = []
            }
            self.turns.append(Turn(role: message["role"]?.stringValue ?? "", blocks: blocks))
            prefix.add(CanonicalJSON.text(message))
            // A separator no JSON text contains, so two splits of the same bytes differ.
            prefix.add([0x1E])
            self.prefixes.append(prefix)
        }
    }
}
