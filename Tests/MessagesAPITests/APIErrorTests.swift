import MessagesAPI
import Testing

@Suite struct APIErrorTests {
    @Test func body_isFireworksShape() {
        let error = APIError(type: .rateLimit, message: "Slow \"down\"")
        #expect(error.status == 429)
        #expect(String(decoding: error.body, as: UTF8.self) == #"{"error":{"type":"rate_limit_error","message":"Slow \"down\""},"type":"error"}"#)
    }

    @Test func defaults() {
        #expect(APIError(type: .overloaded).message == "Overloaded")
        #expect(APIError(type: .overloaded).status == 529)
        #expect(APIError(status: 503, type: .overloaded).status == 503)
    }

    @Test(arguments: [
        (400, APIErrorType.invalidRequest), (401, .authentication), (402, .billing), (403, .permission),
        (404, .notFound), (405, .invalidRequest), (408, .timeout), (413, .requestTooLarge), (429, .rateLimit),
        (500, .api), (502, .api), (503, .overloaded), (504, .timeout), (529, .overloaded),
    ])
    func statusMapping(status: Int, type: APIErrorType) {
        #expect(APIErrorType.forStatus(status) == type)
    }
}
