import MessagesAPI

/// The request journal: the last `capacity` API requests, oldest dropped first, so memory stays flat under
/// any load. Bodies are cut to `bodyLimit` bytes as they are recorded. A capacity of 0 turns it off.
public final class Journal: Sendable {
    public let capacity: Int
    public let bodyLimit: Int

    /// An entry behind a reference: the ring then moves and frees entries as single pointers, and an entry's
    /// fields are destroyed by compiled code rather than walked through type metadata at run time.
    final class Box: Sendable {
        let entry: JournalEntry

        init(_ entry: JournalEntry) {
            self.entry = entry
        }
    }

    struct State {
        /// A ring: `entries[start]` is the oldest once the ring is full.
        var entries: [Box] = []
        var start = 0
        var nextID = 1
        /// Entries of each session the ring has pushed out, so a verdict knows when it cannot see everything.
        var lost: [String: Int] = [:]
        /// Set once more sessions have lost entries than `lost` tracks: then any session may have.
        var lostUntracked = false
    }

    /// Sessions whose lost entries are counted one by one; past it, only the fact that some were lost is kept.
    static let lostSessionLimit = 10_000

    private let state = Locked(State())

    public init(capacity: Int = 1000, bodyLimit: Int = 64 * 1024) {
        self.capacity = max(0, capacity)
        self.bodyLimit = max(0, bodyLimit)
    }

    public var isEnabled: Bool { self.capacity > 0 }

    /// Adds an entry (cutting its bodies to the limit) and returns its id; 0 when the journal is off.
    @discardableResult
    public func record(_ entry: JournalEntry) -> Int {
        guard self.isEnabled else { return 0 }
        var entry = self.cut(entry)
        let (id, evicted) = self.state.withLock { state -> (Int, Box?) in
            entry.id = state.nextID
            state.nextID += 1
            let box = Box(entry)
            if state.entries.count < self.capacity {
                state.entries.append(box)
                return (entry.id, nil)
            }
            let old = state.entries[state.start]
            state.entries[state.start] = box
            state.start = (state.start + 1) % self.capacity
            let session = old.entry.session
            if state.lost[session] != nil || state.lost.count < Self.lostSessionLimit {
                state.lost[session, default: 0] += 1
            } else {
                state.lostUntracked = true
            }
            return (entry.id, old)
        }
        // The oldest entry is freed here, outside the lock.
        _ = consume evicted
        return id
    }

    /// Puts `entry` in the place of the entry `id`, when the ring still holds it: an answer journaled before its
    /// last write, whose last write then failed.
    public func replace(id: Int, with entry: JournalEntry) {
        guard self.isEnabled else { return }
        var entry = self.cut(entry)
        entry.id = id
        let box = Box(entry)
        let old: Box? = self.state.withLock { state in
            guard let index = state.entries.firstIndex(where: { $0.entry.id == id }) else { return nil }
            let old = state.entries[index]
            state.entries[index] = box
            return old
        }
        // The replaced entry is freed here, outside the lock.
        _ = consume old
    }

    /// Bodies cut to the limit.
    private func cut(_ entry: JournalEntry) -> JournalEntry {
        var entry = entry
        if entry.body.count > self.bodyLimit {
            // Verdicts read the conversation from the body: read it now, while the body is whole.
            if entry.method == "POST" { entry.conversation = Conversation(body: entry.body) }
            // Near misses are worked out from the whole body too: now, or never.
            if case .deferred = entry.nearMissReport { entry.nearMissReport = .found(entry.nearMisses) }
            entry.body = Array(entry.body.prefix(self.bodyLimit))
        }
        if let body = entry.responseBody, body.count > self.bodyLimit {
            entry.responseBody = Array(body.prefix(self.bodyLimit))
        }
        return entry
    }

    /// Entries that pass `filter`, oldest first (at most `filter.limit`, the newest ones).
    public func entries(matching filter: JournalFilter = JournalFilter()) -> [JournalEntry] {
        let all = self.state.withLock { state in
            Array(state.entries[state.start...] + state.entries[..<state.start])
        }
        let kept = all.lazy.map(\.entry).filter(filter.accepts)
        guard let limit = filter.limit else { return Array(kept) }
        return Array(Array(kept).suffix(limit))
    }

    public func entry(id: Int) -> JournalEntry? {
        self.state.withLock { state in state.entries.first { $0.entry.id == id }?.entry }
    }

    /// Removes every entry, or those of one session; returns how many went.
    @discardableResult
    public func clear(session: String? = nil) -> Int {
        self.state.withLock { state in
            let ordered = Array(state.entries[state.start...] + state.entries[..<state.start])
            let kept = session.map { session in ordered.filter { $0.entry.session != session } } ?? []
            state.entries = kept
            state.start = 0
            if let session {
                state.lost[session] = nil
            } else {
                state.lost = [:]
                state.lostUntracked = false
            }
            return ordered.count - kept.count
        }
    }

    /// How many of a session's entries the ring has pushed out since its last clear; nil when that is unknown
    /// (too many sessions lost entries to count each).
    public func droppedEntries(session: String) -> Int? {
        self.state.withLock { state in
            if let count = state.lost[session] { return count }
            return state.lostUntracked ? nil : 0
        }
    }

    /// Entries held now, and requests recorded since start (ids keep counting after clears).
    public var counts: (held: Int, recorded: Int) {
        self.state.withLock { ($0.entries.count, $0.nextID - 1) }
    }
}
