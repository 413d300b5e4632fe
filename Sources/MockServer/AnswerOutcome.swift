import MockEngine

/// What writing one answer came to, as the writer returns it: how the connection ended, and why the plan's
/// fault did not apply, if it did not. What was written (each write, the head's headers) is in `ResponseLog`.
struct AnswerOutcome: Equatable {
    var ending: ConnectionEnding
    /// Set when the plan's fault could not apply to this answer, with the reason.
    var faultNotApplied: String?

    init(_ ending: ConnectionEnding, faultNotApplied: String? = nil) {
        self.ending = ending
        self.faultNotApplied = faultNotApplied
    }

    /// A complete answer: the connection stays open for the next request, or closes as asked.
    static func answered(stayOpen: Bool, faultNotApplied: String? = nil) -> Self {
        AnswerOutcome(stayOpen ? .keepAlive : .closed, faultNotApplied: faultNotApplied)
    }

    /// Whether the connection stays open for another request.
    var stayOpen: Bool { self.ending == .keepAlive }
}
