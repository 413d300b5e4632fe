import MessagesAPI
import Testing

/// The mock's tokenizer: a run of letters and digits is one token per started group of 4; every other visible
/// character is one token; white space is free and belongs to the token after it.
@Suite struct TokenCounterTests {
    @Test(arguments: [
        ("", 0), ("   \n\t", 0), ("\u{00A0}\u{2003}", 0),
        ("Say", 1), ("hello", 2), ("Say hello", 3), ("hello world", 4), ("abcd", 1), ("abcde", 2), ("abcdefgh", 2),
        ("abcdefghi", 3), ("12345678", 2), ("x1 y2", 2), ("a1b2c", 2),
        ("a,b", 3), ("...", 3), ("hello, world!", 6), ("don't", 3), ("e-mail", 3), ("$100", 2),
        ("😀", 1), ("😀😀", 2), ("👍🏽", 2), ("é", 1), ("naïve", 2), ("中文字符", 1), ("中文字符串", 2),
        ("\n\nHi", 1), ("a\u{00A0}b", 2), ("tab\there", 2),
    ])
    func counts(text: String, expected: Int) {
        #expect(TokenCounter.count(text) == expected)
    }

    @Test func whiteSpaceRestartsTheGroupOfFour() {
        // "abc" + "def" are two runs of 3, one token each; "abcdef" is one run of 6, two tokens.
        #expect(TokenCounter.count("abc def") == 2)
        #expect(TokenCounter.count("abcdef") == 2)
        #expect(TokenCounter.count("abcdefg hij") == 3)
        // Punctuation also ends a run.
        #expect(TokenCounter.count("abc.def") == 3)
    }

    @Test(arguments: [
        ("Say hello, world", ["Say", " hell", "o", ",", " worl", "d"]),
        (" a ", [" a"]),
        ("  ", []),
        ("", []),
        ("a  b", ["a", "  b"]),
        ("x\n\ny.", ["x", "\n\ny", "."]),
        ("abcdefghi", ["abcd", "efgh", "i"]),
        ("😀!", ["😀", "!"]),
    ])
    func tokens_carryTheirLeadingWhiteSpace(text: String, expected: [String]) {
        #expect(TokenCounter.tokens(text) == expected)
    }

    @Test(arguments: ["Say hello, world", "The quick brown fox — jumps over 13 lazy dogs!", "中文 text, 😀 and naïve", "  lead", "trail  "])
    func tokens_agreeWithCount(text: String) {
        let tokens = TokenCounter.tokens(text)
        #expect(tokens.count == TokenCounter.count(text))
        // Only trailing white space is dropped.
        var trimmed = Substring(text)
        while let last = trimmed.last, last.isWhitespace { trimmed.removeLast() }
        #expect(tokens.joined() == String(trimmed))
    }

    @Test(arguments: [
        ("one two three", 2, "one two", true),
        ("hello", 1, "hell", true),
        ("hello", 2, "hello", false),
        ("a, b", 2, "a,", true),
        ("short", 10, "short", false),
        ("x y", 0, "", true),
        ("  ", 0, "  ", false),
        ("", 0, "", false),
        ("hello world", 2, "hello", true),
        ("hello world", 3, "hello worl", true),
        ("hello ", 2, "hello ", false),
        ("😀😀", 1, "😀", true),
        ("  lead", 0, "", true),
    ])
    func prefix(text: String, limit: Int, expected: String, truncated: Bool) {
        let result = TokenCounter.prefix(text, tokens: limit)
        #expect(result.text == expected)
        #expect(result.truncated == truncated)
    }

    @Test(arguments: ["Say hello, world", "The quick brown fox jumps over the lazy dog.", "中文 text, 😀 and naïve!"])
    func prefix_everyBoundary(text: String) {
        let total = TokenCounter.count(text)
        for n in 0...total + 1 {
            let (head, truncated) = TokenCounter.prefix(text, tokens: n)
            #expect(truncated == (n < total), "n = \(n)")
            #expect(TokenCounter.count(head) == min(n, total), "n = \(n)")
            #expect(text.hasPrefix(head), "n = \(n)")
            if n < total {
                // The cut is just after the n-th token: it is the first n tokens joined.
                #expect(head == TokenCounter.tokens(text).prefix(n).joined(), "n = \(n)")
            }
        }
    }
}
