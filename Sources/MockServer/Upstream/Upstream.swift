import AsyncHTTPClient
import Logging
import MessagesAPI
import MockEngine
import NIOCore
import NIOHTTP1
import NIOSSL

/// The real endpoint behind the mock (`--upstream`): requests no script answers (or every request, with
/// `--record-mode all`) are forwarded to it and its answer passes through as it arrives; `--record` keeps
/// each exchange as a script. One HTTP client for the whole server; call `shutdown()` when the server stops.
public final class Upstream: Sendable {
    /// Which requests are forwarded.
    public enum RecordMode: String, Sendable, CaseIterable {
        /// Those no script answers.
        case missing
        /// Every request to the Messages API, scripts or not.
        case all
    }

    /// How the upstream is reached and what is kept of it.
    public struct Settings: Sendable {
        /// The base URL as the SDK's `base_url` takes it, e.g. `https://api.fireworks.ai/inference`.
        public var url: String
        public var recordMode = RecordMode.missing
        /// Answer a request the mock finds invalid with its own 400, without asking the upstream.
        public var validate = true
        /// The key sent upstream in place of the client's, when set.
        public var apiKey: String?
        /// The longest wait to connect, and between two reads of an answer.
        public var timeout: Duration = Upstream.defaultTimeout
        /// A PEM file of certificate authorities trusted besides the system's.
        public var caFile: String?
        /// An HTTP proxy (`HTTPS_PROXY`/`HTTP_PROXY`) the upstream is reached through.
        public var proxy: (host: String, port: Int)?
        /// Where recordings are written (`--record`); nil records nothing.
        public var recordDirectory: String?
        public var redaction: RecordingRedaction

        public init(url: String, redaction: RecordingRedaction) {
            self.url = url.hasSuffix("/") ? String(url.dropLast()) : url
            self.redaction = redaction
        }
    }

    /// Upstream connections open at once, as many as a listener serves clients by default.
    static let connectionsPerHost = MockHTTPServer.defaultMaximumConnections

    /// `--upstream-timeout` unless given.
    public static let defaultTimeout: Duration = .seconds(60)

    public let settings: Settings
    let client: HTTPClient
    let recorder: Recorder?

    public init(settings: Settings, logger: Logger) throws {
        self.settings = settings
        var tls = TLSConfiguration.makeClientConfiguration()
        if let caFile = settings.caFile {
            // The system's authorities stay trusted; the file's are added to them.
            tls.additionalTrustRoots = [.file(caFile)]
        }
        let seconds = Int64(settings.timeout.components.seconds)
        let millis = seconds * 1000 + settings.timeout.components.attoseconds / 1_000_000_000_000_000
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls,
            timeout: .init(connect: .milliseconds(millis), read: .milliseconds(millis)))
        if let proxy = settings.proxy { configuration.proxy = .server(host: proxy.host, port: proxy.port) }
        configuration.decompression = .disabled
        // An upstream that refuses the connection is reported at once, not retried until the timeout.
        configuration.connectionPool.retryConnectionEstablishment = false
        // Every client request gets its own upstream connection at once: long streams must not queue others
        // behind the pool's default of eight.
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = Self.connectionsPerHost
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.recorder = settings.recordDirectory.map { Recorder(directory: $0, redaction: settings.redaction, logger: logger) }
    }

    /// Closes the client's connections.
    public func shutdown() async {
        try? await self.client.shutdown()
    }

    /// Whether the mock forwards a request it would answer with `plan`: an echo (no script answered), a strict
    /// miss, or with `--record-mode all` a script's answer too; with `--upstream-validate false`, a request the
    /// mock finds invalid as well. Everything else (rate limits, faults, header mistakes) the mock answers.
    func forwards(_ plan: ResponsePlan) -> Bool {
        switch plan.source {
        case .echo, .strict: return true
        case .script: return self.settings.recordMode == .all
        case .validation: return !self.settings.validate
        default: return false
        }
    }

    /// The upstream URL for a Messages path: the tail after `/inference` (`/v1/messages`) on the base URL.
    func url(for path: String) -> String {
        let tail = path.hasPrefix("/inference/") ? String(path.dropFirst("/inference".count)) : path
        return self.settings.url + tail
    }

    /// Request headers that are not passed on: those of this hop, the mock's own, and the credentials when
    /// the mock has its own key for the upstream.
    static let droppedRequestHeaders: Set = [
        "host", "connection", "keep-alive", "proxy-connection", "proxy-authorization", "te", "trailer",
        "transfer-encoding", "upgrade", "content-length", "expect", "accept-encoding",
    ]

    /// The request as sent upstream.
    func request(for request: RequestContext) -> HTTPClientRequest {
        var outgoing = HTTPClientRequest(url: self.url(for: request.path))
        outgoing.method = .RAW(value: request.method)
        for header in request.headers {
            let name = header.name.lowercased()
            if Self.droppedRequestHeaders.contains(name) || name.hasPrefix("x-mock-") { continue }
            if self.settings.apiKey != nil && (name == "authorization" || name == "x-api-key") { continue }
            outgoing.headers.add(name: header.name, value: header.value)
        }
        if let key = self.settings.apiKey { outgoing.headers.add(name: "authorization", value: "Bearer \(key)") }
        outgoing.body = .bytes(ByteBuffer(bytes: request.body))
        return outgoing
    }

    /// Response headers that are not passed on: those of the upstream's hop (the mock frames the body itself).
    static let droppedResponseHeaders: Set = [
        "connection", "keep-alive", "proxy-connection", "transfer-encoding", "trailer", "upgrade", "content-length",
    ]

    /// Headers never kept in the journal, a recording or a log.
    static let secretHeaders: Set = ["authorization", "x-api-key", "cookie", "set-cookie", "proxy-authorization"]

    /// `headers` without credentials and cookies.
    static func withoutSecrets(_ headers: [(name: String, value: String)]) -> [(name: String, value: String)] {
        headers.filter { !self.secretHeaders.contains($0.name.lowercased()) }
    }

    /// The 502 for an upstream that could not be asked, naming it and the cause.
    func unreachable(_ url: String, _ error: any Error) -> APIError {
        APIError(status: 502, type: .api, message: "The upstream \(url) could not be asked: \(Self.describe(error))")
    }

    /// Why an exchange with the upstream failed, in words.
    public static func describe(_ error: any Error) -> String {
        if let client = error as? HTTPClientError {
            switch client {
            case .connectTimeout: return "connect timeout"
            case .readTimeout: return "read timeout (no data within --upstream-timeout)"
            case .remoteConnectionClosed: return "the upstream closed the connection"
            default: return "\(client)"
            }
        }
        if let ssl = error as? NIOSSLError { return "TLS: \(ssl)" }
        return "\(error)"
    }
}

extension Upstream {
    /// One whole exchange with the upstream (for `probe`): status, headers and the complete body.
    public func exchange(path: String, body: [UInt8], headers: [(name: String, value: String)] = [])
        async throws -> (status: Int, headers: [(name: String, value: String)], body: [UInt8])
    {
        var request = HTTPClientRequest(url: self.url(for: path))
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        for header in headers { request.headers.add(name: header.name, value: header.value) }
        if let key = self.settings.apiKey { request.headers.add(name: "authorization", value: "Bearer \(key)") }
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await self.client.execute(request, timeout: .seconds(Int64(self.settings.timeout.components.seconds) + 60))
        var bytes: [UInt8] = []
        for try await buffer in response.body { bytes += buffer.readableBytesView }
        return (Int(response.status.code), response.headers.map { ($0.name, $0.value) }, bytes)
    }
}
