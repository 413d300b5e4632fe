import MessagesAPI
import Testing

@Suite struct APIErrorTests {
    @Test func body_isFireworksShape_errorFirstAndNoRequestID() {
        let error = APIError(type: .invalidRequest, message: "1 request validation error: Field required, field: 'model'")
        #expect(
            Wire.text(error.body)
                == #"{"error":{"type":"invalid_request_error","message":"1 request validation error: Field required, field: 'model'"},"type":"error"}"#)
    }

    @Test func body_escapesTheMessage() {
        let error = APIError(type: .rateLimit, message: "Slow \"down\"\\\nnow é")
        #expect(Wire.text(error.body) == #"{"error":{"type":"rate_limit_error","message":"Slow \"down\"\\\nnow é"},"type":"error"}"#)
    }

    @Test(arguments: APIErrorType.allCases)
    func body_forEveryType(type: APIErrorType) {
        #expect(
            Wire.text(APIError(type: type).body)
                == #"{"error":{"type":"\#(type.rawValue)","message":"\#(type.defaultMessage)"},"type":"error"}"#)
    }

    @Test func defaults_comeFromTheType() {
        let error = APIError(type: .overloaded)
        #expect(error.status == 529)
        #expect(error.message == "Overloaded")
        #expect(error.headers.isEmpty)
    }

    @Test func explicitStatusAndHeaders() {
        let error = APIError(status: 503, type: .overloaded, message: "busy", headers: [("retry-after", "2"), ("x-should-retry", "true")])
        #expect(error.status == 503)
        #expect(error.type == .overloaded)
        #expect(error.message == "busy")
        #expect(error.headers.map(\.name) == ["retry-after", "x-should-retry"])
        #expect(error.headers.map(\.value) == ["2", "true"])
        // Headers are not part of the body.
        #expect(Wire.text(error.body) == #"{"error":{"type":"overloaded_error","message":"busy"},"type":"error"}"#)
    }

    @Test func equality_coversStatusTypeMessageAndHeaders() {
        let base = APIError(type: .rateLimit, message: "m", headers: [("retry-after", "1")])
        #expect(base == APIError(status: 429, type: .rateLimit, message: "m", headers: [("retry-after", "1")]))
        #expect(base != APIError(status: 503, type: .rateLimit, message: "m", headers: [("retry-after", "1")]))
        #expect(base != APIError(type: .api, message: "m", headers: [("retry-after", "1")]))
        #expect(base != APIError(type: .rateLimit, message: "n", headers: [("retry-after", "1")]))
        #expect(base != APIError(type: .rateLimit, message: "m", headers: [("retry-after", "2")]))
        #expect(base != APIError(type: .rateLimit, message: "m", headers: [("retry-after-ms", "1")]))
        #expect(base != APIError(type: .rateLimit, message: "m"))
    }

    @Test func knownErrors() {
        #expect(APIError.modelNotFound == APIError(status: 404, type: .notFound, message: "Model not found, inaccessible, and/or not deployed"))
        #expect(
            APIError.missingAPIKey
                == APIError(status: 401, type: .authentication, message: "Missing API key: send it in the x-api-key header or as Authorization: Bearer <key>"))
        #expect(APIError.invalidAPIKey == APIError(status: 401, type: .authentication, message: "The API key you provided is invalid."))
        #expect(
            APIError.requestTooLarge(limit: 33_554_432)
                == APIError(status: 413, type: .requestTooLarge, message: "Request exceeds the maximum allowed number of bytes (33554432)."))
    }

    @Test func modelNotFound_body() {
        #expect(
            Wire.text(APIError.modelNotFound.body)
                == #"{"error":{"type":"not_found_error","message":"Model not found, inaccessible, and/or not deployed"},"type":"error"}"#)
    }
}
