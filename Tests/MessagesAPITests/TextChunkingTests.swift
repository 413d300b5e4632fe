import MessagesAPI
import Testing

@Suite struct TextChunkingTests {
    @Test func characters() {
        #expect(TextChunking.characters(3).split("abcdefgh") == ["abc", "def", "gh"])
        #expect(TextChunking.characters(3).split("") == [])
        #expect(TextChunking.characters(0).split("ab") == ["a", "b"])
        // Cuts fall between characters: an emoji with a modifier stays whole.
        #expect(TextChunking.characters(1).split("a👍🏽b") == ["a", "👍🏽", "b"])
    }

    @Test func tokens() {
        #expect(TextChunking.tokens(2).split("one two three") == ["one two", " three"])
        #expect(TextChunking.tokens(1).split("hello") == ["hell", "o"])
    }

    @Test func nextPiece_walksTheWholeText() {
        var rest = Substring("streaming text")
        var pieces: [Substring] = []
        while !rest.isEmpty {
            let (piece, after) = TextChunking.characters(4).nextPiece(of: rest)
            pieces.append(piece)
            rest = after
        }
        #expect(pieces.joined() == "streaming text")
        #expect(pieces.count == 4)
    }
}
