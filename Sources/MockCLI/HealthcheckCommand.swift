import ArgumentParser
import NIOCore
import NIOPosix

/// `fireworks-mock healthcheck`: exit 0 when the server answers its health route with 200, 1 otherwise,
/// always within 2 seconds. Used by the container's HEALTHCHECK, where no curl is available.
public struct HealthcheckCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "healthcheck",
        abstract: "Exit 0 if the mock answers GET /health with 200 within 2 seconds, 1 otherwise."
    )

    @Option(help: "Health URL to ask. (default: http://127.0.0.1:<FIREWORKS_MOCK_PORT or 8080>/health)")
    var url: String?

    public init() {}

    public func run() async throws {
        let port = Environment.current["FIREWORKS_MOCK_PORT"].flatMap(Int.init) ?? 8080
        let text = self.url ?? "http://127.0.0.1:\(port)/health"
        guard let target = HealthTarget(url: text) else {
            Console.error("healthcheck: '\(text)' is not an http://host:port/path URL")
            throw ExitCode(1)
        }
        let status = await HealthProbe.status(of: target, timeout: .seconds(2))
        if status == 200 {
            Console.out("healthy: \(text)")
            return
        }
        Console.error("unhealthy: \(text) (\(status.map { "status \($0)" } ?? "no answer"))")
        throw ExitCode(1)
    }
}

/// Host, port and path of an `http://` URL.
struct HealthTarget: Equatable {
    var host: String
    var port: Int
    var path: String

    init?(url: String) {
        guard url.hasPrefix("http://") else { return nil }
        let rest = url.dropFirst("http://".count)
        let authority = rest.prefix(while: { $0 != "/" })
        let path = rest.dropFirst(authority.count)
        self.path = path.isEmpty ? "/health" : String(path)
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            self.host = String(authority[authority.index(after: authority.startIndex)..<close])
            let after = authority[authority.index(after: close)...]
            self.port = after.hasPrefix(":") ? Int(after.dropFirst()) ?? -1 : 80
        } else if let colon = authority.lastIndex(of: ":") {
            self.host = String(authority[..<colon])
            self.port = Int(authority[authority.index(after: colon)...]) ?? -1
        } else {
            self.host = String(authority)
            self.port = 80
        }
        guard !self.host.isEmpty, (1...65535).contains(self.port) else { return nil }
    }
}

/// One GET over a fresh connection, read until the status line is complete.
enum HealthProbe {
    static func status(of target: HealthTarget, timeout: Duration) async -> Int? {
        await withTaskGroup(of: Int?.self) { group in
            group.addTask { try? await self.fetchStatus(target) }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    private static func fetchStatus(_ target: HealthTarget) async throws -> Int? {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(2))
            .connect(host: target.host, port: target.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
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
