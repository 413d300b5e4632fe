import MessagesAPI

/// Echo mode: the reply is the text of the last user message, cut the way a model stops. Deterministic, so a
/// test can predict every byte but the ids.
public enum EchoReply {
    /// Said when the last user turn has no text to echo (only images, say).
    public static let emptyFallback = "(no text in the last user message)"

    /// The text echo mode answers before any limit applies: the last user message's text blocks; failing
    /// that, the text inside its `tool_result` blocks; failing that, `emptyFallback`.
    public static func sourceText(of request: MessagesRequest) -> String {
        guard let last = request.messages.last(where: { $0.role == .user }) else { return self.emptyFallback }
        let text = last.text
        if !text.isEmpty { return text }
        let results = last.content.flatMap { block -> [String] in
            guard case .toolResult(_, let content, _) = block else { return [] }
            return content.compactMap {
                if case .text(let t) = $0 { return t }
                return nil
            }
        }
        let joined = results.joined(separator: "\n")
        return joined.isEmpty ? self.emptyFallback : joined
    }

    /// Applies `stop_sequences` and `max_tokens` to a text as generation would: whichever the model would meet
    /// first wins. A stop sequence wins when it is complete within the first `max_tokens` tokens; among stop
    /// sequences, the one completed first.
    public static func limit(
        _ text: String,
        maxTokens: Int?,
        stopSequences: [String]
    ) -> (text: String, stopReason: StopReason, stopSequence: String?) {
        // Generation stops when a stop sequence is complete: the one whose first match ends earliest wins
        // (on a tie, the one that starts first), and the reply is cut before it.
        // Matching works on Unicode scalars, as the model's text is a sequence of code points: "\n" is found
        // inside "\r\n", and "e" before a combining accent.
        let scalars = text.unicodeScalars
        var cut: (start: String.Index, end: String.Index, sequence: String)?
        for sequence in stopSequences where !sequence.isEmpty {
            guard let range = scalars.firstRange(of: sequence.unicodeScalars) else { continue }
            if let best = cut, (range.upperBound, range.lowerBound) >= (best.end, best.start) { continue }
            cut = (range.lowerBound, range.upperBound, sequence)
        }
        if let cut {
            let through = String(scalars[..<cut.end])
            if maxTokens == nil || TokenCounter.count(through) <= maxTokens! {
                return (String(scalars[..<cut.start]), .stopSequence, cut.sequence)
            }
        }
        if let maxTokens {
            let (prefix, truncated) = TokenCounter.prefix(text, tokens: maxTokens)
            if truncated { return (prefix, .maxTokens, nil) }
        }
        return (text, .endTurn, nil)
    }
}
