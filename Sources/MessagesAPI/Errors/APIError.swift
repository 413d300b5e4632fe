/// An error answer: HTTP status, Anthropic error type and message, and any extra headers it carries.
public struct APIError: Error, Sendable, Equatable {
    public var status: Int
    public var type: APIErrorType
    public var message: String
    public var headers: [(name: String, value: String)]

    public init(status: Int? = nil, type: APIErrorType, message: String? = nil, headers: [(String, String)] = []) {
        self.status = status ?? type.defaultStatus
        self.type = type
        self.message = message ?? type.defaultMessage
        self.headers = headers.map { (name: $0.0, value: $0.1) }
    }

    /// The body Fireworks' Anthropic endpoint has been observed to send: `error` first, then `type`, and no
    /// `request_id` key (the id travels in the `request-id` header).
    public var body: [UInt8] {
        var writer = JSONWriter(reservingCapacity: 96 + self.message.utf8.count)
        writer.beginObject()
        self.writeErrorMember(into: &writer)
        writer.key("type")
        writer.string("error")
        writer.endObject()
        return writer.bytes
    }

    /// The data of an `event: error` in a stream, as the Anthropic stream sends it: `type` first, then `error`.
    public var eventData: [UInt8] {
        var writer = JSONWriter(reservingCapacity: 96 + self.message.utf8.count)
        writer.beginObject()
        writer.key("type")
        writer.string("error")
        self.writeErrorMember(into: &writer)
        writer.endObject()
        return writer.bytes
    }

    /// `"error":{"type":…,"message":…}`, the part both shapes share.
    private func writeErrorMember(into writer: inout JSONWriter) {
        writer.key("error")
        writer.beginObject()
        writer.key("type")
        writer.string(self.type.rawValue)
        writer.key("message")
        writer.string(self.message)
        writer.endObject()
    }

    public static func == (lhs: APIError, rhs: APIError) -> Bool {
        lhs.status == rhs.status && lhs.type == rhs.type && lhs.message == rhs.message
            && lhs.headers.map(\.name) == rhs.headers.map(\.name) && lhs.headers.map(\.value) == rhs.headers.map(\.value)
    }
}

extension APIError {
    public static let modelNotFound = APIError(
        type: .notFound,
        message: "Model not found, inaccessible, and/or not deployed"
    )

    public static let missingAPIKey = APIError(
        type: .authentication,
        message: "Missing API key: send it in the x-api-key header or as Authorization: Bearer <key>"
    )

    public static let invalidAPIKey = APIError(
        type: .authentication,
        message: "The API key you provided is invalid."
    )

    public static func requestTooLarge(limit: Int) -> APIError {
        APIError(
            type: .requestTooLarge,
            message: "Request exceeds the maximum allowed number of bytes (\(limit))."
        )
    }
}
