import MessagesAPI
import MockEngine
import Testing

/// The journal: a bounded ring, bodies cut with a marker, filters, clearing, and its JSON form.
@Suite struct JournalTests {
    static func entry(
        session: String = "", path: String = "/v1/messages", status: Int = 200, body: String = "{}",
        script: String? = nil
    ) -> JournalEntry {
        var entry = JournalEntry(
            epochMicroseconds: 1_795_600_000_123_456, requestID: "req_1", session: session, method: "POST", path: path,
            query: "", headers: [("X-Api-Key", "k"), ("accept", "a"), ("Accept", "b")], body: Array(body.utf8),
            status: status, responseHeaders: [("content-type", "application/json")], source: script.map { .script($0) } ?? .echo)
        entry.script = script.map { .init(name: $0, scope: .global) }
        return entry
    }

    @Test func ring_keepsTheNewest_andIdsKeepCounting() {
        let journal = Journal(capacity: 3)
        for i in 1...5 { journal.record(Self.entry(session: "s\(i)")) }
        #expect(journal.entries().map(\.id) == [3, 4, 5])
        #expect(journal.entries().map(\.session) == ["s3", "s4", "s5"])
        #expect(journal.counts == (held: 3, recorded: 5))
        journal.clear()
        #expect(journal.record(Self.entry()) == 6)
        #expect(journal.entry(id: 6)?.id == 6)
        #expect(journal.entry(id: 5) == nil)
    }

    @Test func capacityZero_recordsNothing() {
        let journal = Journal(capacity: 0)
        #expect(!journal.isEnabled)
        #expect(journal.record(Self.entry()) == 0)
        #expect(journal.entries().isEmpty)
    }

