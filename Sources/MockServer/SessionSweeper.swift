import Logging
import MockEngine
import ServiceLifecycle

/// Drops the state of sessions idle for longer than `ttl` (`--session-ttl`), so a server that sees a new
/// `x-mock-session` per test keeps memory for the sessions in use, not for every session it has seen. Runs
/// beside the listeners as a service; each sweep that drops sessions logs how many and which.
public struct SessionSweeper: Service {
    let planner: ReplyPlanner
    let ttl: Duration
    let logger: Logger

    public init(planner: ReplyPlanner, ttl: Duration, logger: Logger) {
        self.planner = planner
        self.ttl = ttl
        self.logger = logger
    }

    /// How often to look: a quarter of the TTL, between one second and a minute, so a session is dropped at
    /// most a quarter TTL (or a minute) after its time.
    var interval: Duration {
        min(max(self.ttl / 4, .seconds(1)), .seconds(60))
    }

    public func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while true {
                try await Task.sleep(for: self.interval)
                self.sweep()
            }
        }
    }

    /// One sweep: drops the idle sessions and says so.
    func sweep(now: ContinuousClock.Instant = .now) {
        let dropped = self.planner.expireSessions(idleSince: now - self.ttl)
        guard !dropped.isEmpty else { return }
        let shown = dropped.prefix(5).map { "'\($0)'" }.joined(separator: ", ")
        self.logger.info(
            "dropped idle sessions",
            metadata: [
                "count": "\(dropped.count)", "sessions": "\(shown)\(dropped.count > 5 ? ", …" : "")",
                "idle-longer-than": "\(FaultSyntax.text(self.ttl))",
            ])
    }
}
