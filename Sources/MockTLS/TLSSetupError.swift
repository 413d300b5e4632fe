/// Why TLS could not be set up: each case names the file (or flag) and the problem, in one line, so a user
/// sees at once what to fix before anything listens.
public enum TLSSetupError: Error, Equatable, CustomStringConvertible {
    case missing(path: String)
    case unreadable(path: String, reason: String)
    case notPEM(path: String, expected: String)
    case invalidContent(path: String, reason: String)
    case keyDoesNotMatchCertificate(keyPath: String, certificatePath: String)
    case cannotWrite(path: String, reason: String)
    case invalidConfiguration(String)

    public var description: String {
        switch self {
        case .missing(let path):
            return "\(path): no such file"
        case .unreadable(let path, let reason):
            return "\(path): cannot read: \(reason)"
        case .notPEM(let path, let expected):
            return "\(path): not PEM (expected a '-----BEGIN \(expected)-----' block)"
        case .invalidContent(let path, let reason):
            return "\(path): \(reason)"
        case .keyDoesNotMatchCertificate(let keyPath, let certificatePath):
            return "\(keyPath): the private key does not match the certificate in \(certificatePath)"
        case .cannotWrite(let path, let reason):
            return "\(path): cannot write: \(reason)"
        case .invalidConfiguration(let message):
            return message
        }
    }
}
