import MessagesAPI
import MockEngine
import Testing

/// The admin API as pure calls: routes, methods, token, scripts in each scope with the loader's messages,
/// journal queries and resets.
@Suite struct AdminAPITests {
    let scripts = ScriptBook(scripts: [
        Script(name: "file", source: "responses/a.yaml", replies: ScriptBookTests.texts("from file"))
    ])
    let faults = FaultBook()
    let journal = Journal()

    func api(token: String? = nil) -> AdminAPI {
        AdminAPI(scripts: self.scripts, faults: self.faults, journal: self.journal, token: token)
    }

    func call(
        _ method: String, _ path: String, query: String = "", headers: [(name: String, value: String)] = [],
        body: String = "", token: String? = nil
    ) -> (status: Int, json: JSONValue, headers: [(name: String, value: String)]) {
        let plan = self.api(token: token).respond(
            to: AdminAPI.Call(method: method, path: path, query: query, headers: headers, body: Array(body.utf8)))
        guard case .complete(let bytes) = plan.body, let json = try? JSONParser.parse(bytes) else {
            Issue.record("admin answers are JSON")
            return (plan.status, .null, plan.headers)
        }
        return (plan.status, json, plan.headers)
    }

    static let yaml = """
        name: hi
        match: {last_user: {contains: hello}}
        reply: {content: [{type: text, text: scripted}]}
        """

    @Test func paths_areAdminOnlyUnderThePrefix() {
        #expect(AdminAPI.handles(path: "/_mock"))
        #expect(AdminAPI.handles(path: "/_mock/journal"))
        #expect(!AdminAPI.handles(path: "/_mockery"))
        #expect(!AdminAPI.handles(path: "/inference/v1/messages"))
    }

    @Test func unknownRoute_is404_wrongMethod_is405WithAllow() {
        let missing = self.call("GET", "/_mock/nope")
        #expect(missing.status == 404)
        #expect(missing.json["error"]?["type"] == .string("not_found_error"))
        #expect(missing.json["error"]?["message"]?.stringValue?.hasPrefix("Not found: GET /_mock/nope. Admin routes: GET /_mock,") == true)
        let wrong = self.call("PATCH", "/_mock/scripts")
        #expect(wrong.status == 405)
        #expect(wrong.headers.contains { $0.name == "allow" && $0.value == "GET, POST, DELETE" })
        #expect(self.call("GET", "/_mock/reset").status == 405)
    }

    @Test func token_isRequiredWhenSet_inEitherHeader() {
        let refused = self.call("GET", "/_mock", token: "t0k")
        #expect(refused.status == 401)
        #expect(refused.json["error"]?["type"] == .string("authentication_error"))
        #expect(self.call("GET", "/_mock", headers: [("x-mock-admin-token", "wrong")], token: "t0k").status == 401)
        #expect(self.call("GET", "/_mock", headers: [("X-Mock-Admin-Token", "t0k")], token: "t0k").status == 200)
        #expect(self.call("GET", "/_mock", headers: [("authorization", "Bearer t0k")], token: "t0k").status == 200)
    }

    @Test func postYAML_toASession_addsThere_only() {
        let added = self.call("POST", "/_mock/scripts", headers: [("x-mock-session", "s1")], body: Self.yaml)
        #expect(added.status == 201)
        #expect(added.json["added"] == .array([.string("hi")]))
        #expect(added.json["scope"] == .string("session"))
        #expect(added.json["session"] == .string("s1"))
        let listed = self.call("GET", "/_mock/scripts", query: "session=s1").json["scripts"]?.arrayValue ?? []
        #expect(listed.map { $0["name"] } == [.string("hi"), .string("file")])
        #expect(listed.first?["added_at_run_time"] == .bool(true))
        #expect(self.call("GET", "/_mock/scripts").json["scripts"]?.arrayValue?.count == 1)
    }

