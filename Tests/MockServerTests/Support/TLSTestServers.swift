import Logging
import MockServer
import MockTLS
import NIOSSL

/// A plain and an HTTPS listener sharing one configuration value, as `serve --tls-port` runs them, with a
/// fresh self-signed authority; the body gets both servers and a client context that trusts the authority.
struct TLSTestServers {
    let plain: MockHTTPServer
    let tls: MockHTTPServer
    let authority: SelfSignedAuthority
    /// Trusts the test authority only.
    let clientContext: NIOSSLContext

    static func run<T>(
        _ configuration: MockHTTPServer.Configuration = MockHTTPServer.Configuration(port: 0),
        handshakeTimeout: Duration = MockHTTPServer.defaultHandshakeTimeout,
        _ body: (TLSTestServers) async throws -> T
    ) async throws -> T {
        let authority = try SelfSignedAuthority()
        var configuration = configuration
        configuration.port = 0
        let plain = try await MockHTTPServer.bind(configuration, logger: Logger(label: "test"))
        configuration.tls = MockHTTPServer.TLS(
            context: try ServerTLS.makeContext(identity: authority.serverIdentity), handshakeTimeout: handshakeTimeout)
        let tls = try await MockHTTPServer.bind(configuration, logger: Logger(label: "test"))
        let runningPlain = Task { try await plain.run() }
        let runningTLS = Task { try await tls.run() }
        defer {
            runningPlain.cancel()
            runningTLS.cancel()
        }
        let root = try NIOSSLCertificate(bytes: Array(authority.certificateAuthorityPEM().utf8), format: .pem)
        let servers = TLSTestServers(
            plain: plain, tls: tls, authority: authority, clientContext: try TLSClient.context(trusting: [root]))
        return try await body(servers)
    }
}
