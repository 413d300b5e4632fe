import NIOCore
import NIOSSL

/// The server side of TLS: TLS 1.2 and 1.3 only, ALPN offering `http/1.1`, with the identity given.
public enum ServerTLS {
    /// The one application protocol the server speaks.
    public static let applicationProtocols = ["http/1.1"]

    /// A context for every TLS connection of the listener.
    public static func makeContext(identity: ServerIdentity) throws -> NIOSSLContext {
        let (chain, key) = try identity.nioChainAndKey()
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) },
            privateKey: .privateKey(key)
        )
        configuration.minimumTLSVersion = .tlsv12
        configuration.maximumTLSVersion = .tlsv13
        configuration.applicationProtocols = Self.applicationProtocols
        // A peer that never answers our close_notify does not hold its connection open for long.
        configuration.shutdownTimeout = .seconds(1)
        return try NIOSSLContext(configuration: configuration)
    }
}
