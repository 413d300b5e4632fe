/// How a text is cut into stream deltas. Cuts fall between characters, never inside one.
public enum TextChunking: Sendable, Equatable {
    /// Pieces of N characters (the last may be shorter).
    case characters(Int)
    /// Pieces of N of the mock's tokens (see `TokenCounter`).
    case tokens(Int)

    /// The next piece of `rest`, and what is left after it. Used to stream long texts without splitting them
    /// all up front.
    public func nextPiece(of rest: Substring) -> (piece: Substring, rest: Substring) {
        switch self {
        case .characters(let size):
            let end = rest.index(rest.startIndex, offsetBy: max(1, size), limitedBy: rest.endIndex) ?? rest.endIndex
            return (rest[..<end], rest[end...])
        case .tokens(let size):
            let (head, truncated) = TokenCounter.prefix(String(rest), tokens: max(1, size))
            // A piece of only white space would never end; take the rest whole.
            if head.isEmpty || !truncated { return (rest, rest[rest.endIndex...]) }
            let end = rest.index(rest.startIndex, offsetBy: head.count)
            return (rest[..<end], rest[end...])
        }
    }

    public func split(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        switch self {
        case .characters(let size):
            let size = max(1, size)
            var pieces: [String] = []
            var start = text.startIndex
            while start < text.endIndex {
                let end = text.index(start, offsetBy: size, limitedBy: text.endIndex) ?? text.endIndex
                pieces.append(String(text[start..<end]))
                start = end
            }
            return pieces
        case .tokens(let size):
            let size = max(1, size)
            var pieces: [String] = []
            var rest = Substring(text)
            while !rest.isEmpty {
                let (head, truncated) = TokenCounter.prefix(String(rest), tokens: size)
                // A piece of only white space would never end; take the rest whole.
                if head.isEmpty || !truncated {
                    pieces.append(String(rest))
                    break
                }
                pieces.append(head)
                rest = rest.dropFirst(head.count)
            }
            return pieces
        }
    }
}
