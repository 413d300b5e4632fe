import MessagesAPI
import MockEngine
import Testing

@Suite struct ResponsePlanTests {
    @Test func json_putsTheContentTypeFirst() throws {
        let plan = ResponsePlan.json(Array("{}".utf8), headers: [("x-extra", "1")], source: .admin)
        #expect(plan.status == 200)
        #expect(Plans.headerNames(plan) == ["content-type", "x-extra"])
        #expect(Plans.header(plan, "content-type") == "application/json")
        #expect(try Plans.text(plan) == "{}")
        #expect(plan.source == .admin)
        #expect(plan.shape.isPlain)
        #expect(plan.fault == nil)
    }

    @Test func json_withAStatus() {
        #expect(ResponsePlan.json(status: 201, []).status == 201)
    }

    @Test func error_carriesStatusBodyAndHeaders() throws {
        let error = APIError(type: .rateLimit, message: "slow down", headers: [("retry-after", "2")])
        let plan = ResponsePlan.error(error, source: .script("s"))
        #expect(plan.status == 429)
        #expect(Plans.headerNames(plan) == ["content-type", "retry-after"])
        #expect(Plans.header(plan, "retry-after") == "2")
        #expect(try Plans.bytes(plan) == error.body)
        #expect(plan.source == .script("s"))
    }

    @Test func stream_hasTheSSEHeaders() throws {
        let message = ResponseMessage(id: "m", model: "m", content: [.text("x")], stopReason: .endTurn, usage: .zero)
        let plan = ResponsePlan.stream(StreamEncoder().events(for: message), source: .echo)
        #expect(plan.status == 200)
        #expect(Plans.headerNames(plan) == ["content-type", "cache-control"])
        #expect(Plans.header(plan, "content-type") == "text/event-stream; charset=utf-8")
        #expect(Plans.header(plan, "cache-control") == "no-cache")
        #expect(try Plans.events(plan).count == 7)
    }

    @Test func rawStream_hasTheSameHeadersAndKeepsTheChunks() {
        let chunks: [[UInt8]] = [Array("event: ping\ndata: {}\n\n".utf8), Array("x".utf8)]
        let plan = ResponsePlan.rawStream(chunks)
        #expect(Plans.headerNames(plan) == ["content-type", "cache-control"])
        guard case .rawStream(let sent) = plan.body else {
            Issue.record("not a raw stream")
            return
        }
        #expect(sent == chunks)
    }
}
