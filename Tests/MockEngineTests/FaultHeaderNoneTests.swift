import MessagesAPI
import MockEngine
import Testing

/// `x-mock-fault: none` and `x-mock-stream: none` switch off, for one request, the fault or stream shape that
/// the server (`--fault`, `--stream`) or a script would apply.
@Suite struct FaultHeaderNoneTests {
    let planner: ReplyPlanner = {
        var shape = StreamShape()
        shape.eventDelay = .seconds(1)
        return ReplyPlanner(
            configuration: .init(shape: shape, fault: FaultRule(fault: .httpError(APIError(status: 529, type: .overloaded)))))
    }()

    @Test func serverFault_appliesWithoutTheHeader_andNotWithNone() throws {
        let request = try RequestMaker.user("hi")
        #expect(self.planner.plan(for: request).status == 529)
        let plan = self.planner.plan(for: request, headers: [("x-mock-fault", "none")])
        #expect(plan.status == 200)
        #expect(plan.fault == nil)
        #expect(self.planner.plan(for: request, headers: [("x-mock-fault", " None ")]).status == 200)
    }

    @Test func serverShape_isReplacedByThePlainOneWithNone() throws {
        let request = try RequestMaker.user("hi", stream: true)
        let plain = self.planner.plan(for: request, headers: [("x-mock-fault", "none"), ("x-mock-stream", "none")])
        #expect(plain.shape == StreamShape())
        #expect(self.planner.plan(for: request, headers: [("x-mock-fault", "none")]).shape.eventDelay == .seconds(1))
    }
}
