/// How a text is cut into stream deltas. Cuts fall between characters, never inside one.
public enum TextChunking: Sendable, Equatable {
    /// Pieces of N characters (the last may be shorter).
    case characters(Int)
    /// Pieces of N of the mock's tokens (see `TokenCounter`).
    case tokens(Int)
    /// Pieces of N words, each with the white space that follows it.
    case words(Int)

    /// The next piece of `rest`, and what is left after it. Used to stream long texts without splitting them
    /// all up front.
    public func nextPiece(of rest: Substring) -> (piece: Substring, rest: Substring) {
        switch self {
        case .characters(let size):
            let end = rest.index(rest.startIndex, offsetBy: max(1, size), limitedBy: rest.endIndex) ?? rest.endIndex
            return (rest[..<end], rest[end...])
        case .tokens(let size):
            // The rest is read in place: copying it for every piece made cutting a long text quadratic.
            let (head, truncated) = TokenCounter.prefix(rest, tokens: max(1, size))
            // A piece of only white space would never end; take the rest whole.
            if head.isEmpty || !truncated { return (rest, rest[rest.endIndex...]) }
            let end = rest.index(rest.startIndex, offsetBy: head.count)
            return (rest[..<end], rest[end...])
        case .words(let size):
            var index = rest.startIndex
            var words = 0
            while index < rest.endIndex, words < max(1, size) {
                while index < rest.endIndex, !rest[index].isWhitespace { index = rest.index(after: index) }
                while index < rest.endIndex, rest[index].isWhitespace { index = rest.index(after: index) }
                words += 1
            }
            return (rest[..<index], rest[index...])
        }
    }

    /// All the pieces of `text`, in order.
    public func split(_ text: String) -> [String] {
        var pieces: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            let (piece, after) = self.nextPiece(of: rest)
            pieces.append(String(piece))
            rest = after
        }
        return pieces
    }
}
