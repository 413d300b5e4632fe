import MessagesAPI

/// Counts, per session, how many requests a fault rule has been applied to, so a rule with `times: N`
/// fails only the first N requests of each session ("fail twice, then succeed").
public final class FaultBook: Sendable {
    /// One session's counts, by rule key, and when it last counted.
    struct Session {
        var counts: [String: Int] = [:]
        var lastUse = ContinuousClock.now
    }

    private let sessions = Locked<[String: Session]>([:])

    public init() {}

    /// Whether `rule` applies to this request; counts it when it does.
    public func applies(_ rule: FaultRule, key: String, session: String) -> Bool {
        guard let times = rule.times else { return true }
        return self.sessions.withLock { sessions in
            let used = sessions[session]?.counts[key] ?? 0
            guard used < times else { return false }
            sessions[session, default: Session()].counts[key] = used + 1
            sessions[session]?.lastUse = .now
            return true
        }
    }

    /// Forgets the counts of one session, or of every session.
    public func reset(session: String? = nil) {
        self.sessions.withLock { sessions in
            guard let session else { return sessions = [:] }
            sessions[session] = nil
        }
    }

    /// Drops the counts of every named session that has not counted since `cutoff`; returns their names. The
    /// default session is kept, as in `ScriptBook`.
    public func expireSessions(idleSince cutoff: ContinuousClock.Instant) -> [String] {
        self.sessions.withLock { sessions in
            let idle = sessions.filter { !$0.key.isEmpty && $0.value.lastUse < cutoff }.map(\.key)
            for session in idle { sessions[session] = nil }
            // A table keeps its capacity when entries go; after a burst of sessions, give the memory back.
            if !idle.isEmpty, sessions.count * 4 < sessions.capacity {
                sessions = Dictionary(uniqueKeysWithValues: sessions.map { ($0.key, $0.value) })
            }
            return idle
        }
    }

    /// Sessions holding counts, the default session included.
    public var sessionCount: Int { self.sessions.withLock { $0.count } }
}
