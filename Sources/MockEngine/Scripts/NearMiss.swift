/// A script that did not answer a request, and every reason why: the conditions that failed, or that its
/// replies are used up in this session. The fewer the reasons, the nearer the miss.
public struct NearMiss: Sendable, Equatable {
    public var script: String
    public var scope: ScriptBook.Scope
    /// The file the script came from, or where it was added at run time.
    public var source: String
    public var reasons: [String]

    public init(script: String, scope: ScriptBook.Scope, source: String, reasons: [String]) {
        self.script = script
        self.scope = scope
        self.source = source
        self.reasons = reasons
    }

    /// How many near misses a report names.
    public static let reportSize = 3

    /// The `reportSize` scripts closest to answering, fewest failed conditions first, ties in trial order.
    /// `matches` gives how often a script has already answered in the session, to explain used-up ones.
    static func closest(
        in entries: [ScriptBook.Entry], to facts: RequestFacts, matches: (ScriptBook.Entry) -> Int
    ) -> [NearMiss] {
        let misses = entries.map { entry in
            var reasons = entry.script.match.failures(for: facts)
            if reasons.isEmpty {
                let used = matches(entry)
                let limit = entry.script.times.map { "times: \($0)" } ?? "after_last: stop"
                reasons = ["used up: answered \(used) time\(used == 1 ? "" : "s") in this session (\(limit))"]
            }
            return NearMiss(script: entry.script.name, scope: entry.scope, source: entry.script.source, reasons: reasons)
        }
        let ranked = misses.enumerated().sorted { lhs, rhs in
            lhs.element.reasons.count != rhs.element.reasons.count
                ? lhs.element.reasons.count < rhs.element.reasons.count : lhs.offset < rhs.offset
        }
        return ranked.prefix(self.reportSize).map(\.element)
    }

    /// One line: `'weather' (responses/weather.yaml): last_user: text does not satisfy contains 'weather'`.
    public var summary: String {
        "'\(self.script)' (\(self.source)): " + self.reasons.joined(separator: "; ")
    }
}

/// The near misses of a request no script answered: none (nobody asked), found at once (strict mode, whose
/// answer names them), or left to be worked out when someone reads them (the journal).
public enum NearMissReport: Sendable {
    case none
    case found([NearMiss])
    case deferred(NearMissProbe)

    /// The near misses already found; empty for a deferred report.
    public var found: [NearMiss] {
        if case .found(let misses) = self { return misses }
        return []
    }

    /// The near misses, working a deferred report out for the request's facts (nil: the facts cannot be had).
    public func resolved(facts: () -> RequestFacts?) -> [NearMiss] {
        switch self {
        case .none: return []
        case .found(let misses): return misses
        case .deferred(let probe): return facts().map(probe.misses(for:)) ?? []
        }
    }
}

/// What a deferred near-miss report needs besides the request: the scripts tried, as they stood, and the
/// session's match counts at the time (to explain used-up scripts). Holds the book's arrays by reference, so
/// keeping one costs no copy.
public struct NearMissProbe: Sendable {
    let own: [ScriptBook.Entry]
    let global: [ScriptBook.Entry]
    let counts: [String: Int]

    public func misses(for facts: RequestFacts) -> [NearMiss] {
        NearMiss.closest(in: self.own + self.global, to: facts) { self.counts[ScriptBook.countKey($0), default: 0] }
    }
}
