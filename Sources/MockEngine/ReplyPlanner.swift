import MessagesAPI

/// Decides the answer to a validated request. Today that is echo mode; scripts will be consulted first.
public struct ReplyPlanner: Sendable {
    /// Settings that shape every answer.
    public struct Configuration: Sendable {
        /// How streamed text is cut into deltas.
        public var textChunking: TextChunking

        public init(textChunking: TextChunking = .characters(8)) {
            self.textChunking = textChunking
        }
    }

    public var configuration: Configuration

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// The message echo mode answers `request` with, counted and limited.
    public func echoMessage(for request: MessagesRequest, id: String = IDGenerator.messageID()) -> ResponseMessage {
        let source = EchoReply.sourceText(of: request)
        let limited = EchoReply.limit(source, maxTokens: request.maxTokens, stopSequences: request.stopSequences)
        let usage = Usage(
            inputTokens: InputTokenCount.count(request),
            outputTokens: TokenCounter.count(limited.text)
        )
        return ResponseMessage(
            id: id,
            model: request.model,
            content: [.text(limited.text)],
            stopReason: limited.stopReason,
            stopSequence: limited.stopSequence,
            usage: usage
        )
    }

    /// The full plan for a validated request: a JSON message, or its stream.
    public func plan(for request: MessagesRequest) -> ResponsePlan {
        let message = self.echoMessage(for: request)
        if request.stream {
            return .stream(StreamEncoder(textChunking: self.configuration.textChunking).events(for: message))
        }
        // Fireworks reports the prompt size in a header on non-streaming answers only.
        return .json(
            message.encodedBody(),
            headers: [
                ("fireworks-prompt-tokens", String(message.usage.inputTokens)),
                ("fireworks-cached-prompt-tokens", "0"),
            ]
        )
    }

    /// Validates a raw body and plans the answer, errors included.
    public func plan(body: some Collection<UInt8>) -> ResponsePlan {
        switch RequestValidator.validate(body: body) {
        case .success(let request): return self.plan(for: request)
        case .failure(let error): return .error(error)
        }
    }
}
