import MessagesAPI

/// Decides the answer to a request: the first script that matches it, else echo mode.
public struct ReplyPlanner: Sendable {
    /// Settings that shape every answer.
    public struct Configuration: Sendable {
        /// How streamed text and thinking are cut into deltas.
        public var textChunking: TextChunking

        public init(textChunking: TextChunking = .characters(8)) {
            self.textChunking = textChunking
        }
    }

    public var configuration: Configuration
    public var scripts: ScriptBook

    public init(configuration: Configuration = Configuration(), scripts: ScriptBook = ScriptBook()) {
        self.configuration = configuration
        self.scripts = scripts
    }

    /// Validates a raw body and plans the answer, errors included.
    public func plan(body: some Collection<UInt8>, headers: [(name: String, value: String)] = []) -> ResponsePlan {
        switch RequestValidator.validate(body: body) {
        case .success(let request): return self.plan(for: request, headers: headers)
        case .failure(let error): return .error(error, source: "validation")
        }
    }

    /// The plan for a validated request.
    public func plan(for request: MessagesRequest, headers: [(name: String, value: String)] = []) -> ResponsePlan {
        let facts = RequestFacts(request: request, headers: headers)
        let session = facts.headers[ScriptBook.sessionHeader] ?? ""
        guard let (script, reply) = self.scripts.answer(for: facts, session: session) else {
            return self.plan(self.echoMessage(for: request), for: request, source: "echo")
        }
        let source = "script '\(script.name)'"
        switch reply {
        case .message(let template):
            let message = template.render(for: request, facts: facts, session: session)
            return self.plan(message, for: request, source: source)
        case .error(let error):
            return .error(error, source: source)
        case .raw(let transcript):
            return .rawStream(transcript.chunks, source: source)
        }
    }

    /// A message as a JSON answer, or as its stream when the request asked for one.
    func plan(_ message: ResponseMessage, for request: MessagesRequest, source: String) -> ResponsePlan {
        if request.stream {
            return .stream(StreamEncoder(textChunking: self.configuration.textChunking).events(for: message), source: source)
        }
        // Fireworks reports the prompt size in headers on non-streaming answers only.
        return .json(
            message.encodedBody(),
            headers: [
                ("fireworks-prompt-tokens", String(message.usage.inputTokens)),
                ("fireworks-cached-prompt-tokens", "0"),
            ],
            source: source
        )
    }

    /// The message echo mode answers `request` with: a thinking block first when thinking is enabled, then
    /// the echoed text, cut by `stop_sequences` and by what is left of `max_tokens`.
    public func echoMessage(for request: MessagesRequest, id: String = IDGenerator.messageID()) -> ResponseMessage {
        let source = EchoReply.sourceText(of: request)
        var blocks: [OutputBlock] = []
        var budget = request.maxTokens
        if case .enabled = request.thinking {
            let thinking = EchoThinking.text(echoing: source)
            blocks.append(.thinking(thinking: thinking, signature: EchoThinking.signature(for: thinking)))
            budget = budget.map { max(0, $0 - TokenCounter.count(thinking)) }
        }
        let limited = EchoReply.limit(source, maxTokens: budget, stopSequences: request.stopSequences)
        blocks.append(.text(limited.text))
        return ResponseMessage(
            id: id,
            model: request.model,
            content: blocks,
            stopReason: limited.stopReason,
            stopSequence: limited.stopSequence,
            usage: Usage(
                inputTokens: InputTokenCount.count(request),
                outputTokens: blocks.reduce(0) { $0 + $1.tokenCount }
            ),
            rawOutput: request.rawOutput ? RawOutputBuilder.make(request: request, reply: blocks) : nil
        )
    }
}
