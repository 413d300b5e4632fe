import MessagesAPI
import MockEngine
import Testing

/// Order, sequences, `after_last`, `times`, and sessions kept apart.
@Suite struct ScriptBookTests {
    static func texts(_ replies: String...) -> [ScriptReply] {
        replies.map { .message(MessageTemplate(content: [.text($0)])) }
    }

    static func text(_ answer: (script: Script, reply: ScriptReply)?) -> String? {
        guard case .message(let template)? = answer?.reply, case .text(let text) = template.content[0] else { return nil }
        return text
    }

    let facts: RequestFacts

    init() throws {
        self.facts = RequestFacts(request: try RequestMaker.user("hello"), headers: [])
    }

    @Test func firstMatchingScript_wins() {
        let book = ScriptBook(scripts: [
            Script(name: "no", source: "t", match: MatchRule(turn: 5), replies: Self.texts("no")),
            Script(name: "first", source: "t", replies: Self.texts("first")),
            Script(name: "second", source: "t", replies: Self.texts("second")),
        ])
        #expect(Self.text(book.answer(for: self.facts, session: "")) == "first")
    }

    @Test func sequence_repeatsLastByDefault() {
        let book = ScriptBook(scripts: [Script(name: "s", source: "t", replies: Self.texts("1", "2"))])
        let answers = (0..<4).map { _ in Self.text(book.answer(for: self.facts, session: "")) }
        #expect(answers == ["1", "2", "2", "2"])
    }

    @Test func sequence_cycle() {
        let book = ScriptBook(scripts: [Script(name: "s", source: "t", replies: Self.texts("1", "2"), afterLast: .cycle)])
        let answers = (0..<5).map { _ in Self.text(book.answer(for: self.facts, session: "")) }
        #expect(answers == ["1", "2", "1", "2", "1"])
    }

    @Test func sequence_stopFallsThrough() {
        let book = ScriptBook(scripts: [
            Script(name: "s", source: "t", replies: Self.texts("1", "2"), afterLast: .stop),
            Script(name: "fallback", source: "t", replies: Self.texts("f")),
        ])
        let answers = (0..<4).map { _ in Self.text(book.answer(for: self.facts, session: "")) }
        #expect(answers == ["1", "2", "f", "f"])
    }

    @Test func times_limitsMatchesThenFallsThrough() {
        let book = ScriptBook(scripts: [Script(name: "s", source: "t", replies: Self.texts("x"), times: 2)])
        let answers = (0..<3).map { _ in Self.text(book.answer(for: self.facts, session: "")) }
        #expect(answers == ["x", "x", nil])
    }

    @Test func sessions_haveIndependentSequences() {
        let book = ScriptBook(scripts: [Script(name: "s", source: "t", replies: Self.texts("1", "2", "3"))])
        #expect(Self.text(book.answer(for: self.facts, session: "a")) == "1")
        #expect(Self.text(book.answer(for: self.facts, session: "a")) == "2")
        #expect(Self.text(book.answer(for: self.facts, session: "b")) == "1")
        #expect(Self.text(book.answer(for: self.facts, session: "")) == "1")
        #expect(Self.text(book.answer(for: self.facts, session: "a")) == "3")
        book.resetCounts(session: "a")
        #expect(Self.text(book.answer(for: self.facts, session: "a")) == "1")
        #expect(Self.text(book.answer(for: self.facts, session: "b")) == "2")
        book.resetCounts()
        #expect(Self.text(book.answer(for: self.facts, session: "b")) == "1")
    }

    @Test func concurrentSessions_doNotInterfere() async {
        let book = ScriptBook(scripts: [Script(name: "s", source: "t", replies: Self.texts("1", "2", "3", "4"))])
        let facts = self.facts
        let results = await withTaskGroup(of: [String?].self) { group in
            for session in 0..<20 {
                group.addTask { (0..<4).map { _ in Self.text(book.answer(for: facts, session: "s\(session)")) } }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 20)
        #expect(results.allSatisfy { $0 == ["1", "2", "3", "4"] })
    }

    @Test func rawTranscript_splitsAfterBlankLinesKeepingBytes() {
        let bytes = Array("event: a\ndata: 1\n\n: note\n\nevent: b\r\ndata: 2\r\n\r\ntail".utf8)
        let transcript = RawTranscript(file: "x.sse", bytes: bytes)
        #expect(transcript.chunks.map { String(decoding: $0, as: UTF8.self) } == ["event: a\ndata: 1\n\n", ": note\n\n", "event: b\r\ndata: 2\r\n\r\n", "tail"])
        #expect(transcript.chunks.flatMap { $0 } == bytes)
    }
}
