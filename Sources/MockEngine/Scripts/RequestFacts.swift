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
    /// The request body as parsed, for `match.request`.
    public var json: JSONValue

    public init(request: MessagesRequest, headers: [(name: String, value: String)]) {
        self.json = request.json
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
    /// True when every condition holds. Builds no text, so trying many scripts on a request stays cheap.
    public func holds(for facts: RequestFacts) -> Bool {
        var held = true
        self.walk(facts) { _ in
            held = false
            return true
        }
        return held
    }

    /// Nil when every condition holds; otherwise which condition failed and why, in words.
    public func failure(for facts: RequestFacts) -> String? {
        self.failures(for: facts, all: false).first
    }

    /// Every condition that fails, in words, in the order the conditions are checked (all of them, or only
    /// the first). Near-miss reports list them all.
    public func failures(for facts: RequestFacts, all: Bool = true) -> [String] {
        var found: [String] = []
        self.walk(facts) { reason in
            found.append(reason())
            return !all
        }
        return found
    }

    /// Checks the conditions in `Condition.checkOrder` and calls `fail` with the reason (built only if asked
    /// for) of each one that does not hold; stops when `fail` returns true.
    private func walk(_ facts: RequestFacts, fail: (() -> String) -> Bool) {
        for kind in Condition.checkOrder {
            switch kind {
            case .model:
                if let model = self.model, !model.matches(facts.model),
                    fail({ "model: '\(facts.model)' does not \(model.description.replacingPrefix("matches", "match"))" })
                { return }
            case .stream:
                if let stream = self.stream, stream != facts.stream,
                    fail({ "stream: wanted \(stream), request has \(facts.stream)" })
                { return }
            case .turn:
                if let turn = self.turn, turn != facts.turn,
                    fail({ "turn: wanted \(turn), request is turn \(facts.turn)" })
                { return }
            case .lastUser:
                if let condition = self.lastUser, !condition.matches(facts.lastUserText),
                    fail({ "last_user: text does not satisfy \(condition.description)" })
                { return }
            case .system:
                if let condition = self.system, !condition.matches(facts.systemText),
                    fail({ "system: system prompt does not satisfy \(condition.description)" })
                { return }
            case .anyMessage:
                if let condition = self.anyMessage, !facts.messageTexts.contains(where: condition.matches),
                    fail({ "any_message: no message satisfies \(condition.description)" })
                { return }
            case .headers:
                for header in self.headers {
                    if let value = facts.headers[header.name] {
                        if !header.condition.matches(value),
                            fail({ "headers.\(header.name): '\(value)' does not satisfy \(header.condition.description)" })
                        { return }
                    } else if fail({ "headers.\(header.name): header not sent" }) {
                        return
                    }
                }
            case .tools:
                switch self.tools {
                case .present(let wanted)? where wanted != facts.hasTools:
                    if fail({ wanted ? "tools: request offers no tools" : "tools: request offers tools" }) { return }
                case .named(let name)? where !facts.toolNames.contains(name):
                    if fail({ "tools: no tool named '\(name)' offered" }) { return }
                default: break
                }
            case .toolResult:
                switch self.toolResult {
                case .present(let wanted)? where wanted != facts.hasToolResult:
                    if fail({ wanted ? "tool_result: last user turn has no tool_result" : "tool_result: last user turn has a tool_result" }) {
                        return
                    }
                case .named(let name)? where !facts.toolResultNames.contains(name):
                    if fail({ "tool_result: last user turn answers no call of '\(name)'" }) { return }
                default: break
                }
            case .request:
                if let condition = self.request, let key = condition.firstDifference(in: facts.json),
                    fail({ "request.\(key): not the recorded value" })
                { return }
            }
        }
    }
}

extension String {
    fileprivate func replacingPrefix(_ prefix: String, _ replacement: String) -> String {
        self.hasPrefix(prefix) ? replacement + self.dropFirst(prefix.count) : self
    }
}
