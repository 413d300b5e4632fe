import MockTLS
import NIOCore
import NIOPosix
import NIOSSL

/// An HTTPS client for live tests: NIO with swift-nio-ssl, verifying the server against the roots given (the
/// self-signed test CA), so a test sees what a careful client sees: the decrypted bytes, a clean close_notify
/// end, or the error that ended the connection.
final class TLSClient {
    private var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private var pending: [UInt8] = []

    /// How a read to the end went: a clean TLS close (close_notify, then FIN), or the error that ended it.
    enum End: Equatable {
        case closedCleanly
        case failed(String)
    }

    private init(
        inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator, outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    ) {
        self.inbound = inbound
        self.outbound = outbound
    }

    /// A client configuration trusting only `roots`, TLS 1.2 or later, offering ALPN `http/1.1`.
    static func context(trusting roots: [NIOSSLCertificate]) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.trustRoots = .certificates(roots)
        configuration.applicationProtocols = ["http/1.1"]
        return try NIOSSLContext(configuration: configuration)
    }

    /// Connects, runs `body` with the client, then closes. The connection is closed after `deadline` whatever
    /// happens, so a server that never answers fails the test instead of hanging it.
    static func with<T>(
        port: Int,
        host: String = "127.0.0.1",
        serverName: String? = "localhost",
        context: NIOSSLContext,
        deadline: TimeAmount = .seconds(30),
        _ body: (TLSClient) async throws -> T
    ) async throws -> T {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        NIOSSLClientHandler(context: context, serverHostname: serverName))
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let guardClose = channel.channel.eventLoop.scheduleTask(in: deadline) { channel.channel.close(promise: nil) }
        defer { guardClose.cancel() }
        return try await channel.executeThenClose { inbound, outbound in
            try await body(TLSClient(inbound: inbound.makeAsyncIterator(), outbound: outbound))
        }
    }

    func send(_ text: String) async throws {
        try await self.outbound.write(ByteBuffer(string: text))
    }

    /// The next decrypted bytes; empty at a clean end.
    func receiveSome() async throws -> [UInt8] {
        if !self.pending.isEmpty {
            defer { self.pending = [] }
            return self.pending
        }
        guard let buffer = try await self.inbound.next() else { return [] }
        return Array(buffer.readableBytesView)
    }

    /// Reads until `count` complete responses are in.
    func receiveResponses(_ count: Int) async throws -> [ParsedResponse] {
        var bytes = self.pending
        self.pending = []
        while true {
            var parser = ResponseParser(bytes: bytes)
            let responses = parser.parseAll()
            if responses.count >= count {
                return responses
            }
            guard let buffer = try await self.inbound.next() else {
                throw RawClient.Failure(description: "closed after \(responses.count) of \(count) responses")
            }
            bytes += buffer.readableBytesView
        }
    }

    func receiveResponse() async throws -> ParsedResponse {
        try await self.receiveResponses(1)[0]
    }

    /// Everything until the connection ends, and how it ended.
    func receiveToEnd() async -> (bytes: [UInt8], end: End) {
        var bytes = self.pending
        self.pending = []
        do {
            while let buffer = try await self.inbound.next() {
                bytes += buffer.readableBytesView
            }
            return (bytes, .closedCleanly)
        } catch {
            return (bytes, .failed("\(error)"))
        }
    }
}
