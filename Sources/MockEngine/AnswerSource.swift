/// What decided an answer, for the journal and the logs; never sent to the client. Its text is the journal's
/// `source` field.
public enum AnswerSource: Sendable, Equatable, CustomStringConvertible {
    /// The echo reply: no script answered.
    case echo
    /// The script of this name.
    case script(String)
    /// The request failed validation.
    case validation
    /// An HTTP error fault answered in place of the reply.
    case fault
    /// A rate limit (`--rate-limit` or a script's `rate_limit`) refused the request.
    case rateLimit
    /// Strict mode answered a request no script matched.
    case strict
    /// An `x-mock-stream` or `x-mock-fault` header could not be read.
    case header
    /// A missing or wrong API key.
    case authentication
    /// No such route, or a method the route does not allow; or the health check.
    case routing
    /// The admin API.
    case admin
    /// The body was over `--max-body-size`.
    case sizeLimit
    /// The request's head or body did not arrive in time.
    case requestTimeout
    /// The bytes were not HTTP.
    case malformedRequest
    /// The client stopped sending partway through the request; nothing was answered.
    case incompleteRequest
    /// The upstream (`--upstream`) answered, or could not be asked (502).
    case upstream

    public var description: String {
        switch self {
        case .echo: return "echo"
        case .script(let name): return "script '\(name)'"
        case .validation: return "validation"
        case .fault: return "fault"
        case .rateLimit: return "rate limit"
        case .strict: return "strict"
        case .header: return "header"
        case .authentication: return "authentication"
        case .routing: return "routing"
        case .admin: return "admin"
        case .sizeLimit: return "size limit"
        case .requestTimeout: return "request timeout"
        case .malformedRequest: return "malformed request"
        case .incompleteRequest: return "incomplete request"
        case .upstream: return "upstream"
        }
    }
}

/// The answer's kind, for journal filters and reports: what the client got, in one word.
public enum AnswerKind: String, Sendable, CaseIterable {
    /// A script answered (with a message, a transcript or a scripted error).
    case script
    /// The echo reply.
    case echo
    /// The upstream's answer, passed through (errors included).
    case upstream
    /// A script made by `--record` replayed its recorded answer (errors included).
    case recording
    /// An error status from anything else: validation, a fault, a limit, authentication…
    case error
}

/// Where the fault of an answer came from, for the journal's `fault_origin`.
public enum FaultOrigin: String, Sendable, CaseIterable {
    /// The request's `x-mock-fault` header.
    case header
    /// The answering script's reply.
    case script
    /// `--fault`, the server's default.
    case server
}
