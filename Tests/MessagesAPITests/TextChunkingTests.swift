import MessagesAPI
import Testing

@Suite struct TextChunkingTests {
    @Test func characters() {
        #expect(TextChunking.characters(3).split("abcdefgh") == ["abc", "def", "gh"])
        #expect(TextChunking.characters(3).split("abcdef") == ["abc", "def"])
        #expect(TextChunking.characters(3).split("") == [])
        #expect(TextChunking.characters(100).split("short") == ["short"])
    }

    @Test func characters_sizeBelowOneMeansOne() {
        #expect(TextChunking.characters(0).split("ab") == ["a", "b"])
        #expect(TextChunking.characters(-4).split("ab") == ["a", "b"])
    }

    @Test func characters_neverCutInsideACharacter() {
        #expect(TextChunking.characters(1).split("a👍🏽b") == ["a", "👍🏽", "b"])
        #expect(TextChunking.characters(1).split("e\u{301}x") == ["e\u{301}", "x"])
        #expect(TextChunking.characters(1).split("🇺🇸🇫🇷") == ["🇺🇸", "🇫🇷"])
        #expect(TextChunking.characters(2).split("中文字符串") == ["中文", "字符", "串"])
    }

    @Test func tokens() {
        #expect(TextChunking.tokens(2).split("one two three") == ["one two", " three"])
        #expect(TextChunking.tokens(1).split("hello") == ["hell", "o"])
        #expect(TextChunking.tokens(1).split("a, b") == ["a", ",", " b"])
        #expect(TextChunking.tokens(0).split("ab cd") == ["ab", " cd"])
        #expect(TextChunking.tokens(3).split("") == [])
    }

    @Test func tokens_whiteSpaceIsNeverAPieceOfItsOwn() {
        // Trailing white space stays with the last piece; a text of only white space is one piece.
        #expect(TextChunking.tokens(1).split("a b  ") == ["a", " b  "])
        #expect(TextChunking.tokens(1).split("   ") == ["   "])
    }

    @Test func words() {
        #expect(TextChunking.words(1).split("one two  three") == ["one ", "two  ", "three"])
        #expect(TextChunking.words(2).split("one two  three") == ["one two  ", "three"])
        #expect(TextChunking.words(0).split("a b") == ["a ", "b"])
        #expect(TextChunking.words(1).split("line\nnext") == ["line\n", "next"])
        #expect(TextChunking.words(5).split("") == [])
    }

    @Test(arguments: [TextChunking.characters(4), .characters(1), .tokens(1), .tokens(3), .words(1), .words(2)])
    func piecesAlwaysJoinBackToTheText(chunking: TextChunking) {
        for text in ["streaming text", "  lead and trail  ", "中文 text, 😀👍🏽 naïve!\n\nnext", "x", "e\u{301}e\u{301} ok"] {
            let pieces = chunking.split(text)
            #expect(pieces.joined() == text, "\(chunking) on \(text)")
            #expect(!pieces.contains(""), "\(chunking) on \(text)")
        }
    }

    @Test func nextPiece_returnsThePieceAndTheRest() {
        let (piece, rest) = TextChunking.characters(4).nextPiece(of: "streaming text")
        #expect(piece == "stre")
        #expect(rest == "aming text")
        let (last, none) = TextChunking.characters(4).nextPiece(of: "ab")
        #expect(last == "ab")
        #expect(none.isEmpty)
    }

    @Test func nextPiece_walksTheWholeText() {
        var rest = Substring("streaming text")
        var pieces: [Substring] = []
        while !rest.isEmpty {
            let (piece, after) = TextChunking.characters(4).nextPiece(of: rest)
            pieces.append(piece)
            rest = after
        }
        #expect(pieces == ["stre", "amin", "g te", "xt"])
    }

    @Test func nextPiece_worksOnASliceInTheMiddleOfAString() {
        let text = "0123456789"
        let slice = text.dropFirst(3)
        let (piece, rest) = TextChunking.tokens(1).nextPiece(of: slice)
        #expect(piece == "3456")
        #expect(rest == "789")
    }

    @Test func equality() {
        #expect(TextChunking.characters(8) == .characters(8))
        #expect(TextChunking.characters(8) != .characters(4))
        #expect(TextChunking.characters(8) != .tokens(8))
        #expect(TextChunking.words(2) != .tokens(2))
    }
}
