import MessagesAPI
import Testing

@Suite struct APIErrorTypeTests {
    @Test(arguments: [
        (APIErrorType.invalidRequest, "invalid_request_error", 400, "Invalid request"),
        (.authentication, "authentication_error", 401, "Authentication error"),
        (.billing, "billing_error", 402, "Billing error"),
        (.permission, "permission_error", 403, "Permission denied"),
        (.notFound, "not_found_error", 404, "Not found"),
        (.requestTooLarge, "request_too_large", 413, "Request too large"),
        (.rateLimit, "rate_limit_error", 429, "Rate limited"),
        (.api, "api_error", 500, "Internal server error"),
        (.timeout, "timeout_error", 504, "Request timeout"),
        (.overloaded, "overloaded_error", 529, "Overloaded"),
    ])
    func type(type: APIErrorType, name: String, status: Int, message: String) {
        #expect(type.rawValue == name)
        #expect(type.defaultStatus == status)
        #expect(type.defaultMessage == message)
        #expect(APIErrorType(rawValue: name) == type)
    }

    @Test func tenTypes() {
        #expect(APIErrorType.allCases.count == 10)
    }

    @Test(arguments: [
        (400, APIErrorType.invalidRequest), (401, .authentication), (402, .billing), (403, .permission),
        (404, .notFound), (405, .invalidRequest), (408, .timeout), (409, .invalidRequest), (412, .invalidRequest),
        (413, .requestTooLarge), (422, .invalidRequest), (429, .rateLimit), (499, .invalidRequest),
        (500, .api), (501, .api), (502, .api), (503, .overloaded), (504, .timeout), (529, .overloaded), (599, .api),
    ])
    func statusMapping(status: Int, type: APIErrorType) {
        #expect(APIErrorType.forStatus(status) == type)
    }

    @Test func everyTypesDefaultStatusMapsBackToIt() {
        for type in APIErrorType.allCases {
            #expect(APIErrorType.forStatus(type.defaultStatus) == type)
        }
    }
}
