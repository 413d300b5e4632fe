/// The `error.type` values of the Anthropic error body, with the HTTP status each one normally travels with.
public enum APIErrorType: String, Sendable, CaseIterable {
    case invalidRequest = "invalid_request_error"
    case authentication = "authentication_error"
    case billing = "billing_error"
    case permission = "permission_error"
    case notFound = "not_found_error"
    case requestTooLarge = "request_too_large"
    case rateLimit = "rate_limit_error"
    case api = "api_error"
    case timeout = "timeout_error"
    case overloaded = "overloaded_error"

    /// The status Anthropic documents for this type.
    public var defaultStatus: Int {
        switch self {
        case .invalidRequest: return 400
        case .authentication: return 401
        case .billing: return 402
        case .permission: return 403
        case .notFound: return 404
        case .requestTooLarge: return 413
        case .rateLimit: return 429
        case .api: return 500
        case .timeout: return 504
        case .overloaded: return 529
        }
    }

    /// The default message of Fireworks' error schema for this type.
    public var defaultMessage: String {
        switch self {
        case .invalidRequest: return "Invalid request"
        case .authentication: return "Authentication error"
        case .billing: return "Billing error"
        case .permission: return "Permission denied"
        case .notFound: return "Not found"
        case .requestTooLarge: return "Request too large"
        case .rateLimit: return "Rate limited"
        case .api: return "Internal server error"
        case .timeout: return "Request timeout"
        case .overloaded: return "Overloaded"
        }
    }

    /// The type Anthropic's convention gives an HTTP status (unlisted 4xx are `invalid_request_error`).
    public static func forStatus(_ status: Int) -> APIErrorType {
        switch status {
        case 401: return .authentication
        case 402: return .billing
        case 403: return .permission
        case 404: return .notFound
        case 413: return .requestTooLarge
        case 429: return .rateLimit
        case 408, 504: return .timeout
        case 503, 529: return .overloaded
        case 500...599: return .api
        default: return .invalidRequest
        }
    }
}
