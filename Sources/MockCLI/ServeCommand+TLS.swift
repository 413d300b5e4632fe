import ArgumentParser
import Logging
import MockServer
import MockTLS

extension ServeCommand {
    /// The TLS listener's context, or nil without `--tls-port`; a bad setup prints one line naming the file and
    /// the problem and exits 1.
    static func makeServerTLS(_ settings: TLSSettings?) throws -> MockHTTPServer.TLS? {
        guard let settings else { return nil }
        do {
            return try settings.makeServerTLS()
        } catch {
            Console.error("fireworks-mock: \(error)")
            throw ExitCode(1)
        }
    }

    /// Binds the HTTPS listener with the plain listener's very configuration: the router configuration holds
    /// the planner's shared state, so scripts, sequences, faults and rate limits are common to both ports.
    /// If it cannot listen, the plain listener is closed too and the process exits 1.
    static func bindTLS(
        _ tls: MockHTTPServer.TLS?,
        port: Int?,
        sharing configuration: MockHTTPServer.Configuration,
        plain: MockHTTPServer,
        logger: Logger
    ) async throws -> MockHTTPServer? {
        guard let tls, let port else { return nil }
        var configuration = configuration
        configuration.port = port
        configuration.tls = tls
        do {
            return try await MockHTTPServer.bind(configuration, logger: logger)
        } catch {
            await plain.close()
            Console.error("fireworks-mock: \(error)")
            throw ExitCode(1)
        }
    }
}
