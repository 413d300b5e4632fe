import MessagesAPI
import Testing

/// A long text cut into one-token pieces (`x-mock-stream: chunk=tokens:1` on a large request) must be cut in
/// time proportional to its length: each piece used to copy the whole rest of the text, which took minutes
/// for a text of a megabyte (found by fuzzing). The time limit guards against that hang; it measures nothing.
@Suite(.timeLimit(.minutes(1))) struct TextChunkingLongTextTests {
    @Test func tokensOfOne_onAMegabyte() {
        let text = Array(repeating: "word", count: 200_000).joined(separator: " ")
        let pieces = TextChunking.tokens(1).split(text)
        #expect(pieces.count == 200_000)
        #expect(pieces.first == "word")
        #expect(pieces.dropFirst().allSatisfy { $0 == " word" })
    }
}
