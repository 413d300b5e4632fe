import ArgumentParser
import MockTLS
import NIOCore
import NIOPosix
import NIOSSL

/// `fireworks-mock healthcheck`: exit 0 when the server answers its health route with 200, 1 otherwise,
/// always within 2 seconds. Used by the container's HEALTHCHECK, where no curl is available.
public struct HealthcheckCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "healthcheck",
        abstract: "Exit 0 if the mock answers GET /health with 200 within 2 seconds, 1 otherwise."
    )

    @Option(help: "Health URL to ask, http:// or https://. (default: http://127.0.0.1:<FIREWORKS_MOCK_PORT or 8080>/health)")
    var url: String?

    @Option(
        help: "For an https URL: trust the CA certificates in this PEM file instead of the system's. (default: FIREWORKS_MOCK_TLS_CA_OUT, the self-signed CA the server writes)"
    )
    var caFile: String?

    public init() {}

    public func run() async throws {
        let port = Environment.current["FIREWORKS_MOCK_PORT"].flatMap(Int.init) ?? 8080
        let text = self.url ?? "http://127.0.0.1:\(port)/health"
        guard let target = HealthTarget(url: text) else {
            Console.error("healthcheck: '\(text)' is not an http:// or https://host:port/path URL")
            throw ExitCode(1)
        }
        var tls: NIOSSLContext?
        if target.secure {
            do {
                tls = try HealthProbe.clientContext(
                    caFile: self.caFile ?? Environment.current["FIREWORKS_MOCK_TLS_CA_OUT"].flatMap { $0.isEmpty ? nil : $0 })
            } catch {
                Console.error("healthcheck: \(error)")
                throw ExitCode(1)
            }
        }
        switch await HealthProbe.status(of: target, tls: tls, timeout: .seconds(2)) {
        case .success(200):
            Console.out("healthy: \(text)")
            return
        case .success(let status):
            Console.error("unhealthy: \(text) (status \(status))")
        case .failure(let problem):
            Console.error("unhealthy: \(text) (\(problem.reason))")
        }
        throw ExitCode(1)
    }
}

/// Host, port and path of an `http://` or `https://` URL.
struct HealthTarget: Equatable {
    var host: String
    var port: Int
    var path: String
    var secure = false

    init?(url: String) {
        let scheme: String
        if url.hasPrefix("http://") {
            scheme = "http://"
        } else if url.hasPrefix("https://") {
            scheme = "https://"
            self.secure = true
        } else {
            return nil
        }
        let defaultPort = self.secure ? 443 : 80
        let rest = url.dropFirst(scheme.count)
        let authority = rest.prefix(while: { $0 != "/" })
        let path = rest.dropFirst(authority.count)
        self.path = path.isEmpty ? "/health" : String(path)
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            self.host = String(authority[authority.index(after: authority.startIndex)..<close])
            let after = authority[authority.index(after: close)...]
            self.port = after.hasPrefix(":") ? Int(after.dropFirst()) ?? -1 : defaultPort
        } else if let colon = authority.lastIndex(of: ":") {
            self.host = String(authority[..<colon])
            self.port = Int(authority[authority.index(after: colon)...]) ?? -1
        } else {
            self.host = String(authority)
            self.port = defaultPort
        }
        guard !self.host.isEmpty, (1...65535).contains(self.port) else { return nil }
    }
}

/// Why the probe got no status: the reason in words, for the line the command prints.
struct HealthProblem: Error, Equatable {
    var reason: String
}

/// One GET over a fresh connection, read until the status line is complete.
enum HealthProbe {
    /// The status the server answered, or why there was none (refused, TLS, no answer in time…).
    static func status(of target: HealthTarget, tls: NIOSSLContext? = nil, timeout: Duration) async -> Result<Int, HealthProblem> {
        await withTaskGroup(of: Result<Int, HealthProblem>.self) { group in
            group.addTask {
                do {
                    guard let status = try await self.fetchStatus(target, tls: tls) else {
                        return .failure(HealthProblem(reason: "closed without a status line"))
                    }
                    return .success(status)
                } catch {
                    return .failure(HealthProblem(reason: self.describe(error)))
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return .failure(HealthProblem(reason: "no answer within \(timeout.components.seconds) s"))
            }
            let first = await group.next() ?? .failure(HealthProblem(reason: "no answer"))
            group.cancelAll()
            return first
        }
    }

    /// A failed connection or handshake in a few words.
    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as NIOConnectionError:
            if let first = error.connectionErrors.first { return self.describe(first.error) }
            return error.dnsAError != nil || error.dnsAAAAError != nil ? "cannot resolve the host" : "connection failed"
        case let error as IOError where error.errnoCode == ECONNREFUSED: return "connection refused"
        case let error as IOError: return "connection failed: \(error.description)"
        case ChannelError.connectTimeout: return "connect timed out"
        case NIOSSLError.handshakeFailed(let reason):
            let text = "\(reason)"
            if text.contains("CERTIFICATE_VERIFY_FAILED") {
                return "TLS: the server's certificate is not trusted (CERTIFICATE_VERIFY_FAILED); give its CA with --ca-file"
            }
            return "TLS handshake failed: \(text)"
        case let error as NIOSSLExtraError where error == .failedToValidateHostname:
            return "TLS: the server's certificate does not name this host: \(error)"
        default: return "\(error)"
        }
    }

    /// A client context that verifies the server fully, against `caFile`'s certificates or the system's.
    static func clientContext(caFile: String?) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        if let caFile {
            let text = try PEMFile.read(caFile)
            do {
                configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(text.utf8)))
            } catch {
                throw TLSSetupError.notPEM(path: caFile, expected: "CERTIFICATE")
            }
        }
        return try NIOSSLContext(configuration: configuration)
    }

    private static func fetchStatus(_ target: HealthTarget, tls: NIOSSLContext?) async throws -> Int? {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(2))
            .connect(host: target.host, port: target.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        // SNI takes names only; for an address literal the certificate is checked against it.
                        let name = target.host.contains(":") || target.host.allSatisfy({ $0.isNumber || $0 == "." })
                            ? nil : target.host
                        try channel.pipeline.syncOperations.addHandler(
                            NIOSSLClientHandler(context: tls, serverHostname: name))
                    }
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await withTaskCancellationHandler {
            try await channel.executeThenClose { inbound, outbound in
                let host = target.host.contains(":") ? "[\(target.host)]" : target.host
                try await outbound.write(
                    ByteBuffer(string: "GET \(target.path) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n"))
                var received = ByteBuffer()
                for try await var chunk in inbound {
                    received.writeBuffer(&chunk)
                    let text = String(buffer: received)
                    if let lineEnd = text.firstIndex(of: "\r\n") ?? text.firstIndex(of: "\n") {
                        let parts = text[..<lineEnd].split(separator: " ")
                        return parts.count >= 2 ? Int(parts[1]) : nil
                    }
                }
                return nil
            }
        } onCancel: {
            channel.channel.close(promise: nil)
        }
    }
}
