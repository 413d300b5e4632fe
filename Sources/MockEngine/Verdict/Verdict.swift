/// Did the application behave well when the model misbehaved? Checks computed from one session's journal,
/// each `pass`, `fail` or `not_applicable`, with its evidence and a one-line explanation.
public struct Verdict: Sendable {
    /// The limits the checks hold the client to; each is a query parameter of `/_mock/verdict`.
    public struct Thresholds: Sendable, Equatable {
        /// How much earlier than advised a retry may come (clocks and scheduling are not exact).
        public var retryAfterTolerance: Duration = .milliseconds(50)
        /// Most retries of one request in a row.
        public var maxRetries = 10
        /// The shortest wait before a retry the server gave no advice for.
        public var minimumBackoff: Duration = .milliseconds(100)
        /// Each unadvised wait must be at least this many times the one before…
        public var backoffGrowth = 1.25
        /// …until the waits reach three quarters of this ceiling (the SDKs cap their delay at 8 s).
        public var backoffCap: Duration = .seconds(8)
        /// The test expects the client to leave streams unread: check 7 does not apply.
        public var expectAbandon = false

        public init() {}
    }

    /// The outcome of one check.
    public enum Status: String, Sendable {
        case pass
        case fail
        case notApplicable = "not_applicable"
    }

    /// One finding: the journal entries it is about and what was seen there.
    public struct Evidence: Sendable, Equatable {
        public var entries: [Int]
        public var detail: String
        /// Numbers a test may assert on (`advised_ms`, `waited_ms`…), in a fixed order.
        public var values: [(name: String, value: Int64)]

        public init(entries: [Int], detail: String, values: [(name: String, value: Int64)] = []) {
            self.entries = entries
            self.detail = detail
            self.values = values
        }

        public static func == (lhs: Evidence, rhs: Evidence) -> Bool {
            lhs.entries == rhs.entries && lhs.detail == rhs.detail
                && lhs.values.map(\.name) == rhs.values.map(\.name) && lhs.values.map(\.value) == rhs.values.map(\.value)
        }
    }

    /// One check's result.
    public struct Check: Sendable {
        /// `retry_after_honoured`, `retries_bounded`, …
        public var name: String
        public var status: Status
        /// One line a developer understands without reading the journal.
        public var explanation: String
        /// For a failure, what failed; for a pass, what was checked.
        public var evidence: [Evidence]
        /// False when entries this check needed were dropped from the journal, so a pass cannot be trusted.
        public var decided = true
    }

    public var session: String
    public var thresholds: Thresholds
    public var checks: [Check]
    /// The session's Messages requests the checks read.
    public var exchanges: Int
    /// Entries of this session the journal ring dropped; nil when unknown (see `Journal.droppedEntries`).
    public var droppedEntries: Int?

    /// True when no check failed.
    public var ok: Bool { !self.checks.contains { $0.status == .fail } }

    /// Runs every check over the session's exchanges, oldest first.
    public init(session: String, exchanges: [Exchange], droppedEntries: Int?, thresholds: Thresholds = Thresholds()) {
        self.session = session
        self.thresholds = thresholds
        self.exchanges = exchanges.count
        self.droppedEntries = droppedEntries
        let checks = RetryChecks(exchanges: exchanges, thresholds: thresholds)
        let conversations = ConversationChecks(exchanges: exchanges, thresholds: thresholds)
        self.checks = [
            checks.retryAfterHonoured(), checks.retriesBounded(), checks.noRetryOfUnretryable(),
            conversations.truncatedStreamNotAccepted(), conversations.historyIntact(),
            conversations.toolCallsAnswered(), conversations.streamsConsumed(),
        ]
        if droppedEntries != 0 {
            let lost = droppedEntries.map { "\($0) of this session's entries were" } ?? "entries of unknown sessions were"
            for index in self.checks.indices where self.checks[index].status != .fail {
                self.checks[index].decided = false
                self.checks[index].status = .notApplicable
                self.checks[index].explanation =
                    "Could not be decided: \(lost) dropped from the journal (raise --journal-size). "
                    + self.checks[index].explanation
            }
        }
    }
}

extension Verdict.Check {
    /// A check that found failures fails with the first one's detail; one that examined something passes;
    /// one that found nothing to examine does not apply.
    static func from(
        _ name: String, failures: [Verdict.Evidence], passes: [Verdict.Evidence], pass: String, fail: String,
        none: String
    ) -> Self {
        if let first = failures.first {
            let more = failures.count > 1 ? " (and \(failures.count - 1) more)" : ""
            return Self(name: name, status: .fail, explanation: "\(fail): \(first.detail)\(more)", evidence: failures)
        }
        if passes.isEmpty { return Self(name: name, status: .notApplicable, explanation: none, evidence: []) }
        return Self(name: name, status: .pass, explanation: pass, evidence: passes)
    }
}
