import MessagesAPI

/// The scripts in force and how often each has matched in each session. Sessions (the `x-mock-session`
/// header; no header is the default session) keep separate counts and may have scripts of their own, so
/// parallel tests never see each other's sequences or scripts.
///
/// Order of trial: the session's own scripts, then the global ones (files first, then those added at run
/// time), each list in the order it was built.
public final class ScriptBook: Sendable {
    /// The header that names a session.
    public static let sessionHeader = "x-mock-session"

    /// Where a script applies.
    public enum Scope: Sendable, Hashable {
        /// Every session.
        case global
        /// Only requests that carry this `x-mock-session`.
        case session(String)
    }

    /// A script in the book, with where it applies and where it came from.
    public struct Entry: Sendable {
        public var script: Script
        public var scope: Scope
        /// True for scripts added over the admin API; false for those read from files at start.
        public var addedAtRunTime: Bool
    }

    /// The book's verdict on one request.
    public enum Decision: Sendable {
        /// This script answers, with this reply (the match is counted).
        case answer(Entry, ScriptReply)
        /// The script that would answer is over its `rate_limit`: answer with this 429 (nothing counted).
        case rateLimited(Entry, APIError)
        /// No script answers; the closest ones, as asked for.
        case noMatch(NearMissReport)
    }

    /// How a decision reports the closest scripts when none answers.
    public enum NearMissMode: Sendable {
        /// Not at all.
        case none
        /// Found at once (costs a look at every script).
        case now
        /// Kept for later: what is needed to find them, by reference, at no cost now.
        case deferred
    }

    struct State {
        /// Global scripts as the files gave them, restored by a full reset.
        var fileScripts: [Entry]
        var global: [Entry] {
            didSet {
                self.globalIndex = ScriptIndex(self.global)
                self.version &+= 1
            }
        }
        var sessions: [String: [Entry]] = [:] {
            didSet { self.version &+= 1 }
        }
        /// Where in `global` a request's headers may find an answer.
        var globalIndex: ScriptIndex
        /// Changes with every change of scripts, so a decision made outside the lock knows it is stale.
        var version = 0
        /// Matches so far, by session and then script key (see `countKey`).
        var counts: [String: [String: Int]] = [:]
        /// When each named session with scripts or counts last used them, so idle sessions can be dropped.
        var lastUse: [String: ContinuousClock.Instant] = [:]

        init(scripts: [Entry]) {
            self.fileScripts = scripts
            self.global = scripts
            self.globalIndex = ScriptIndex(scripts)
        }

        /// Notes a named session's use now, or forgets it once it holds nothing.
        mutating func touch(_ session: String) {
            guard !session.isEmpty else { return }
            if self.sessions[session] == nil && self.counts[session] == nil {
                self.lastUse[session] = nil
            } else {
                self.lastUse[session] = .now
            }
        }
    }

    /// The scripts a session tries, as they stood at one moment; by reference, so taking one copies nothing.
    private struct Snapshot {
        var own: [Entry]
        var global: [Entry]
        var index: ScriptIndex
        var version: Int
    }

    let state: Locked<State>

    public init(scripts: [Script] = []) {
        let entries = scripts.map { Entry(script: $0, scope: .global, addedAtRunTime: false) }
        self.state = Locked(State(scripts: entries))
    }

    /// The global scripts, in order.
    public var scripts: [Script] { self.state.withLock { $0.global.map(\.script) } }

    /// Decides which script answers a request in `session`, counting the match. With `nearMisses`, a request
    /// nothing answers comes back with the closest scripts; that costs a second look, so only when wanted.
    public func decide(for facts: RequestFacts, session: String, nearMisses: Bool = false) -> Decision {
        self.decide(session: session, header: { facts.headers[$0] }, facts: { facts }, nearMisses: nearMisses ? .now : .none)
            .decision
    }

    /// Decides which script answers `request` in `session`, counting the match. The request's facts are worked
    /// out only if some script may answer (its header conditions can hold); they come back when they were.
    public func decide(
        for request: MessagesRequest, headers: [(name: String, value: String)], session: String, nearMisses: NearMissMode
    ) -> (decision: Decision, facts: RequestFacts?) {
        self.decide(
            session: session, header: { headers.firstValue(named: $0) },
            facts: { RequestFacts(request: request, headers: headers) }, nearMisses: nearMisses)
    }

