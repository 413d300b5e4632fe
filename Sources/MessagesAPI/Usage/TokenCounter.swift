/// The mock's own deterministic tokenizer. It is not any model's tokenizer; it is simple enough to predict
/// by hand, which is what a test needs:
///
/// - a run of letters and digits is one token per started group of 4 characters (`hello` → `hell`,`o`);
/// - every other visible character (punctuation, symbols, emoji scalars) is one token;
/// - white space is free: it belongs to the token that follows it.
///
/// Truncating a text to N tokens keeps everything up to the end of the Nth token.
public enum TokenCounter {
    private enum Kind {
        case space
        case word
        case symbol
    }

    private static func kind(_ scalar: Unicode.Scalar) -> Kind {
        // ASCII first: it is most text, and Unicode property lookups are comparatively slow.
        if scalar.value < 0x80 {
            switch UInt8(scalar.value) {
            case 0x09...0x0D, 0x20: return .space
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return .word
            default: return .symbol
            }
        }
        if scalar.properties.isWhitespace { return .space }
        if scalar.properties.isAlphabetic || scalar.properties.numericType != nil { return .word }
        return .symbol
    }

    /// Number of tokens in `text`.
    public static func count(_ text: String) -> Int {
        var tokens = 0
        var wordRun = 0
        for scalar in text.unicodeScalars {
            switch self.kind(scalar) {
            case .space:
                wordRun = 0
            case .symbol:
                wordRun = 0
                tokens += 1
            case .word:
                if wordRun % 4 == 0 { tokens += 1 }
                wordRun += 1
            }
        }
        return tokens
    }

    /// The tokens of `text`, each with the white space before it (trailing white space is dropped).
    public static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        var hasContent = false
        var wordRun = 0
        for scalar in text.unicodeScalars {
            let kind = self.kind(scalar)
            let startsToken = kind == .symbol || (kind == .word && wordRun % 4 == 0)
            if startsToken && hasContent {
                tokens.append(String(current))
                current = String.UnicodeScalarView()
                hasContent = false
            }
            switch kind {
            case .space: wordRun = 0
            case .symbol: wordRun = 0
            case .word: wordRun += 1
            }
            if kind == .space && hasContent {
                // White space belongs to the next token: close the current one first.
                tokens.append(String(current))
                current = String.UnicodeScalarView()
                hasContent = false
            }
            current.append(scalar)
            if kind != .space { hasContent = true }
        }
        if hasContent { tokens.append(String(current)) }
        return tokens
    }

    /// The longest prefix of `text` holding at most `limit` tokens, and whether anything was cut.
    public static func prefix(_ text: String, tokens limit: Int) -> (text: String, truncated: Bool) {
        self.prefix(Substring(text), tokens: limit)
    }

    /// The longest prefix of `text` holding at most `limit` tokens, and whether anything was cut. Reads only
    /// as far as the prefix goes, so cutting a long text piece by piece stays linear.
    public static func prefix(_ text: Substring, tokens limit: Int) -> (text: String, truncated: Bool) {
        var tokens = 0
        var wordRun = 0
        var end = text.unicodeScalars.startIndex
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            switch self.kind(scalar) {
            case .space:
                wordRun = 0
            case .symbol:
                wordRun = 0
                if tokens == limit { return (String(scalars[..<end]), true) }
                tokens += 1
            case .word:
                if wordRun % 4 == 0 {
                    if tokens == limit { return (String(scalars[..<end]), true) }
                    tokens += 1
                }
                wordRun += 1
            }
            index = scalars.index(after: index)
            if self.kind(scalar) != .space { end = index }
        }
        return (String(text), false)
    }
}
