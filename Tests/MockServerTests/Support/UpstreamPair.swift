import FireworksMockTesting
import Logging
import MockEngine
import MockServer

#if canImport(Glibc)
import Glibc
#endif

/// A mock playing the upstream (its scripts make a realistic "Fireworks") and a second mock forwarding to it
/// and recording into a fresh directory; then a third that replays what was recorded, with the upstream gone.
final class UpstreamPair: Sendable {
    let upstreamMock: FireworksMock
    let proxy: FireworksMock
    let upstream: Upstream
    let directory: String

    /// The key the proxy sends upstream in place of the client's (as `FIREWORKS_API_KEY` would give it).
    static let upstreamKey = "fw_upstream_secret_key_0001"
    /// The key the client sends.
    static let clientKey = "sk-client-secret-key-0002"

    init(
        upstreamScripts: [String], mode: Upstream.RecordMode = .missing, apiKey: String? = UpstreamPair.upstreamKey,
        redact: [String] = [], timeout: Duration = Upstream.defaultTimeout, upstreamURL: String? = nil
    ) async throws {
        var template = Array("/tmp/fireworks-mock-recordings-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(made != nil, "mkdtemp failed")
        self.directory = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var upstreamConfiguration = MockHTTPServer.Configuration(port: 0)
        upstreamConfiguration.router.apiKey = Self.upstreamKey
        self.upstreamMock = try await FireworksMock.start(upstreamConfiguration, logger: Logger(label: "upstream"))
        for script in upstreamScripts { try self.upstreamMock.addScript(script) }
        var settings = Upstream.Settings(url: upstreamURL ?? self.upstreamMock.baseURL, redaction: try RecordingRedaction(patterns: redact))
        settings.apiKey = apiKey
        settings.recordMode = mode
        settings.timeout = timeout
        settings.recordDirectory = self.directory
        self.upstream = try Upstream(settings: settings, logger: Logger(label: "upstream-client"))
        var configuration = MockHTTPServer.Configuration(port: 0)
        configuration.router.upstream = self.upstream
        self.proxy = try await FireworksMock.start(configuration, logger: Logger(label: "proxy"))
    }

    /// Stops both servers and the upstream client (the recordings stay).
    func stop() async {
        await self.proxy.stop()
        await self.upstreamMock.stop()
        await self.upstream.shutdown()
    }

    /// A server answering from the recordings alone.
    func replay<T>(_ body: (FireworksMock) async throws -> T) async throws -> T {
        let loaded = ScriptLoader.load(directory: self.directory)
        guard loaded.problems.isEmpty else { throw RawClient.Failure(description: "recordings: \(loaded.problems)") }
        var configuration = MockHTTPServer.Configuration(port: 0)
        configuration.router.planner = ReplyPlanner(scripts: ScriptBook(scripts: loaded.scripts))
        configuration.router.responsesDirectory = self.directory
        let mock = try await FireworksMock.start(configuration, logger: Logger(label: "replay"))
        do {
            let result = try await body(mock)
            await mock.stop()
            return result
        } catch {
            await mock.stop()
            throw error
        }
    }

    /// Every file in the recordings directory, with its bytes.
    func files() -> [(name: String, bytes: [UInt8])] {
        guard let dir = opendir(self.directory) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        // Recordings are text (JSON scripts, SSE and JSON bodies).
        return names.sorted().map { ($0, Array(ChildProcess.read("\(self.directory)/\($0)").utf8)) }
    }
}
