import MockEngine
import MockServer

/// The connection bounds after flags, environment variables and defaults are combined (flag > env > default).
public struct ConnectionSettings: Sendable, Equatable {
    public var timeouts: RequestTimeouts
    public var maximumConnections: Int
    /// nil keeps idle sessions for ever.
    public var sessionTTL: Duration?

    public static let defaultSessionTTL: Duration = .seconds(3600)

    public init(options: ConnectionOptions, environment: [String: String]) throws {
        let defaults = RequestTimeouts()
        self.timeouts = RequestTimeouts(
            header: try Self.duration(
                options.headerTimeout, environment, "FIREWORKS_MOCK_HEADER_TIMEOUT", flag: "--header-timeout",
                default: defaults.header),
            body: try Self.duration(
                options.bodyTimeout, environment, "FIREWORKS_MOCK_BODY_TIMEOUT", flag: "--body-timeout",
                default: defaults.body),
            idle: try Self.duration(
                options.idleTimeout, environment, "FIREWORKS_MOCK_IDLE_TIMEOUT", flag: "--idle-timeout",
                default: defaults.idle))
        self.sessionTTL = try Self.duration(
            options.sessionTtl, environment, "FIREWORKS_MOCK_SESSION_TTL", flag: "--session-ttl",
            default: Self.defaultSessionTTL)
        if let count = options.maxConnections {
            guard count >= 1 else { throw ServeSettings.Invalid(description: "--max-connections: must be at least 1") }
            self.maximumConnections = count
        } else if let text = environment["FIREWORKS_MOCK_MAX_CONNECTIONS"], !text.isEmpty {
            guard let count = Int(text), count >= 1 else {
                throw ServeSettings.Invalid(
                    description: "FIREWORKS_MOCK_MAX_CONNECTIONS (--max-connections): '\(text)' is not a whole number of at least 1")
            }
            self.maximumConnections = count
        } else {
            self.maximumConnections = MockHTTPServer.defaultMaximumConnections
        }
    }

    /// A duration from the flag, else the variable, else the default; `0` turns it off (nil). A bad value is
    /// named after where it came from.
    private static func duration(
        _ flagValue: String?, _ environment: [String: String], _ variable: String, flag: String, default fallback: Duration?
    ) throws -> Duration? {
        let text: String
        let source: String
        if let flagValue {
            (text, source) = (flagValue, flag)
        } else if let value = environment[variable], !value.isEmpty {
            (text, source) = (value, "\(variable) (\(flag))")
        } else {
            return fallback
        }
        guard let duration = FaultSyntax.duration(text) else {
            throw ServeSettings.Invalid(
                description: "\(source): '\(text)' is not a duration such as 500ms, 30s, 5m or 1h (0 turns it off)")
        }
        return duration == .zero ? nil : duration
    }
}
