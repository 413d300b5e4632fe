import MockEngine

/// Pure HTTP/1.x serialization: the status line and headers, and chunk framing. The server writes these
/// bytes itself (no response encoder in the pipeline) so that every byte on the wire is under its control.
public enum HTTPWire {
    /// `HTTP/1.1 200 OK\r\n` + `name: value\r\n`… + `\r\n`.
    public static func head(status: Int, headers: [(name: String, value: String)], version: HTTPVersionKind) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(160 + headers.count * 32)
        out.append(contentsOf: version.text.utf8)
        out.append(UInt8(ascii: " "))
        out.append(contentsOf: String(status).utf8)
        out.append(UInt8(ascii: " "))
        out.append(contentsOf: self.reasonPhrase(status).utf8)
        out.append(contentsOf: [0x0D, 0x0A])
        for header in headers {
            out.append(contentsOf: header.name.utf8)
            out.append(contentsOf: [UInt8(ascii: ":"), UInt8(ascii: " ")])
            out.append(contentsOf: header.value.utf8)
            out.append(contentsOf: [0x0D, 0x0A])
        }
        out.append(contentsOf: [0x0D, 0x0A])
        return out
    }

    /// One chunk of a chunked body: size in hex, CRLF, payload, CRLF.
    public static func chunk(_ payload: [UInt8]) -> [UInt8] {
        var out = Array(String(payload.count, radix: 16).utf8)
        out.reserveCapacity(out.count + payload.count + 4)
        out.append(contentsOf: [0x0D, 0x0A])
        out.append(contentsOf: payload)
        out.append(contentsOf: [0x0D, 0x0A])
        return out
    }

    /// The last chunk of a chunked body, with no trailers.
    public static let lastChunk: [UInt8] = Array("0\r\n\r\n".utf8)

    public static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 100: return "Continue"
        case 200: return "OK"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 402: return "Payment Required"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 408: return "Request Timeout"
        case 409: return "Conflict"
        case 412: return "Precondition Failed"
        case 413: return "Payload Too Large"
        case 422: return "Unprocessable Entity"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        case 529: return "Site Overloaded"
        default: return "Status \(status)"
        }
    }
}

/// The protocol version of a request, which decides framing: HTTP/1.0 gets no chunked encoding.
public enum HTTPVersionKind: Sendable, Equatable {
    case http10
    case http11

    var text: String {
        switch self {
        case .http10: return "HTTP/1.0"
        case .http11: return "HTTP/1.1"
        }
    }
}
