import Logging
import MockEngine
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import ServiceLifecycle
import SystemPackage

/// The mock's HTTP server: a listening socket whose connections each run an `HTTPConnection` loop in a
/// discarding task group. Bind first (so the port is known and a busy port fails early), then run it as a
/// `Service`; graceful shutdown stops accepting and closes idle connections.
public final class MockHTTPServer: Service, Sendable {
    /// Where to listen and how to answer.
    public struct Configuration: Sendable {
        public var host: String
        /// 0 picks a free port.
        public var port: Int
        public var router: Router.Configuration
        /// Largest request body accepted; larger ones get 413 `request_too_large`.
        public var maximumBodySize: Int
        /// Seeds stream jitter (`--seed`), so runs repeat.
        public var seed: UInt64 = 0
        /// Set for an HTTPS listener: every connection starts with a TLS handshake.
        public var tls: TLS?
        /// How long a client may take to send a request, and to start the next one.
        public var timeouts = RequestTimeouts()
        /// Connections open at once on this listener; past it, new ones wait in the kernel's backlog.
        public var maximumConnections = MockHTTPServer.defaultMaximumConnections

        public init(
            host: String = "127.0.0.1",
            port: Int = 8080,
            router: Router.Configuration = Router.Configuration(),
            maximumBodySize: Int = 32 * 1024 * 1024
        ) {
            self.host = host
            self.port = port
            self.router = router
            self.maximumBodySize = maximumBodySize
        }
    }

    /// What an HTTPS listener needs besides the routes: the TLS context, and how long a handshake may take.
    public struct TLS: Sendable {
        public var context: NIOSSLContext
        /// A client that has not finished its handshake by then is disconnected.
        public var handshakeTimeout: Duration

        public init(context: NIOSSLContext, handshakeTimeout: Duration = MockHTTPServer.defaultHandshakeTimeout) {
            self.context = context
            self.handshakeTimeout = handshakeTimeout
        }
    }

    /// Connections a listener serves at once unless told otherwise (`--max-connections`).
    public static let defaultMaximumConnections = 10_000

    /// How long a TLS client may take to complete its handshake.
    public static let defaultHandshakeTimeout: Duration = .seconds(10)
    /// The name of the TLS handler in each connection's pipeline, so a reset can close beneath it.
    static let tlsHandlerName = "tls"

    /// Why the server could not start.
    public enum Error: Swift.Error, CustomStringConvertible {
        case cannotListen(host: String, port: Int, reason: String)

        public var description: String {
            switch self {
            case .cannotListen(let host, let port, let reason):
                return "cannot listen on \(host):\(port): \(reason)"
            }
        }
    }

    /// An accepted connection: its request parts and response bytes, and when its client stopped sending.
    struct Connection: Sendable {
        var channel: NIOAsyncChannel<HTTPServerRequestPart, ByteBuffer>
        var clientLeft: EventLoopFuture<Void>
    }

    private let listener: NIOAsyncChannel<Connection, Never>
    private let connectionConfiguration: HTTPConnection.Configuration
    private let logger: Logger
    private let isTLS: Bool
    /// The address actually bound, with the real port when 0 was asked for.
    public let localAddress: SocketAddress

    private init(
        listener: NIOAsyncChannel<Connection, Never>,
        configuration: Configuration,
        logger: Logger
    ) {
        self.listener = listener
        self.localAddress = listener.channel.localAddress!
        self.connectionConfiguration = HTTPConnection.Configuration(
            router: Router(configuration: configuration.router),
            maximumBodySize: configuration.maximumBodySize,
            seed: configuration.seed
        )
        self.logger = logger
        self.isTLS = configuration.tls != nil
    }

    /// The port the server listens on.
    public var port: Int { self.localAddress.port ?? 0 }

    /// `http://host:port` (`https://` for a TLS listener), with IPv6 hosts in brackets.
    public var url: String {
        let host = self.localAddress.ipAddress ?? "127.0.0.1"
        let shown = host.contains(":") ? "[\(host)]" : host
        return "\(self.isTLS ? "https" : "http")://\(shown):\(self.port)"
    }

