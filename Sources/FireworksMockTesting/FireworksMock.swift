@_exported import MessagesAPI
@_exported import MockEngine
@_exported import MockServer
import Logging

/// A fireworks-mock running inside the test process, on a loopback port: start it in a test (Swift Testing or
/// XCTest), point the code under test at `baseURL`, script it, read its journal and verdicts, stop it.
///
/// ```swift
/// let mock = try await FireworksMock.start()
/// try mock.addScript("name: hi\nreply: {text: Hello}")
/// // … the code under test calls mock.baseURL + "/v1/messages" …
/// #expect(mock.journal().count == 1)
/// await mock.stop()
/// ```
public final class FireworksMock: Sendable {
    /// Why a script text was refused: every problem the loader found, one per line.
    public struct ScriptError: Error, CustomStringConvertible {
        public var description: String
    }

    public let server: MockHTTPServer
    /// The router's configuration: the planner (scripts, faults) and the journal this mock shares with its routes.
    public let configuration: MockHTTPServer.Configuration
    private let running: Task<Void, any Error>

    private init(server: MockHTTPServer, configuration: MockHTTPServer.Configuration) {
        self.server = server
        self.configuration = configuration
        self.running = Task { try await server.run() }
    }

    /// Starts a mock on `port` (0: a free one) in echo mode, with `scripts` (YAML or JSON texts, as in a script
    /// file) loaded as global scripts. `configure` may change anything else before it listens: faults, stream
    /// shapes, the journal, timeouts.
    public static func start(
        port: Int = 0,
        scripts: [String] = [],
        logger: Logger = Logger(label: "fireworks-mock"),
        configure: (inout MockHTTPServer.Configuration) -> Void = { _ in }
    ) async throws -> FireworksMock {
        var configuration = MockHTTPServer.Configuration(port: port)
        configure(&configuration)
        let mock = try await self.start(configuration, logger: logger)
        for script in scripts { try mock.addScript(script) }
        return mock
    }

    /// Starts a mock with a whole server configuration.
    public static func start(_ configuration: MockHTTPServer.Configuration, logger: Logger = Logger(label: "fireworks-mock")) async throws
        -> FireworksMock
    {
        let server = try await MockHTTPServer.bind(configuration, logger: logger)
        return FireworksMock(server: server, configuration: configuration)
    }

    /// The port it listens on.
    public var port: Int { self.server.port }
    /// `http://127.0.0.1:PORT`.
    public var url: String { self.server.url }
    /// `http://127.0.0.1:PORT/inference`: the base URL Fireworks documents for the Anthropic SDKs.
    public var baseURL: String { self.server.url + "/inference" }

    /// Adds the scripts of one YAML or JSON text (a single script, a list, or `scripts:`), for every session or
    /// only for `session`. Throws with the loader's messages when the text has a mistake or a name is taken.
    public func addScript(_ text: String, session: String? = nil, json: Bool = false) throws {
        let loaded = ScriptLoader.load(
            bytes: Array(text.utf8), file: "script", baseDirectory: self.configuration.router.responsesDirectory, json: json)
        guard loaded.errors.isEmpty else {
            throw ScriptError(description: loaded.errors.map(\.description).joined(separator: "\n"))
        }
        let scope: ScriptBook.Scope = session.map { .session($0) } ?? .global
        if case .failure(.nameTaken(let names)) = self.configuration.router.planner.scripts.add(loaded.scripts, to: scope) {
            throw ScriptError(description: "script name already used: \(names.joined(separator: ", "))")
        }
    }

    /// The journal's entries that pass `filter` (by default all of them), oldest first.
    public func journal(_ filter: JournalFilter = JournalFilter()) -> [JournalEntry] {
        self.configuration.router.journal.entries(matching: filter)
    }

    /// The journal's entries of one session, oldest first.
    public func journal(session: String) -> [JournalEntry] {
        self.journal(JournalFilter(session: session))
    }

    /// The checks of one session's requests (see docs/verdicts.md).
    public func verdict(session: String = "", thresholds: Verdict.Thresholds = Verdict.Thresholds()) -> Verdict {
        self.configuration.router.admin.verdict(session: session, thresholds: thresholds)
    }

    /// Forgets one session's scripts, counts and journal, or (nil) goes back to the state at start.
    public func reset(session: String? = nil) {
        let planner = self.configuration.router.planner
        planner.scripts.reset(session: session)
        planner.faults.reset(session: session)
        self.configuration.router.journal.clear(session: session)
    }

    /// Stops listening, ends open connections and waits until the server has stopped.
    public func stop() async {
        self.running.cancel()
        _ = await self.running.result
    }
}
