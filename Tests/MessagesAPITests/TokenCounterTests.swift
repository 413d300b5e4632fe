import MessagesAPI
import Testing

@Suite struct TokenCounterTests {
    @Test(arguments: [
        ("", 0), ("   \n\t", 0), ("Say", 1), ("hello", 2), ("Say hello", 3), ("hello world", 4), ("abcd", 1),
        ("abcde", 2), ("a,b", 3), ("...", 3), ("😀", 1), ("é", 1), ("12345678", 2), ("x1 y2", 2),
    ])
    func counts(text: String, expected: Int) {
        #expect(TokenCounter.count(text) == expected)
    }

    @Test func prefix_keepsWholeTokens() {
        #expect(TokenCounter.prefix("one two three", tokens: 2) == ("one two", true))
        #expect(TokenCounter.prefix("hello", tokens: 1) == ("hell", true))
        #expect(TokenCounter.prefix("a, b", tokens: 2) == ("a,", true))
        #expect(TokenCounter.prefix("short", tokens: 10) == ("short", false))
        #expect(TokenCounter.prefix("x y", tokens: 0) == ("", true))
        #expect(TokenCounter.prefix("  ", tokens: 0) == ("  ", false))
    }

    @Test func tokens_carryTheirLeadingSpace() {
        #expect(TokenCounter.tokens("Say hello, world") == ["Say", " hell", "o", ",", " worl", "d"])
        #expect(TokenCounter.tokens("Say hello, world").count == TokenCounter.count("Say hello, world"))
        #expect(TokenCounter.tokens(" a ") == [" a"])
    }
}
