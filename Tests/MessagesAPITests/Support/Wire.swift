import MessagesAPI

/// Small helpers that turn bytes into text and requests into validation outcomes.
enum Wire {
    static let model = "accounts/fireworks/models/kimi-k2p5"
    static let hello = #"[{"role":"user","content":"hi"}]"#

    static func text(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// A valid request with `extra` members appended after `model`, `max_tokens` and `messages`.
    static func request(_ extra: String = "", messages: String = hello, maxTokens: Int? = 2000) -> String {
        self.request(extra, messages: messages, maxTokensJSON: maxTokens.map(String.init))
    }

    /// The same, with `max_tokens` written as the given JSON text (`"64"`, `64.0`), or left out when nil.
    static func request(_ extra: String = "", messages: String = hello, maxTokensJSON: String?) -> String {
        var members = [#""model":"\#(model)""#]
        if let maxTokensJSON { members.append(#""max_tokens":\#(maxTokensJSON)"#) }
        members.append(#""messages":\#(messages)"#)
        if !extra.isEmpty { members.append(extra) }
        return "{" + members.joined(separator: ",") + "}"
    }

    static func outcome(_ json: String) -> Result<MessagesRequest, APIError> {
        RequestValidator.validate(body: Array(json.utf8))
    }

    static func error(_ json: String) -> APIError? {
        if case .failure(let error) = self.outcome(json) { return error }
        return nil
    }

    static func message(_ json: String) -> String? {
        self.error(json)?.message
    }

    static func accepted(_ json: String) throws -> MessagesRequest {
        try self.outcome(json).get()
    }

    /// The message of a parse failure, or nil when the text parses.
    static func parseFailure(_ text: String) -> String? {
        self.parseFailure(Array(text.utf8))
    }

    static func parseFailure(_ bytes: [UInt8]) -> String? {
        do {
            _ = try JSONParser.parse(bytes)
            return nil
        } catch {
            return error.message
        }
    }

    static func json(_ text: String) throws -> JSONValue {
        try JSONParser.parse(text)
    }

    static func number(_ text: String) -> JSONValue {
        .number(JSONNumber(text: text))
    }
}

extension Result {
    /// The error of a failed result.
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
