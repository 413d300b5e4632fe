import MessagesAPI
import Testing

@Suite struct IDGeneratorTests {
    /// Returns the given values in turn, then repeats the last; counts how often it was asked.
    struct Scripted: RandomNumberGenerator {
        var values: [UInt64]
        var calls = 0

        mutating func next() -> UInt64 {
            defer { self.calls += 1 }
            return self.values[min(self.calls, self.values.count - 1)]
        }
    }

    @Test func shapes() {
        #expect(IDGenerator.messageID().wholeMatch(of: /msg_[0-9A-Za-z]{24}/) != nil)
        #expect(IDGenerator.requestID().wholeMatch(of: /req_[0-9A-Za-z]{24}/) != nil)
        #expect(IDGenerator.toolUseID().wholeMatch(of: /toolu_[0-9A-Za-z]{24}/) != nil)
        #expect(IDGenerator.make(prefix: "x_", length: 5).wholeMatch(of: /x_[0-9A-Za-z]{5}/) != nil)
    }

    @Test func distinct() {
        let ids = Set((0..<10_000).map { _ in IDGenerator.messageID() })
        #expect(ids.count == 10_000)
    }

    @Test func everyCharacterOfTheAlphabetShowsUp() {
        let characters = Set((0..<200).flatMap { _ in IDGenerator.messageID().dropFirst(4) })
        #expect(characters == Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"))
    }

    @Test func base62Digits_leastSignificantFirst() {
        var zero = Scripted(values: [0])
        #expect(IDGenerator.make(prefix: "p_", length: 24, using: &zero) == "p_" + String(repeating: "0", count: 24))
        var sixtyOne = Scripted(values: [61])
        #expect(IDGenerator.make(prefix: "", length: 24, using: &sixtyOne) == "z000000000z000000000z000")
        var sixtyTwo = Scripted(values: [62])
        #expect(IDGenerator.make(prefix: "", length: 10, using: &sixtyTwo) == "0100000000")
        var mixed = Scripted(values: [10 + 36 * 62])
        #expect(IDGenerator.make(prefix: "", length: 3, using: &mixed) == "Aa0")
    }

    @Test func oneRandomValuePerTenCharacters() {
        var generator = Scripted(values: [1, 2, 3])
        #expect(IDGenerator.make(prefix: "", length: 21, using: &generator) == "1000000000" + "2000000000" + "3")
        #expect(generator.calls == 3)
        var none = Scripted(values: [5])
        #expect(IDGenerator.make(prefix: "msg_", length: 0, using: &none) == "msg_")
        #expect(none.calls == 0)
    }
}