    @Test func postJSON_isReadAsJSON_andAConflictIs409() {
        let json = #"{"name":"file","reply":{"content":[{"type":"text","text":"x"}]}}"#
        let conflict = self.call("POST", "/_mock/scripts", headers: [("content-type", "application/json")], body: json)
        #expect(conflict.status == 409)
        #expect(
            conflict.json["error"]?["message"]
                == .string("script name 'file' already used in this scope; PUT /_mock/scripts/{name} replaces a script"))
        #expect(self.call("POST", "/_mock/scripts", query: "session=x", body: json).status == 201)
    }

    @Test func badScripts_getTheLoadersMessages() {
        let bad = self.call("POST", "/_mock/scripts", body: "name: x\nreply: {content: [{type: txt}]}")
        #expect(bad.status == 400)
        #expect(bad.json["error"]?["type"] == .string("invalid_request_error"))
        #expect(
            bad.json["error"]?["message"]
                == .string("request body (YAML): script 'x': reply.content[0].type: unknown block type 'txt' (known: text, thinking, redacted_thinking, tool_use)"))
        let notJSON = self.call("POST", "/_mock/scripts", body: "{nope")
        #expect(notJSON.json["error"]?["message"]?.stringValue?.hasPrefix("request body (JSON): not valid JSON: ") == true)
        #expect(self.call("POST", "/_mock/scripts", body: "").json["error"]?["message"] == .string("the body holds no script"))
    }

    @Test func put_addsThenReplaces_andChecksTheName() {
        #expect(self.call("PUT", "/_mock/scripts/hi", body: Self.yaml).status == 201)
        let replaced = self.call("PUT", "/_mock/scripts/hi", body: Self.yaml)
        #expect(replaced.status == 200)
        #expect(replaced.json["replaced"] == .string("hi"))
        let wrongName = self.call("PUT", "/_mock/scripts/other", body: Self.yaml)
        #expect(wrongName.status == 400)
        #expect(wrongName.json["error"]?["message"] == .string("PUT /_mock/scripts/other takes exactly one script named 'other'; the body has 'hi'"))
    }

    @Test func getAndDelete_oneScript_byEncodedName() {
        _ = self.call("POST", "/_mock/scripts", body: "name: two words\nreply: {content: [{type: text, text: x}]}")
        #expect(self.call("GET", "/_mock/scripts/two%20words").json["scripts"]?.arrayValue?.count == 1)
        #expect(self.call("DELETE", "/_mock/scripts/two%20words").json["deleted"] == .string("two words"))
        let gone = self.call("DELETE", "/_mock/scripts/two%20words")
        #expect(gone.status == 404)
        #expect(gone.json["error"]?["message"] == .string("No script 'two words' among the global scripts"))
    }

    @Test func deleteAll_ofASession_leavesGlobalScripts() {
        _ = self.call("POST", "/_mock/scripts", query: "session=s", body: Self.yaml)
        #expect(self.call("DELETE", "/_mock/scripts", query: "session=s").json["deleted"] == .number(JSONNumber(1)))
        #expect(self.scripts.scripts.map(\.name) == ["file"])
    }

    @Test func reset_ofASession_thenOfEverything() throws {
        _ = self.call("POST", "/_mock/scripts", query: "session=s", body: Self.yaml)
        _ = self.call("DELETE", "/_mock/scripts/file")
        self.journal.record(JournalTests.entry(session: "s"))
        self.journal.record(JournalTests.entry(session: "t"))
        let one = self.call("POST", "/_mock/reset", headers: [("x-mock-session", "s")])
        #expect(one.json["reset"] == .string("session"))
        #expect(one.json["journal_entries_cleared"] == .number(JSONNumber(1)))
        #expect(self.scripts.entries(in: .session("s")).isEmpty)
        #expect(self.scripts.scripts.isEmpty)
        let all = self.call("POST", "/_mock/reset")
        #expect(all.json["reset"] == .string("all"))
        #expect(self.scripts.scripts.map(\.name) == ["file"])
        #expect(self.journal.entries().isEmpty)
        #expect(self.call("POST", "/_mock/reset", query: "sesion=s").status == 400)
    }

    @Test func journal_queries_byQueryOrSessionHeader() {
        self.journal.record(JournalTests.entry(session: "a"))
        self.journal.record(JournalTests.entry(session: "b", status: 400))
        #expect(self.call("GET", "/_mock/journal").json["count"] == .number(JSONNumber(2)))
        #expect(self.call("GET", "/_mock/journal", headers: [("x-mock-session", "b")]).json["count"] == .number(JSONNumber(1)))
        #expect(self.call("GET", "/_mock/journal", query: "status=400").json["entries"]?.arrayValue?.first?["session"] == .string("b"))
        #expect(self.call("GET", "/_mock/journal", query: "status=x").status == 400)
        #expect(self.call("GET", "/_mock/journal/2").json["response"]?["status"] == .number(JSONNumber(400)))
        #expect(self.call("GET", "/_mock/journal/9").status == 404)
        #expect(self.call("DELETE", "/_mock/journal", query: "session=a").json["cleared"] == .number(JSONNumber(1)))
        #expect(self.journal.entries().map(\.session) == ["b"])
    }

    @Test(arguments: [
        ("a=1&b=x%20y", [("a", "1"), ("b", "x y")]), ("session=s%2F1+2", [("session", "s/1 2")]), ("flag&&x=", [("flag", ""), ("x", "")]),
        ("bad=%zz%4", [("bad", "%zz%4")]), ("u=%C3%A9", [("u", "é")]),
    ])
    func queryStrings(text: String, expected: [(String, String)]) {
        let parsed = QueryString.parse(text)
        #expect(parsed.map(\.name) == expected.map(\.0))
        #expect(parsed.map(\.value) == expected.map(\.1))
    }
}
