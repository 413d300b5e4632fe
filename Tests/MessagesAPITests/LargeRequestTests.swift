import MessagesAPI
import Testing

/// Requests built to make validation slow: many members, repeated members, many messages. Each must be
/// answered in time proportional to its size. The sizes are far below the 32 MiB body limit; work that grew
/// with the square of them took minutes here (found by fuzzing), so the time limit guards against a hang,
/// it does not measure speed.
@Suite(.timeLimit(.minutes(1))) struct LargeRequestTests {
    static let model = "accounts/fireworks/models/kimi-k2p5"

    @Test func manyUnknownMembers_areEachReportedOnce() {
        let count = 60_000
        var body = #"{"model":"\#(Self.model)","max_tokens":5,"messages":[{"role":"user","content":"x"}]"#
        for i in 0..<count { body += #","k\#(i)":\#(i)"# }
        body += "}"
        guard case .failure(let error) = RequestValidator.validate(body: Array(body.utf8)) else {
            Issue.record("a request with unknown members was accepted")
            return
        }
        #expect(error.message.hasPrefix("\(count) request validation errors: Extra inputs are not permitted, field: 'k0', value: 0;"))
        #expect(error.message.hasSuffix("field: 'k\(count - 1)', value: \(count - 1)"))
    }

    @Test func repeatedMembers_andManyMessages_keepTheLastValue() throws {
        let count = 40_000
        let messages = Array(repeating: #"{"role":"user","content":"x"}"#, count: count).joined(separator: ",")
        let repeated = (0..<count).map { #""max_tokens":\#($0 + 1)"# }.joined(separator: ",")
        let body = #"{"messages":[\#(messages)],\#(repeated),"model":"\#(Self.model)"}"#
        let request = try RequestValidator.validate(body: Array(body.utf8)).get()
        #expect(request.messages.count == count)
        #expect(request.maxTokens == count)
    }
}
