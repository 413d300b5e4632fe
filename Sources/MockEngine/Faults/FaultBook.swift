import Synchronization

/// Counts, per session, how many requests a fault rule has been applied to, so a rule with `times: N`
/// fails only the first N requests of each session ("fail twice, then succeed").
public final class FaultBook: Sendable {
    private let counts = Mutex<[String: Int]>([:])

    public init() {}

    /// Whether `rule` applies to this request; counts it when it does.
    public func applies(_ rule: FaultRule, key: String, session: String) -> Bool {
        guard let times = rule.times else { return true }
        return self.counts.withLock { counts in
            let id = "\(session)\u{0}\(key)"
            let used = counts[id, default: 0]
            guard used < times else { return false }
            counts[id] = used + 1
            return true
        }
    }

    /// Forgets the counts of one session, or of every session.
    public func reset(session: String? = nil) {
        self.counts.withLock { counts in
            guard let session else { return counts = [:] }
            let prefix = session + "\u{0}"
            counts = counts.filter { !$0.key.hasPrefix(prefix) }
        }
    }
}
