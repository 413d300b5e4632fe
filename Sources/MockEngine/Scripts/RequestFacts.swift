import MessagesAPI

/// What script conditions look at, computed once per request.
public struct RequestFacts: Sendable {
    public var model: String
    public var lastUserText: String
    public var systemText: String
    public var messageTexts: [String]
    /// Header values by lower-cased name (the first value of each).
    public var headers: [String: String]
    public var hasTools: Bool
    public var toolNames: [String]
    /// Whether the last user message carries a `tool_result` block.
    public var hasToolResult: Bool
    /// Names of the tools whose calls the last user message answers.
    public var toolResultNames: [String]
    /// Number of user messages.
    public var turn: Int
    public var stream: Bool

    public init(request: MessagesRequest, headers: [(name: String, value: String)]) {
        self.model = request.model
        self.lastUserText = EchoReply.sourceText(of: request)
        self.systemText = request.system.joined(separator: "\n")
        self.messageTexts = request.messages.map(\.text)
        var byName: [String: String] = [:]
        for header in headers where byName[header.name.lowercased()] == nil {
            byName[header.name.lowercased()] = header.value
        }
        self.headers = byName
        self.hasTools = request.json["tools"] != nil && !(request.json["tools"]?.isNull ?? true)
        self.toolNames = request.tools.map(\.name)
        self.turn = request.messages.filter { $0.role == .user }.count
        self.stream = request.stream

        var callNames: [String: String] = [:]
        for message in request.messages where message.role == .assistant {
            for case .toolUse(let id, let name, _) in message.content { callNames[id] = name }
        }
        let lastUser = request.messages.last(where: { $0.role == .user })
        var answered: [String] = []
        var hasResult = false
        for case .toolResult(let id, _, _) in lastUser?.content ?? [] {
            hasResult = true
            if let name = callNames[id] { answered.append(name) }
        }
        self.hasToolResult = hasResult
        self.toolResultNames = answered
    }
}

extension MatchRule {
    /// Nil when every condition holds; otherwise which condition failed and why, in words.
    public func failure(for facts: RequestFacts) -> String? {
        if let model = self.model, !model.matches(facts.model) {
            return "model: '\(facts.model)' does not \(model.description.replacingPrefix("matches", "match"))"
        }
        if let stream = self.stream, stream != facts.stream {
            return "stream: wanted \(stream), request has \(facts.stream)"
        }
        if let turn = self.turn, turn != facts.turn {
            return "turn: wanted \(turn), request is turn \(facts.turn)"
        }
        if let condition = self.lastUser, !condition.matches(facts.lastUserText) {
            return "last_user: text does not satisfy \(condition.description)"
        }
        if let condition = self.system, !condition.matches(facts.systemText) {
            return "system: system prompt does not satisfy \(condition.description)"
        }
        if let condition = self.anyMessage, !facts.messageTexts.contains(where: condition.matches) {
            return "any_message: no message satisfies \(condition.description)"
        }
        for (name, condition) in self.headers {
            guard let value = facts.headers[name] else { return "headers.\(name): header not sent" }
            if !condition.matches(value) { return "headers.\(name): '\(value)' does not satisfy \(condition.description)" }
        }
        switch self.tools {
        case .present(let wanted)? where wanted != facts.hasTools:
            return wanted ? "tools: request offers no tools" : "tools: request offers tools"
        case .named(let name)? where !facts.toolNames.contains(name):
            return "tools: no tool named '\(name)' offered"
        default: break
        }
        switch self.toolResult {
        case .present(let wanted)? where wanted != facts.hasToolResult:
            return wanted ? "tool_result: last user turn has no tool_result" : "tool_result: last user turn has a tool_result"
        case .named(let name)? where !facts.toolResultNames.contains(name):
            return "tool_result: last user turn answers no call of '\(name)'"
        default: break
        }
        return nil
    }
}

extension String {
    fileprivate func replacingPrefix(_ prefix: String, _ replacement: String) -> String {
        self.hasPrefix(prefix) ? replacement + self.dropFirst(prefix.count) : self
    }
}
