import MockEngine

extension JournalEntry {
    /// The entry for a request, the plan that answered it, what the writer logged while sending it, and how
    /// the answer ended.
    init(
        _ request: RequestContext, _ plan: ResponsePlan, requestID: String, at epochMicroseconds: Int64, log: ResponseLog,
        outcome: AnswerOutcome
    ) {
        self.init(
            epochMicroseconds: epochMicroseconds, requestID: requestID,
            session: request.header(ScriptBook.sessionHeader) ?? "", method: request.method, path: request.path,
            query: request.query, headers: request.headers, body: request.body, status: plan.status,
            responseHeaders: log.headers, source: plan.source)
        if case .complete(let body) = plan.body {
            self.responseBody = body
            self.responseBodySize = body.count
        }
        // An exact-size copy: the log's buffer grows by doubling and is reused for the next answer, and a
        // full journal of streams would otherwise keep every buffer's spare capacity.
        var writes: [JournalWrite] = []
        writes.reserveCapacity(log.writes.count)
        writes.append(contentsOf: log.writes)
        self.writes = writes
        self.writesDropped = log.dropped
        self.script = plan.script
        self.nearMissReport = plan.nearMisses
        self.fault = plan.fault
        self.faultOrigin = plan.faultOrigin
        self.faultNotApplied = outcome.faultNotApplied
        self.duration = ContinuousClock.now - log.start
        self.ending = outcome.ending
        self.sent = plan.sentSource
        self.upstream = plan.upstream
        self.recording = plan.recording
    }

    /// The entry for a request the client stopped sending partway: no answer (status 0), what came of the body.
    init(unanswered request: RequestContext, requestID: String, at epochMicroseconds: Int64, since start: ContinuousClock.Instant) {
        self.init(
            epochMicroseconds: epochMicroseconds, requestID: requestID,
            session: request.header(ScriptBook.sessionHeader) ?? "", method: request.method, path: request.path,
            query: request.query, headers: request.headers, body: request.body, status: 0, responseHeaders: [],
            source: .incompleteRequest)
        self.duration = ContinuousClock.now - start
        self.ending = .requestIncomplete
    }
}
