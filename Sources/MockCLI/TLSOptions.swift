import ArgumentParser

/// The HTTPS flags of `serve`, grouped so that the TLS listener's settings stay in one place.
public struct TLSOptions: ParsableArguments {
    @Option(
        help: "Also listen for HTTPS on this port (same routes and state as the plain port); 0 picks a free port. (env: FIREWORKS_MOCK_TLS_PORT)"
    )
    var tlsPort: Int?

    @Option(help: "PEM certificate chain for HTTPS, leaf first. (env: FIREWORKS_MOCK_TLS_CERT)")
    var tlsCert: String?

    @Option(help: "PEM private key (RSA or EC) of the certificate. (env: FIREWORKS_MOCK_TLS_KEY)")
    var tlsKey: String?

    @Flag(
        help: "Make a test CA and a 24-hour certificate for localhost, 127.0.0.1 and ::1 at start. (env: FIREWORKS_MOCK_TLS_SELF_SIGNED=1)"
    )
    var tlsSelfSigned: Bool = false

    @Option(help: "With --tls-self-signed: write the test CA's certificate (PEM) to this file. (env: FIREWORKS_MOCK_TLS_CA_OUT)")
    var tlsCaOut: String?

    public init() {}
}
