import Logging
import MessagesAPI
import MockEngine
import MockServer

/// The serve settings after flags, environment variables and defaults are combined (flag > env > default).
public struct ServeSettings: Sendable {
    public var host: String
    public var port: Int
    public var apiKey: String?
    public var logLevel: Logger.Level
    public var deltaSize: Int
    /// The scripts directory, or nil for echo mode only.
    public var responses: String?
    public var shape: StreamShape
    public var fault: FaultRule?
    public var seed: UInt64
    public var rateLimit: RateLimiter?
    /// Admin calls must carry this token; nil leaves the admin API open.
    public var adminToken: String?
    /// Requests the journal keeps (0 turns it off).
    public var journalSize: Int
    /// Bytes of each body the journal keeps.
    public var journalBodyLimit: Int
    /// A request no script answers gets 404 with the nearest scripts instead of an echo.
    public var strict: Bool
    /// The HTTPS listener, when one is asked for.
    public var tls: TLSSettings?
    /// Request-side timeouts, the connection cap and the session TTL.
    public var connections: ConnectionSettings
    /// The real endpoint behind the mock, when one is set (`--upstream`).
    public var upstream: Upstream.Settings?

    /// A setting that could not be read, named after its flag and variable.
    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    public init(command: ServeCommand, environment: [String: String]) throws {
        self.host = command.host ?? environment["FIREWORKS_MOCK_HOST"] ?? "127.0.0.1"
        self.port = try command.port ?? Self.integer(environment, "FIREWORKS_MOCK_PORT", flag: "--port") ?? 8080
        self.apiKey = command.apiKey ?? environment["FIREWORKS_MOCK_API_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        if let level = command.logLevel {
            self.logLevel = level
        } else if let text = environment["FIREWORKS_MOCK_LOG_LEVEL"], !text.isEmpty {
            guard let level = Logger.Level(rawValue: text.lowercased()) else {
                throw Invalid(description: "FIREWORKS_MOCK_LOG_LEVEL: '\(text)' is not a log level")
            }
            self.logLevel = level
        } else {
            self.logLevel = .info
        }
        self.deltaSize =
            try command.deltaSize ?? Self.integer(environment, "FIREWORKS_MOCK_DELTA_SIZE", flag: "--delta-size") ?? 8
        if let directory = command.responses ?? environment["FIREWORKS_MOCK_RESPONSES"].flatMap({ $0.isEmpty ? nil : $0 }) {
            self.responses = directory
        } else {
            self.responses = FileSystem.isDirectory("responses") ? "responses" : nil
        }
        self.shape = try Self.syntax(command.stream, environment, "FIREWORKS_MOCK_STREAM", flag: "--stream", FaultSyntax.shape)
            ?? StreamShape()
        self.fault = try Self.syntax(command.fault, environment, "FIREWORKS_MOCK_FAULT", flag: "--fault", FaultSyntax.fault)
        if let seed = command.seed {
            self.seed = seed
        } else if let text = environment["FIREWORKS_MOCK_SEED"], !text.isEmpty {
            guard let seed = UInt64(text) else { throw Invalid(description: "FIREWORKS_MOCK_SEED (--seed): '\(text)' is not a whole number") }
            self.seed = seed
        } else {
            self.seed = 0
        }
        if let text = command.rateLimit ?? environment["FIREWORKS_MOCK_RATE_LIMIT"].flatMap({ $0.isEmpty ? nil : $0 }) {
            guard let limiter = RateLimiter(text: text) else {
                throw Invalid(description: "--rate-limit / FIREWORKS_MOCK_RATE_LIMIT: '\(text)' is not N/s")
            }
            self.rateLimit = limiter
        }
        self.adminToken = command.adminToken ?? environment["FIREWORKS_MOCK_ADMIN_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        self.journalSize =
            try command.journalSize ?? Self.integer(environment, "FIREWORKS_MOCK_JOURNAL_SIZE", flag: "--journal-size") ?? 1000
        self.journalBodyLimit =
            try command.journalBodyLimit
            ?? Self.integer(environment, "FIREWORKS_MOCK_JOURNAL_BODY_LIMIT", flag: "--journal-body-limit") ?? 65536
        if command.strict {
            self.strict = true
        } else if let text = environment["FIREWORKS_MOCK_STRICT"], !text.isEmpty {
            guard let strict = Self.boolean(text) else {
                throw Invalid(description: "FIREWORKS_MOCK_STRICT (--strict): '\(text)' is not one of true, false, 1, 0, yes, no, on, off")
            }
            self.strict = strict
        } else {
            self.strict = false
        }
        guard self.journalSize >= 0 else {
            throw Invalid(description: "--journal-size / FIREWORKS_MOCK_JOURNAL_SIZE: must be 0 (off) or more")
        }
        guard self.journalBodyLimit >= 0 else {
            throw Invalid(description: "--journal-body-limit / FIREWORKS_MOCK_JOURNAL_BODY_LIMIT: must be 0 or more")
        }
        guard (0...65535).contains(self.port) else {
            throw Invalid(description: "--port / FIREWORKS_MOCK_PORT: \(self.port) is not a port number (0-65535)")
        }
        self.tls = try TLSSettings(options: command.tls, environment: environment)
        self.connections = try ConnectionSettings(options: command.connections, environment: environment)
        self.upstream = try UpstreamSettings.make(options: command.upstream, environment: environment)
        guard self.deltaSize >= 1 else {
            throw Invalid(description: "--delta-size / FIREWORKS_MOCK_DELTA_SIZE: must be at least 1")
        }
    }

    /// A fault or stream text from the flag, else the variable, read with `parse`; a mistake is named after
    /// where the text came from.
    private static func syntax<T>(
        _ flagValue: String?, _ environment: [String: String], _ variable: String, flag: String,
        _ parse: (String) throws(FaultSyntax.Failure) -> T
    ) throws -> T? {
        let source: String
        let text: String
        if let flagValue {
            (source, text) = (flag, flagValue)
        } else if let value = environment[variable] {
            (source, text) = ("\(variable) (\(flag))", value)
        } else {
            return nil
        }
        guard !text.isEmpty else { return nil }
        do {
            return try parse(text)
        } catch {
            throw Invalid(description: "\(source): \(error.message)")
        }
    }

    /// `true`, `1`, `yes`, `on` or their opposites, in any case; nil for anything else.
    static func boolean(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: return nil
        }
    }

    private static func integer(_ environment: [String: String], _ name: String, flag: String) throws -> Int? {
        guard let text = environment[name], !text.isEmpty else { return nil }
        guard let value = Int(text) else {
            throw Invalid(description: "\(name) (\(flag)): '\(text)' is not a whole number")
        }
        return value
    }

    public func serverConfiguration(scripts: [Script] = []) -> MockHTTPServer.Configuration {
        var configuration = MockHTTPServer.Configuration(
            host: self.host,
            port: self.port,
            router: Router.Configuration(
                apiKey: self.apiKey,
                planner: ReplyPlanner(
                    configuration: .init(
                        textChunking: .characters(self.deltaSize), shape: self.shape, fault: self.fault,
                        rateLimit: self.rateLimit, strict: self.strict, reportNearMisses: self.journalSize > 0),
                    scripts: ScriptBook(scripts: scripts)
                ),
                journal: Journal(capacity: self.journalSize, bodyLimit: self.journalBodyLimit),
                adminToken: self.adminToken,
                responsesDirectory: self.responses
            )
        )
        configuration.seed = self.seed
        configuration.timeouts = self.connections.timeouts
        configuration.maximumConnections = self.connections.maximumConnections
        return configuration
    }
}