    @Test func bodies_areCutToTheLimit_withAMarkerInJSON() throws {
        let journal = Journal(capacity: 2, bodyLimit: 4)
        journal.record(Self.entry(body: #"{"a":1}"#))
        let entry = try #require(journal.entries().first)
        #expect(entry.body == Array(#"{"a""#.utf8))
        #expect(entry.bodySize == 7)
        let json = try Self.json(entry, journal)
        #expect(json["body"] == .string(#"{"a"…[truncated: 4 of 7 bytes kept]"#))
        #expect(json["body_bytes"] == .number(JSONNumber(7)))
        #expect(json["body_truncated"] == .bool(true))
        #expect(json["request"] == .null)
    }

    @Test func filters_eachCondition_andLimitKeepsTheNewest() {
        let journal = Journal()
        journal.record(Self.entry(session: "a", script: "weather"))
        journal.record(Self.entry(session: "b", status: 400))
        journal.record(Self.entry(session: "a", path: "/nope", status: 404))
        journal.record(Self.entry(session: "a"))
        func ids(_ filter: JournalFilter) -> [Int] { journal.entries(matching: filter).map(\.id) }
        #expect(ids(JournalFilter(session: "a")) == [1, 3, 4])
        #expect(ids(JournalFilter(path: "/nope")) == [3])
        #expect(ids(JournalFilter(status: 400)) == [2])
        #expect(ids(JournalFilter(script: "weather")) == [1])
        #expect(ids(JournalFilter(answer: .echo)) == [4])
        #expect(ids(JournalFilter(answer: .error)) == [2, 3])
        #expect(ids(JournalFilter(since: 2)) == [3, 4])
        #expect(ids(JournalFilter(session: "a", limit: 2)) == [3, 4])
        #expect(ids(JournalFilter(method: "GET")).isEmpty)
        var byID = JournalFilter()
        byID.requestID = "req_1"
        #expect(ids(byID) == [1, 2, 3, 4])
        byID.requestID = "req_2"
        #expect(ids(byID).isEmpty)
    }

    @Test func clear_ofOneSession_keepsTheRestInOrder() {
        let journal = Journal(capacity: 3)
        for session in ["a", "b", "a", "b", "c"] { journal.record(Self.entry(session: session)) }
        #expect(journal.clear(session: "b") == 1)
        #expect(journal.entries().map(\.id) == [3, 5])
        journal.record(Self.entry(session: "d"))
        journal.record(Self.entry(session: "e"))
        #expect(journal.entries().map(\.session) == ["c", "d", "e"])
    }

    @Test func filterParsing_refusesUnknownAndBadValues() throws {
        #expect(try JournalFilter.parse([("session", "x"), ("status", "200"), ("method", "post")]).get() == JournalFilter(session: "x", method: "POST", status: 200))
        #expect(throws: QueryProblem("status: must be a whole number ≥ 0, not 'ok'")) { try JournalFilter.parse([("status", "ok")]).get() }
        #expect(throws: QueryProblem("answer: must be script, echo or error, not 'x'")) { try JournalFilter.parse([("answer", "x")]).get() }
        #expect(throws: QueryProblem("unknown query parameter 'sesion' (known: session, method, path, status, script, answer, since, limit, request_id)")) {
            try JournalFilter.parse([("sesion", "x")]).get()
        }
    }

    @Test func json_showsRequestParsed_headersByName_writesAndEnding() throws {
        let journal = Journal()
        var entry = Self.entry(body: #"{"model":"m"}"#, script: "weather")
        entry.writes = [
            JournalWrite(offset: .microseconds(1500), bytes: 300, events: ["message_start"]),
            JournalWrite(offset: .milliseconds(12), bytes: 40, events: ["ping", "content_block_start"]),
        ]
        entry.fault = .reset(afterEvents: 2)
        entry.faultOrigin = .header
        entry.ending = .reset
        entry.duration = .microseconds(12_345)
        entry.nearMissReport = .found([NearMiss(script: "x", scope: .session("a"), source: "admin", reasons: ["turn: wanted 2, request is turn 1"])])
        journal.record(entry)
        let json = try Self.json(try #require(journal.entries().first), journal)
        #expect(json["time"] == .string("2026-11-25T09:46:40.123456Z"))
        #expect(json["request"]?["model"] == .string("m"))
        #expect(json["headers"]?["x-api-key"] == .string("k"))
        #expect(json["headers"]?["accept"] == .string("a, b"))
        #expect(json["answer"]?["kind"] == .string("script"))
        #expect(json["answer"]?["script"] == .string("weather"))
        #expect(json["fault"] == .string("reset;after=2"))
        #expect(json["fault_origin"] == .string("header"))
        #expect(json["connection"] == .string("reset"))
        #expect(json["duration_ms"] == .number(JSONNumber(text: "12.345")))
        #expect(json["near_misses"]?.arrayValue?.first?["failed"] == .array([.string("turn: wanted 2, request is turn 1")]))
        #expect(json["near_misses"]?.arrayValue?.first?["scope"] == .string("session"))
        let response = try #require(json["response"])
        #expect(response["events"] == .array([.string("message_start"), .string("ping"), .string("content_block_start")]))
        #expect(response["bytes"] == .number(JSONNumber(340)))
        #expect(response["writes"]?.arrayValue?[0]["at_ms"] == .number(JSONNumber(text: "1.500")))
    }

    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000000Z"), (951_782_400_000_001, "2000-02-29T00:00:00.000001Z"),
        (4_107_542_399_999_999, "2100-02-28T23:59:59.999999Z"), (1_795_599_482_000_000, "2026-11-25T09:38:02.000000Z"),
    ])
    func timestamps(micros: Int64, text: String) throws {
        var entry = Self.entry()
        entry.epochMicroseconds = micros
        let journal = Journal()
        journal.record(entry)
        #expect(try Self.json(try #require(journal.entries().first), journal)["time"] == .string(text))
    }

    static func json(_ entry: JournalEntry, _ journal: Journal) throws -> JSONValue {
        var writer = JSONWriter()
        entry.write(to: &writer, bodyLimit: journal.bodyLimit)
        return try JSONParser.parse(writer.bytes)
    }
}
