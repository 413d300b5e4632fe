import MessagesAPI

/// `GET /_mock/verdict?session=S[&format=text][&thresholds…]`: the checks of one session's journal.
extension AdminAPI {
    func verdictRoute(_ call: Call) -> ResponsePlan {
        guard call.segments.count == 1 else { return Self.badRequest("the verdict path is /_mock/verdict") }
        return self.allow(call, "GET") {
            let thresholds: Verdict.Thresholds
            switch Verdict.Thresholds.parse(call.query) {
            case .success(let parsed): thresholds = parsed
            case .failure(let problem): return Self.badRequest(problem.message)
            }
            let format = call.query.last { $0.name == "format" }?.value ?? "json"
            guard format == "json" || format == "text" else {
                return Self.badRequest("format: must be json or text, not '\(format)'")
            }
            let session = call.session ?? ""
            let verdict = self.verdict(session: session, thresholds: thresholds)
            if format == "text" {
                return ResponsePlan(
                    status: 200, headers: [("content-type", "text/plain; charset=utf-8")], body: .complete(Array(verdict.text.utf8)),
                    source: .admin)
            }
            var json = JSONWriter(reservingCapacity: 2048)
            verdict.writeJSON(to: &json)
            return .json(json.bytes, source: .admin)
        }
    }

    /// The verdict over the session's Messages requests in the journal, oldest first.
    public func verdict(session: String, thresholds: Verdict.Thresholds = Verdict.Thresholds()) -> Verdict {
        let entries = self.journal.entries(matching: JournalFilter(session: session, method: "POST"))
            .filter { $0.path.hasSuffix("/v1/messages") && $0.status != 0 }
        return Verdict(
            session: session, exchanges: entries.map(Exchange.init),
            droppedEntries: self.journal.droppedEntries(session: session), thresholds: thresholds)
    }
}
