import Logging
import MockServer
import Testing

@Suite struct BindTests {
    @Test func portZero_picksAFreePortAndReportsIt() async throws {
        let server = try await MockHTTPServer.bind(.init(port: 0), logger: Logger(label: "test"))
        #expect(server.port > 0)
        #expect(server.url == "http://127.0.0.1:\(server.port)")
        await server.close()
    }

    @Test func portInUse_failsWithAClearMessage() async throws {
        let first = try await MockHTTPServer.bind(.init(port: 0), logger: Logger(label: "test"))
        do {
            let second = try await MockHTTPServer.bind(.init(port: first.port), logger: Logger(label: "test"))
            Issue.record("second bind succeeded")
            await second.close()
        } catch {
            #expect("\(error)" == "cannot listen on 127.0.0.1:\(first.port): address already in use (another process is listening on that port)")
        }
        await first.close()
    }

    @Test func ipv6Loopback_isBracketedInTheURL() async throws {
        guard let server = try? await MockHTTPServer.bind(.init(host: "::1", port: 0), logger: Logger(label: "test"))
        else { return }  // No IPv6 loopback on this machine.
        #expect(server.url == "http://[::1]:\(server.port)")
        await server.close()
    }
}