    /// Opens the listening socket.
    public static func bind(
        _ configuration: Configuration,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger
    ) async throws -> MockHTTPServer {
        let listener: NIOAsyncChannel<Connection, Never>
        do {
            listener = try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 1024)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                // One accept per read, so the connection limit is never overshot by a batch of accepts.
                .serverChannelOption(.maxMessagesPerRead, value: 1)
                .serverChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            ConnectionLimiter(limit: configuration.maximumConnections, logger: logger))
                    }
                }
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                // Half-closure: a client that shuts down its sending side after a request still gets the answer.
                .childChannelOption(.allowRemoteHalfClosure, value: true)
                .bind(host: configuration.host, port: configuration.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try Self.addHandlers(to: channel, configuration, logger: logger)
                    }
                }
        } catch let error as IOError {
            throw Error.cannotListen(
                host: configuration.host, port: configuration.port, reason: Self.describe(errno: error.errnoCode))
        } catch {
            throw Error.cannotListen(host: configuration.host, port: configuration.port, reason: "\(error)")
        }
        return MockHTTPServer(listener: listener, configuration: configuration, logger: logger)
    }

    /// A new connection's pipeline: TLS when asked for, the request-side watch around the HTTP decoder, and the
    /// async channel the connection loop reads and writes through.
    private static func addHandlers(to channel: any Channel, _ configuration: Configuration, logger: Logger) throws -> Connection {
        if let tls = configuration.tls {
            try Self.addTLSHandlers(tls, to: channel, logger: logger)
        }
        let watch = InboundWatch(timeouts: configuration.timeouts, eventLoop: channel.eventLoop)
        let operations = channel.pipeline.syncOperations
        try operations.addHandler(InboundWatch.Bytes(watch))
        try operations.addHandler(ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .dropBytes)))
        try operations.addHandler(InboundWatch.Parts(watch))
        // Deinit-based teardown on purpose: when the server stops, connections NIO accepted but the accept loop
        // never took are dropped, and only this form closes them instead of trapping.
        let asyncChannel = try NIOAsyncChannel<HTTPServerRequestPart, ByteBuffer>(synchronouslyWrapping: channel)
        return Connection(channel: asyncChannel, clientLeft: watch.clientLeft)
    }

    /// TLS first on the wire, then the handshake deadline; the HTTP decoder follows and sees plain bytes.
    private static func addTLSHandlers(_ tls: TLS, to channel: any Channel, logger: Logger) throws {
        let operations = channel.pipeline.syncOperations
        try operations.addHandler(NIOSSLServerHandler(context: tls.context), name: Self.tlsHandlerName)
        try operations.addHandler(TLSHandshakeTimeout(timeout: TimeAmount(tls.handshakeTimeout), logger: logger))
    }

    private static func describe(errno: CInt) -> String {
        switch Errno(rawValue: errno) {
        case .addressInUse: return "address already in use (another process is listening on that port)"
        case .permissionDenied, .notPermitted: return "permission denied (ports below 1024 need privileges)"
        case .addressNotAvailable: return "address not available on this machine"
        default: return "error \(errno)"
        }
    }

    /// Closes a server that was bound but will not run (a NIO channel must not be dropped while open).
    public func close() async {
        try? await self.listener.executeThenClose { _ in }
    }

    /// Accepts connections until graceful shutdown or cancellation, then waits for open connections to end.
    public func run() async throws {
        let configuration = self.connectionConfiguration
        let logger = self.logger
        try await withThrowingDiscardingTaskGroup { group in
            try await self.listener.executeThenClose { inbound in
                for try await connection in inbound.cancelOnGracefulShutdown() {
                    group.addTask {
                        await HTTPConnection(
                            channel: connection.channel, clientLeft: connection.clientLeft, configuration: configuration,
                            logger: logger
                        ).run()
                    }
                }
            }
        }
    }
}