    private func decide(
        session: String, header: (String) -> String?, facts makeFacts: () -> RequestFacts, nearMisses mode: NearMissMode
    ) -> (decision: Decision, facts: RequestFacts?) {
        var facts: RequestFacts?
        while true {
            let snapshot = self.state.withLock { state -> Snapshot? in
                let own = state.sessions[session] ?? []
                if own.isEmpty && state.global.isEmpty { return nil }
                return Snapshot(own: own, global: state.global, index: state.globalIndex, version: state.version)
            }
            guard let snapshot else { return (.noMatch(.none), nil) }
            // Conditions depend on the request alone, so scripts are tried outside the lock; only the counting
            // that picks the reply is done under it.
            let positions = snapshot.index.candidates(header: header)
            var holding: [Entry] = []
            if !snapshot.own.isEmpty || !positions.isEmpty {
                let known = facts ?? makeFacts()
                facts = known
                holding = snapshot.own.filter { $0.script.match.holds(for: known) }
                snapshot.index.rules.withUnsafeBufferPointer { rules in
                    for position in positions where rules[position].holds(for: known) {
                        holding.append(snapshot.global[position])
                    }
                }
            }
            var counts: [String: Int] = [:]
            if !holding.isEmpty || !snapshot.own.isEmpty {
                let counted = self.state.withLock { state -> Decision? in
                    guard state.version == snapshot.version else { return nil }
                    counts = state.counts[session] ?? [:]
                    for entry in holding {
                        let key = Self.countKey(entry)
                        let count = counts[key, default: 0]
                        guard let reply = entry.script.reply(forMatch: count) else { continue }
                        if let limited = entry.script.rateLimit?.check() { return .rateLimited(entry, limited) }
                        state.counts[session, default: [:]][key] = count + 1
                        state.touch(session)
                        return .answer(entry, reply)
                    }
                    // A session whose scripts are tried but miss is still in use.
                    if !snapshot.own.isEmpty { state.touch(session) }
                    return .noMatch(.none)
                }
                switch counted {
                case nil: continue  // The scripts changed while they were tried: try again with the new ones.
                case .noMatch?: break
                case let decided?: return (decided, facts)
                }
            }
            let probe = NearMissProbe(own: snapshot.own, global: snapshot.global, counts: counts)
            switch mode {
            case .none: return (.noMatch(.none), facts)
            case .deferred: return (.noMatch(.deferred(probe)), facts)
            case .now:
                let known = facts ?? makeFacts()
                return (.noMatch(.found(probe.misses(for: known))), known)
            }
        }
    }

    /// A script's answer to a request, or nil (rate limits are not checked here).
    public func answer(for facts: RequestFacts, session: String) -> (script: Script, reply: ScriptReply)? {
        if case .answer(let entry, let reply) = self.decide(for: facts, session: session) { return (entry.script, reply) }
        return nil
    }

    /// Counts are kept per script name within a scope; a session's script may share a global one's name.
    static func countKey(_ entry: Entry) -> String {
        entry.scope == .global ? entry.script.name : "\u{1}" + entry.script.name
    }

    /// Forgets the match counts of one session, or of all sessions.
    public func resetCounts(session: String? = nil) {
        self.state.withLock { state in
            if let session {
                state.counts[session] = nil
                state.touch(session)
            } else {
                state.counts = [:]
                state.lastUse = state.lastUse.filter { state.sessions[$0.key] != nil }
            }
        }
    }

    /// Drops the scripts and counts of every named session not used since `cutoff`; returns their names. The
    /// default session is never dropped: it is one, so it cannot grow without bound.
    public func expireSessions(idleSince cutoff: ContinuousClock.Instant) -> [String] {
        self.state.withLock { state in
            let idle = state.lastUse.filter { $0.value < cutoff }.map(\.key)
            guard !idle.isEmpty else { return [] }
            for session in idle {
                state.sessions[session] = nil
                state.counts[session] = nil
                state.lastUse[session] = nil
            }
            // Tables keep their capacity when entries go; after a burst of sessions, give the memory back.
            if state.lastUse.count * 4 < state.lastUse.capacity {
                state.lastUse = Dictionary(uniqueKeysWithValues: state.lastUse.map { ($0.key, $0.value) })
                state.counts = Dictionary(uniqueKeysWithValues: state.counts.map { ($0.key, $0.value) })
                state.sessions = Dictionary(uniqueKeysWithValues: state.sessions.map { ($0.key, $0.value) })
            }
            return idle
        }
    }

    /// Named sessions holding scripts or counts (the default session aside).
    public var sessionCount: Int { self.state.withLock { $0.lastUse.count } }

    /// Back to the state at start (`session` nil: file scripts only, no counts), or forgets one session's
    /// scripts and counts.
    public func reset(session: String? = nil) {
        self.state.withLock { state in
            if let session {
                state.sessions[session] = nil
                state.counts[session] = nil
                state.lastUse[session] = nil
            } else {
                state.global = state.fileScripts
                state.sessions = [:]
                state.counts = [:]
                state.lastUse = [:]
            }
        }
    }
}
