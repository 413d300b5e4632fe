import MessagesAPI

/// Changing the book at run time (the admin API): list, add, replace and delete scripts in one scope.
extension ScriptBook {
    /// Why an edit was refused.
    public enum EditError: Error, Sendable, Equatable {
        /// Names already used in that scope.
        case nameTaken([String])
    }

    /// One script as listed: what it is and how often it has matched in the session asked about.
    public struct Listing: Sendable {
        public var entry: Entry
        public var matches: Int
    }

    /// The scripts a session sees, in the order they are tried: its own, then the global ones. Without a
    /// session (nil), only the global scripts, with the default session's counts.
    public func listing(session: String?) -> [Listing] {
        self.state.withLock { state in
            let counts = state.counts[session ?? ""] ?? [:]
            let own = session.flatMap { state.sessions[$0] } ?? []
            return (own + state.global).map { Listing(entry: $0, matches: counts[Self.countKey($0), default: 0]) }
        }
    }

    /// The scripts of exactly one scope, in order.
    public func entries(in scope: Scope) -> [Entry] {
        self.state.withLock { state in Self.list(scope, in: state) }
    }

    /// Appends scripts to a scope; refused as a whole when a name is already used there.
    public func add(_ scripts: [Script], to scope: Scope) -> Result<Void, EditError> {
        self.state.withLock { state in
            let existing = Set(Self.list(scope, in: state).map(\.script.name))
            let taken = scripts.map(\.name).filter(existing.contains)
            guard taken.isEmpty else { return .failure(.nameTaken(taken)) }
            let added = scripts.map { Entry(script: $0, scope: scope, addedAtRunTime: true) }
            Self.modify(scope, in: &state) { $0 += added }
            return .success(())
        }
    }

    /// Puts `script` in place of the one with its name in `scope` (keeping its position and clearing its
    /// counts), or appends it. Returns true when it replaced one.
    @discardableResult
    public func replace(with script: Script, in scope: Scope) -> Bool {
        self.state.withLock { state in
            let entry = Entry(script: script, scope: scope, addedAtRunTime: true)
            var replaced = false
            Self.modify(scope, in: &state) { list in
                if let index = list.firstIndex(where: { $0.script.name == script.name }) {
                    list[index] = entry
                    replaced = true
                } else {
                    list.append(entry)
                }
            }
            Self.forgetCounts(of: [entry], scope: scope, in: &state)
            return replaced
        }
    }

    /// Removes the script of this name from `scope`; false when there is none.
    public func delete(name: String, from scope: Scope) -> Bool {
        self.state.withLock { state in
            var removed: [Entry] = []
            Self.modify(scope, in: &state) { list in
                removed = list.filter { $0.script.name == name }
                list.removeAll { $0.script.name == name }
            }
            Self.forgetCounts(of: removed, scope: scope, in: &state)
            return !removed.isEmpty
        }
    }

    /// Removes every script of `scope` (file scripts too, for the global scope; a full reset restores them).
    /// Returns how many were removed.
    public func deleteAll(from scope: Scope) -> Int {
        self.state.withLock { state in
            var removed: [Entry] = []
            Self.modify(scope, in: &state) { list in
                removed = list
                list = []
            }
            Self.forgetCounts(of: removed, scope: scope, in: &state)
            return removed.count
        }
    }

    private static func list(_ scope: Scope, in state: State) -> [Entry] {
        switch scope {
        case .global: return state.global
        case .session(let session): return state.sessions[session] ?? []
        }
    }

    private static func modify(_ scope: Scope, in state: inout State, _ change: (inout [Entry]) -> Void) {
        switch scope {
        case .global:
            change(&state.global)
        case .session(let session):
            var list = state.sessions[session] ?? []
            change(&list)
            state.sessions[session] = list.isEmpty ? nil : list
            state.touch(session)
        }
    }

    /// A changed or removed script starts afresh: in every session for a global one, else in its session.
    private static func forgetCounts(of entries: [Entry], scope: Scope, in state: inout State) {
        let keys = entries.map(Self.countKey)
        guard !keys.isEmpty else { return }
        switch scope {
        case .global:
            for session in state.counts.keys { for key in keys { state.counts[session]?[key] = nil } }
        case .session(let session):
            for key in keys { state.counts[session]?[key] = nil }
        }
    }
}
