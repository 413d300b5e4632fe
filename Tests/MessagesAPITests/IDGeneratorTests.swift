import MessagesAPI
import Testing

@Suite struct IDGeneratorTests {
    @Test func shapes() {
        #expect(IDGenerator.messageID().wholeMatch(of: /msg_[0-9A-Za-z]{24}/) != nil)
        #expect(IDGenerator.requestID().wholeMatch(of: /req_[0-9A-Za-z]{24}/) != nil)
        #expect(IDGenerator.toolUseID().wholeMatch(of: /toolu_[0-9A-Za-z]{24}/) != nil)
    }

    @Test func distinct() {
        let ids = Set((0..<1000).map { _ in IDGenerator.messageID() })
        #expect(ids.count == 1000)
    }
}
