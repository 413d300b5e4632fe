import MessagesAPI

extension MessageTemplate {
    /// The message this template answers with: placeholders filled, tool ids and signatures made, usage
    /// counted like an echo reply unless the script overrides it.
    public func render(for request: MessagesRequest, facts: RequestFacts, session: String) -> ResponseMessage {
        let blocks = self.content.map { block -> OutputBlock in
            switch block {
            case .text(let text):
                return .text(Placeholders.fill(text, facts: facts, session: session))
            case .thinking(let thinking, let signature):
                let filled = Placeholders.fill(thinking, facts: facts, session: session)
                return .thinking(thinking: filled, signature: signature ?? EchoThinking.signature(for: filled))
            case .redactedThinking(let data):
                return .redactedThinking(data: data)
            case .toolUse(let id, let name, let input, let partial):
                return .toolUse(id: id ?? IDGenerator.toolUseID(), name: name, input: input, partialJSON: partial)
            }
        }
        return ResponseMessage(
            id: IDGenerator.messageID(),
            model: request.model,
            content: blocks,
            stopReason: self.stopReason,
            stopSequence: self.stopSequence,
            usage: Usage(
                inputTokens: self.inputTokens ?? InputTokenCount.count(request),
                outputTokens: self.outputTokens ?? blocks.reduce(0) { $0 + $1.tokenCount }
            ),
            rawOutput: request.rawOutput ? RawOutputBuilder.make(request: request, reply: blocks) : nil
        )
    }
}
