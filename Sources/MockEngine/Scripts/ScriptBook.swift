import MessagesAPI
import Synchronization

/// The scripts in force and how often each has matched in each session. Sessions (the `x-mock-session`
/// header; no header is the default session) keep separate counts, so parallel tests never see each
/// other's sequences.
public final class ScriptBook: Sendable {
    /// The header that names a session.
    public static let sessionHeader = "x-mock-session"

    private struct State {
        var scripts: [Script]
        /// Matches so far, by session and then script name.
        var counts: [String: [String: Int]] = [:]
    }

    private let state: Mutex<State>

    public init(scripts: [Script] = []) {
        self.state = Mutex(State(scripts: scripts))
    }

    public var scripts: [Script] { self.state.withLock { $0.scripts } }

    /// A script's answer to a request: the first script, in order, whose conditions hold and which still has
    /// a reply for this session. Taking the answer counts the match.
    public func answer(for facts: RequestFacts, session: String) -> (script: Script, reply: ScriptReply)? {
        self.state.withLock { state in
            var counts = state.counts[session, default: [:]]
            defer { state.counts[session] = counts }
            for script in state.scripts where script.match.failure(for: facts) == nil {
                let count = counts[script.name, default: 0]
                guard let reply = script.reply(forMatch: count) else { continue }
                counts[script.name] = count + 1
                return (script, reply)
            }
            return nil
        }
    }

    /// The 429 for a request whose first matching script has a rate limit it exceeds, if any.
    func rateLimited(for facts: RequestFacts, session: String) -> APIError? {
        let script = self.state.withLock { state in
            state.scripts.first { script in
                script.match.failure(for: facts) == nil
                    && script.reply(forMatch: state.counts[session]?[script.name] ?? 0) != nil
            }
        }
        return script?.rateLimit?.check()
    }

    /// Forgets the match counts of one session, or of all sessions.
    public func resetCounts(session: String? = nil) {
        self.state.withLock { state in
            if let session { state.counts[session] = nil } else { state.counts = [:] }
        }
    }
}
