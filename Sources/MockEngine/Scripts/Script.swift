import MessagesAPI

/// One scripted behaviour: when a request meets `match`, answer with the next of `replies`.
public struct Script: Sendable {
    public var name: String
    /// The file the script came from (or where it was added at run time), for messages.
    public var source: String
    public var match: MatchRule
    public var replies: [ScriptReply]
    public var afterLast: AfterLast
    /// At most this many matches per session; after that the script no longer matches.
    public var times: Int?
    /// Requests this script would answer beyond this rate get 429 (`rate_limit: 5/s`).
    public var rateLimit: RateLimiter?

    public init(
        name: String,
        source: String,
        match: MatchRule = MatchRule(),
        replies: [ScriptReply],
        afterLast: AfterLast = .repeatLast,
        times: Int? = nil
    ) {
        self.name = name
        self.source = source
        self.match = match
        self.replies = replies
        self.afterLast = afterLast
        self.times = times
    }

    /// What happens once every reply has been used.
    public enum AfterLast: String, Sendable, CaseIterable {
        /// The last reply answers every further match (the default).
        case repeatLast = "last"
        /// Start again from the first reply.
        case cycle
        /// The script stops matching; later scripts or echo mode answer.
        case stop
    }

    /// The reply for the script's `count`-th match in a session (0-based), or nil when it no longer matches.
    public func reply(forMatch count: Int) -> ScriptReply? {
        if let times = self.times, count >= times { return nil }
        if count < self.replies.count { return self.replies[count] }
        switch self.afterLast {
        case .repeatLast: return self.replies.last
        case .cycle: return self.replies[count % self.replies.count]
        case .stop: return nil
        }
    }
}

/// What a script answers with.
public enum ScriptReply: Sendable {
    case message(MessageTemplate)
    case error(APIError)
    /// A captured stream replayed byte for byte, one chunk per event as written in the file.
    case raw(RawTranscript)
}

/// A scripted assistant message; text may hold `{{…}}` placeholders filled from the request.
public struct MessageTemplate: Sendable {
    public var content: [BlockTemplate]
    public var stopReason: StopReason
    public var stopSequence: String?
    public var inputTokens: Int?
    public var outputTokens: Int?
    /// A fault and stream shape for this reply (see `FaultSyntax`).
    public var fault: FaultRule?
    public var shape: StreamShape?

    public init(
        content: [BlockTemplate],
        stopReason: StopReason = .endTurn,
        stopSequence: String? = nil,
        inputTokens: Int? = nil,
        outputTokens: Int? = nil
    ) {
        self.content = content
        self.stopReason = stopReason
        self.stopSequence = stopSequence
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
    }
}

/// A scripted content block.
public enum BlockTemplate: Sendable {
    case text(String)
    case thinking(String, signature: String?)
    case redactedThinking(data: String)
    /// `id` nil means a fresh `toolu_…` id per answer; `partialJSON` streams a cut-off input.
    case toolUse(id: String?, name: String, input: JSONValue, partialJSON: String?)
}
