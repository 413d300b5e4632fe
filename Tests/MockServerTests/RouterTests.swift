import MessagesAPI
import MockEngine
import MockServer
import Testing

@Suite struct RouterTests {
    let router = Router(configuration: .init())
    let body = Array(Requests.body("hi").utf8)

    func request(_ method: String, _ path: String, headers: [(String, String)] = [("x-api-key", "k")]) -> RequestContext {
        RequestContext(method: method, path: path, headers: headers.map { (name: $0.0, value: $0.1) }, body: self.body)
    }

    static func errorType(_ plan: ResponsePlan) -> String? {
        guard case .complete(let bytes) = plan.body else { return nil }
        return (try? JSONParser.parse(bytes))?["error"]?["type"]?.stringValue
    }

    @Test(arguments: ["/v1/messages", "/inference/v1/messages"])
    func messages_answersUnderBothPrefixes(path: String) {
        #expect(self.router.respond(to: self.request("POST", path)).status == 200)
    }

    @Test func queryString_isIgnored() {
        #expect(RequestContext.path(ofTarget: "/v1/messages?beta=true") == "/v1/messages")
    }

    @Test(arguments: ["/health", "/inference/health"])
    func health_isOpenWithoutKey(path: String) {
        let plan = self.router.respond(to: self.request("GET", path, headers: []))
        #expect(plan.status == 200)
        guard case .complete(let bytes) = plan.body else { Issue.record("no body"); return }
        #expect(String(decoding: bytes, as: UTF8.self) == #"{"status":"ok"}"#)
    }

    @Test func unknownPath_is404NotFoundError() {
        let plan = self.router.respond(to: self.request("POST", "/v2/messages"))
        #expect(plan.status == 404)
        #expect(Self.errorType(plan) == "not_found_error")
    }

    @Test func wrongMethod_is405WithAllow() {
        let plan = self.router.respond(to: self.request("GET", "/v1/messages"))
        #expect(plan.status == 405)
        #expect(plan.headers.contains { $0.name == "allow" && $0.value == "POST" })
        #expect(Self.errorType(plan) == "invalid_request_error")
    }

    @Test func missingKey_is401() {
        let plan = self.router.respond(to: self.request("POST", "/v1/messages", headers: []))
        #expect(plan.status == 401)
        #expect(Self.errorType(plan) == "authentication_error")
    }

    @Test func emptyBearer_isMissingKey() {
        let plan = self.router.respond(to: self.request("POST", "/v1/messages", headers: [("authorization", "Bearer ")]))
        #expect(plan.status == 401)
    }

    @Test func bearerKey_isAccepted() {
        let plan = self.router.respond(to: self.request("POST", "/v1/messages", headers: [("Authorization", "Bearer k")]))
        #expect(plan.status == 200)
    }

    @Test func configuredKey_rejectsOthers() {
        let strict = Router(configuration: .init(apiKey: "secret"))
        #expect(strict.respond(to: self.request("POST", "/v1/messages", headers: [("x-api-key", "other")])).status == 401)
        #expect(strict.respond(to: self.request("POST", "/v1/messages", headers: [("x-api-key", "secret")])).status == 200)
        #expect(
            strict.respond(to: self.request("POST", "/v1/messages", headers: [("authorization", "Bearer secret")])).status
                == 200)
    }

    @Test func authentication_comesBeforeValidation() {
        var request = self.request("POST", "/v1/messages", headers: [])
        request.body = Array("not json".utf8)
        #expect(self.router.respond(to: request).status == 401)
    }
}
