import MessagesAPI
import Testing

/// Header lookup by name in any case, and the Bearer token of `authorization`.
@Suite struct HeaderFieldsTests {
    static func headers(_ pairs: (String, String)...) -> [(name: String, value: String)] {
        pairs.map { (name: $0.0, value: $0.1) }
    }

    @Test func firstValue_matchesTheNameInAnyCase_andTakesTheFirst() {
        let headers = Self.headers(("Content-Type", "a"), ("X-API-Key", "k1"), ("x-api-key", "k2"), ("x-api-keys", "no"))
        #expect(headers.firstValue(named: "x-api-key") == "k1")
        #expect(headers.firstValue(named: "content-type") == "a")
        #expect(headers.firstValue(named: "x-api") == nil)
        #expect(headers.firstValue(named: "authorization") == nil)
        #expect(Self.headers().firstValue(named: "x-api-key") == nil)
        // Only letters fold: a name that differs in another byte is another name.
        #expect(Self.headers(("x_api_key", "k")).firstValue(named: "x-api-key") == nil)
        #expect(Self.headers(("X-Mock-Fault@", "k")).firstValue(named: "x-mock-fault`") == nil)
    }

    @Test func bearerToken_isTheTrimmedTokenOfTheFirstAuthorization() {
        #expect(Self.headers(("Authorization", "Bearer sk-1")).bearerToken == "sk-1")
        #expect(Self.headers(("authorization", "bearer   sk-2  ")).bearerToken == "sk-2")
        #expect(Self.headers(("authorization", "BEARER sk-3")).bearerToken == "sk-3")
        #expect(Self.headers(("authorization", "Basic dXNlcg=="), ("authorization", "Bearer later")).bearerToken == nil)
        #expect(Self.headers(("authorization", "Bearer")).bearerToken == nil)
        #expect(Self.headers(("x-api-key", "Bearer k")).bearerToken == nil)
    }
}
