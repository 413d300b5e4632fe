import MessagesAPI
import MockEngine
import Testing

/// `--strict`: a request no script answers gets a 404 naming the nearest scripts; otherwise the plan
/// carries the near misses for the journal.
@Suite struct StrictModeTests {
    static let book = ScriptBook(scripts: [
        Script(
            name: "weather", source: "responses/weather.yaml", match: MatchRule(lastUser: .contains("weather")),
            replies: ScriptBookTests.texts("sunny"))
    ])

    @Test func strict_answers404_withTheNearMisses() throws {
        let planner = ReplyPlanner(configuration: .init(strict: true), scripts: Self.book)
        let plan = planner.plan(for: try RequestMaker.user("hello"), headers: [("x-mock-session", "t1")])
        #expect(plan.status == 404)
        #expect(plan.source == .strict)
        #expect(plan.nearMisses.found.map(\.script) == ["weather"])
        guard case .complete(let body) = plan.body else { Issue.record("a JSON body"); return }
        #expect(
            String(decoding: body, as: UTF8.self)
                == #"{"error":{"type":"not_found_error","message":"No script matched this request in session 't1' (strict mode); nearest: 'weather' (responses/weather.yaml): last_user: text does not satisfy contains 'weather'"},"type":"error"}"#
        )
    }

    @Test func strict_withNoScripts_saysSo() throws {
        let planner = ReplyPlanner(configuration: .init(strict: true))
        let plan = planner.plan(for: try RequestMaker.user("hello"))
        guard case .complete(let body) = plan.body else { Issue.record("a JSON body"); return }
        #expect(String(decoding: body, as: UTF8.self).contains("(strict mode); no scripts are loaded"))
    }

    @Test func strict_stillLetsAMatchingScriptAnswer() throws {
        let planner = ReplyPlanner(configuration: .init(strict: true), scripts: Self.book)
        let plan = planner.plan(for: try RequestMaker.user("weather please"))
        #expect(plan.status == 200)
        #expect(plan.script == .init(name: "weather", scope: .global))
    }

    @Test func notStrict_echoes_andReportsNearMissesOnlyWhenAsked() throws {
        let asked = ReplyPlanner(configuration: .init(reportNearMisses: true), scripts: Self.book)
        let request = try RequestMaker.user("hello")
        let plan = asked.plan(for: request)
        #expect(plan.source == .echo)
        // Asked for, they are left to be worked out when read: the request costs nothing more.
        guard case .deferred = plan.nearMisses else { Issue.record("a deferred report"); return }
        #expect(plan.nearMisses.found.isEmpty)
        #expect(plan.nearMisses.resolved { RequestFacts(request: request, headers: []) }.map(\.script) == ["weather"])
        let quiet = ReplyPlanner(scripts: Self.book)
        guard case .none = quiet.plan(for: request).nearMisses else { Issue.record("no report"); return }
    }

    @Test func faultOrigin_isRecorded() throws {
        let planner = ReplyPlanner(configuration: .init(fault: FaultRule(fault: .reset(afterEvents: 2))))
        let server = planner.plan(for: try RequestMaker.user("hi", stream: true))
        #expect(server.fault == .reset(afterEvents: 2))
        #expect(server.faultOrigin == .server)
        let header = planner.plan(for: try RequestMaker.user("hi"), headers: [("x-mock-fault", "error;status=529")])
        #expect(header.status == 529)
        #expect(header.faultOrigin == .header)
    }

    @Test(arguments: [
        "error;status=429;type=rate_limit_error;header.retry-after=2", "mid-stream-error;after=3;type=api_error",
        "cut;after=2;terminator=false", "cut;after-bytes=100;terminator=true", "reset;after=0", "empty",
        "stall;after=1;for=250ms", "stall;after=0", "malformed;kind=bad-chunk-size;at=2", "no-message-delta",
        "duplicate-message-delta", "unknown-index",
    ])
    func faultDescription_readsBackAsTheSameFault(text: String) throws {
        let fault = try FaultSyntax.fault(text).fault
        #expect(fault.description == text)
        #expect(try FaultSyntax.fault(fault.description).fault == fault)
    }
}

extension StrictModeTests {
    @Test func strict_aHeaderFaultStillWins() throws {
        let planner = ReplyPlanner(configuration: .init(strict: true), scripts: Self.book)
        let plan = planner.plan(for: try RequestMaker.user("hello"), headers: [("x-mock-fault", "error;status=529")])
        #expect(plan.status == 529)
        #expect(plan.nearMisses.found.map(\.script) == ["weather"])
    }
}
