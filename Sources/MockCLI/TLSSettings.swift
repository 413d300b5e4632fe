import MockServer
import MockTLS
import NIOSSL

/// The HTTPS listener's settings after flags and environment are combined (flag > env), checked for
/// combinations that cannot work. Nil from `init` when no TLS setting is given at all.
public struct TLSSettings: Sendable, Equatable {
    /// Where the certificate comes from.
    public enum Identity: Sendable, Equatable {
        case files(certificate: String, key: String)
        case selfSigned(caOut: String?)
    }

    public var port: Int
    public var identity: Identity

    init?(options: TLSOptions, environment: [String: String]) throws {
        func value(_ flag: String?, _ name: String) -> String? {
            flag ?? environment[name].flatMap { $0.isEmpty ? nil : $0 }
        }
        let portText = options.tlsPort.map(String.init) ?? value(nil, "FIREWORKS_MOCK_TLS_PORT")
        let certificate = value(options.tlsCert, "FIREWORKS_MOCK_TLS_CERT")
        let key = value(options.tlsKey, "FIREWORKS_MOCK_TLS_KEY")
        let caOut = value(options.tlsCaOut, "FIREWORKS_MOCK_TLS_CA_OUT")
        var selfSigned = options.tlsSelfSigned
        if !selfSigned, let text = value(nil, "FIREWORKS_MOCK_TLS_SELF_SIGNED") {
            switch text.lowercased() {
            case "1", "true", "yes", "on": selfSigned = true
            case "0", "false", "no", "off": selfSigned = false
            default:
                throw ServeSettings.Invalid(
                    description: "FIREWORKS_MOCK_TLS_SELF_SIGNED (--tls-self-signed): '\(text)' is not 1/true or 0/false")
            }
        }
        var given: [String] = []
        if certificate != nil { given.append("--tls-cert") }
        if key != nil { given.append("--tls-key") }
        if selfSigned { given.append("--tls-self-signed") }
        if caOut != nil { given.append("--tls-ca-out") }

        guard let portText else {
            if given.isEmpty { return nil }
            throw ServeSettings.Invalid(
                description: "\(given.joined(separator: ", ")) given without --tls-port (FIREWORKS_MOCK_TLS_PORT)")
        }
        guard let port = Int(portText), (0...65535).contains(port) else {
            throw ServeSettings.Invalid(
                description: "--tls-port / FIREWORKS_MOCK_TLS_PORT: '\(portText)' is not a port number (0-65535)")
        }
        self.port = port
        switch (certificate, key, selfSigned) {
        case (let certificate?, let key?, false):
            guard caOut == nil else {
                throw ServeSettings.Invalid(description: "--tls-ca-out needs --tls-self-signed (it writes the test CA)")
            }
            self.identity = .files(certificate: certificate, key: key)
        case (nil, nil, true):
            self.identity = .selfSigned(caOut: caOut)
        case (_, _, true):
            throw ServeSettings.Invalid(description: "--tls-self-signed and --tls-cert/--tls-key exclude each other")
        case (_?, nil, false):
            throw ServeSettings.Invalid(description: "--tls-cert needs --tls-key")
        case (nil, _?, false):
            throw ServeSettings.Invalid(description: "--tls-key needs --tls-cert")
        case (nil, nil, false):
            throw ServeSettings.Invalid(description: "--tls-port needs --tls-cert and --tls-key, or --tls-self-signed")
        }
    }

    /// Loads or makes the certificate, writes the test CA where asked, and builds the listener's TLS context.
    /// Every failure names the file and the problem.
    func makeServerTLS() throws(TLSSetupError) -> MockHTTPServer.TLS {
        let identity: ServerIdentity
        switch self.identity {
        case .files(let certificate, let key):
            identity = try ServerIdentity.load(certificatePath: certificate, keyPath: key)
        case .selfSigned(let caOut):
            let authority: SelfSignedAuthority
            do {
                authority = try SelfSignedAuthority()
            } catch {
                throw .invalidConfiguration("--tls-self-signed: cannot make the test certificates: \(error)")
            }
            if let caOut {
                let pem: String
                do {
                    pem = try authority.certificateAuthorityPEM()
                } catch {
                    throw .invalidConfiguration("--tls-ca-out: cannot encode the test CA: \(error)")
                }
                try PEMFile.write(pem, to: caOut)
            }
            identity = authority.serverIdentity
        }
        do {
            return MockHTTPServer.TLS(context: try ServerTLS.makeContext(identity: identity))
        } catch {
            throw .invalidConfiguration("TLS setup failed: \(error)")
        }
    }
}
