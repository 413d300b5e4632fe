import ArgumentParser
import Logging
import MessagesAPI
import MockEngine
import MockServer
import ServiceLifecycle
import UnixSignals

/// `fireworks-mock serve`: run the mock until SIGTERM or SIGINT.
public struct ServeCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the mock server (the default command).",
        discussion: """
            Every option can also be set with the environment variable named in its help; the flag wins.
            On start one line is printed to standard output: "fireworks-mock listening on <url>"; with --tls-port a
            second one gives the https URL.
            """
    )

    @Option(help: "Address to listen on. (env: FIREWORKS_MOCK_HOST, default: 127.0.0.1)")
    var host: String?

    @Option(help: "Port to listen on; 0 picks a free port. (env: FIREWORKS_MOCK_PORT, default: 8080)")
    var port: Int?

    @Option(help: "Accept only this API key; without it any non-empty key is accepted. (env: FIREWORKS_MOCK_API_KEY)")
    var apiKey: String?

    @Option(
        help: "Log level: trace, debug, info, notice, warning, error or critical. (env: FIREWORKS_MOCK_LOG_LEVEL, default: info)"
    )
    var logLevel: Logger.Level?

    @Option(help: "Characters per streamed text delta. (env: FIREWORKS_MOCK_DELTA_SIZE, default: 8)")
    var deltaSize: Int?

    @Option(
        help: "Directory of script files (*.yaml, *.yml, *.json). (env: FIREWORKS_MOCK_RESPONSES, default: ./responses when it exists)"
    )
    var responses: String?

    @Option(help: "Stream shape for every answer, e.g. 'delay=50ms;ttft=1s;jitter=0.2'. (env: FIREWORKS_MOCK_STREAM)")
    var stream: String?

    @Option(help: "Fault for every answer, e.g. 'reset;after=5' or 'error;status=429;times=2'. (env: FIREWORKS_MOCK_FAULT)")
    var fault: String?

    @Option(help: "Request-rate limit, e.g. 10/s; more requests get 429 with retry-after. (env: FIREWORKS_MOCK_RATE_LIMIT)")
    var rateLimit: String?

    @Option(help: "Seed for stream jitter, so timings repeat. (env: FIREWORKS_MOCK_SEED, default: 0)")
    var seed: UInt64?

    @Option(help: "Admin calls (/_mock/...) must carry this token in x-mock-admin-token or as a Bearer token. (env: FIREWORKS_MOCK_ADMIN_TOKEN)")
    var adminToken: String?

    @Option(help: "Requests the journal keeps, newest last; 0 turns it off. (env: FIREWORKS_MOCK_JOURNAL_SIZE, default: 1000)")
    var journalSize: Int?

    @Option(help: "Bytes of each request and response body the journal keeps. (env: FIREWORKS_MOCK_JOURNAL_BODY_LIMIT, default: 65536)")
    var journalBodyLimit: Int?

    @Flag(help: "A request no script answers gets 404 naming the nearest scripts, not an echo. (env: FIREWORKS_MOCK_STRICT)")
    var strict = false

    @OptionGroup(title: "HTTPS")
    var tls: TLSOptions

    @OptionGroup(title: "Connections and sessions")
    var connections: ConnectionOptions

    @OptionGroup(title: "Upstream: record and replay")
    var upstream: UpstreamOptions

    public init() {}

    public func run() async throws {
        let settings = try ServeSettings(command: self, environment: Environment.current)
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = settings.logLevel
            return handler
        }
        let logger = Logger(label: "fireworks-mock")

        // A script mistake stops the start: serving half a directory would make tests fail in confusing ways.
        let loaded = settings.responses.map(ScriptLoader.load(directory:)) ?? ScriptLoader.Result(scripts: [], problems: [])
        for problem in loaded.problems { Console.error(problem.description) }
        if !loaded.errors.isEmpty {
            Console.error("fireworks-mock: not starting: \(loaded.errors.count) problem(s) in \(settings.responses ?? "")")
            throw ExitCode(1)
        }

        FileDescriptorLimit.raise(toServe: settings.connections.maximumConnections, logger: logger)
        // TLS files are checked before anything listens: a bad certificate must not leave a half-started server.
        let tls = try Self.makeServerTLS(settings.tls)
        var configuration = settings.serverConfiguration(scripts: loaded.scripts)
        let upstream = try settings.upstream.map { try Upstream(settings: $0, logger: logger) }
        configuration.router.upstream = upstream
        let server: MockHTTPServer
        do {
            server = try await MockHTTPServer.bind(configuration, logger: logger)
        } catch let error as MockHTTPServer.Error {
            Console.error("fireworks-mock: \(error)")
            throw ExitCode(1)
        }
        let tlsServer = try await Self.bindTLS(tls, port: settings.tls?.port, sharing: configuration, plain: server, logger: logger)
        // Signal handlers go in before the start line: a SIGTERM sent the moment a script reads the line must
        // stop the server cleanly, not kill it with the default action.
        let signals = await UnixSignalsSequence(trapping: .sigterm, .sigint)
        var services: [any Service] = [server] + (tlsServer.map { [$0] } ?? [])
        if let ttl = settings.connections.sessionTTL {
            services.append(SessionSweeper(planner: configuration.router.planner, ttl: ttl, logger: logger))
        }
        var groupConfiguration = ServiceGroupConfiguration(services: services, logger: logger)
        // Streams in flight get a moment to finish, then are cancelled.
        groupConfiguration.maximumGracefulShutdownDuration = .milliseconds(800)
        let group = ServiceGroup(configuration: groupConfiguration)

        Console.out("fireworks-mock listening on \(server.url)")
        if let tlsServer { Console.out("fireworks-mock listening on \(tlsServer.url)") }
        logger.info(
            "started",
            metadata: [
                "url": "\(server.url)", "scripts": "\(loaded.scripts.count)",
                "responses": "\(settings.responses ?? "none")",
            ])
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                for await signal in signals {
                    logger.info("shutting down", metadata: ["signal": "\(signal)"])
                    await group.triggerGracefulShutdown()
                    // The promise is an exit within 2 s: whatever still runs 1.8 s after the signal (a stream
                    // whose cancellation is slow under load) does not hold the process.
                    Task.detached {
                        try? await Task.sleep(for: .milliseconds(1800))
                        Console.error("fireworks-mock: stopped at the shutdown deadline")
                        ProcessExit.now(0)
                    }
                    return
                }
            }
            do {
                try await group.run()
            } catch {
                await upstream?.shutdown()
                throw error
            }
            tasks.cancelAll()
        }
        await upstream?.shutdown()
        logger.info("stopped")
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
