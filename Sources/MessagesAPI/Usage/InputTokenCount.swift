/// How the mock counts a request's input tokens, documented in the README so tests can predict it:
/// the system prompt, then per message 3 tokens of framing plus its blocks, then per tool 3 tokens plus its
/// name, description and compact input schema JSON.
public enum InputTokenCount {
    public static let perMessage = 3
    public static let perTool = 3
    /// An image costs a fixed amount, whatever its size.
    public static let perImage = 256
    /// A PDF or URL document costs a fixed amount; a plain-text document counts its text.
    public static let perOpaqueDocument = 512

    public static func count(_ request: MessagesRequest) -> Int {
        var total = request.system.reduce(0) { $0 + TokenCounter.count($1) }
        for message in request.messages {
            total += self.perMessage + message.content.reduce(0) { $0 + self.count($1) }
        }
        for tool in request.tools {
            total += self.perTool + TokenCounter.count(tool.name)
            total += TokenCounter.count(tool.description ?? "")
            total += TokenCounter.count(String(decoding: JSONWriter.encode(tool.inputSchema), as: UTF8.self))
        }
        return total
    }

    static func count(_ block: InputBlock) -> Int {
        switch block {
        case .text(let text): return TokenCounter.count(text)
        case .image: return self.perImage
        case .document(let text): return text.map(TokenCounter.count) ?? self.perOpaqueDocument
        case .thinking(let thinking, _): return TokenCounter.count(thinking)
        case .redactedThinking: return 0
        case .toolUse(_, let name, let input):
            return TokenCounter.count(name) + TokenCounter.count(String(decoding: JSONWriter.encode(input), as: UTF8.self))
        case .toolResult(_, let content, _):
            return content.reduce(0) { $0 + self.count($1) }
        }
    }
}
