import MessagesAPI

/// `GET /_mock/journal` (filtered), `GET /_mock/journal/{id}`, `DELETE /_mock/journal`.
extension AdminAPI {
    func journalRoute(_ call: Call) -> ResponsePlan {
        switch call.segments.count {
        case 1:
            if call.method == "DELETE" {
                if let problem = Self.onlySession(call) { return problem }
                let cleared = self.journal.clear(session: call.session)
                return Self.json { json in
                    json.key("cleared"); json.int(cleared)
                    json.key("session"); call.session.map { json.string($0) } ?? json.null()
                }
            }
            return self.allow(call, "GET", "DELETE") { self.listJournal(call) }
        case 2:
            return self.allow(call, "GET") {
                guard let id = Int(call.segments[1]), let entry = self.journal.entry(id: id) else {
                    return .error(
                        APIError(type: .notFound, message: "No journal entry \(call.segments[1]) (it may have been dropped: the journal keeps the last \(self.journal.capacity))"),
                        source: .admin)
                }
                var json = JSONWriter(reservingCapacity: 2048)
                entry.write(to: &json, bodyLimit: self.journal.bodyLimit)
                return .json(json.bytes, source: .admin)
            }
        default:
            return Self.badRequest("journal paths are /_mock/journal and /_mock/journal/{id}")
        }
    }

    private func listJournal(_ call: Call) -> ResponsePlan {
        var filter: JournalFilter
        switch JournalFilter.parse(call.query) {
        case .success(let parsed): filter = parsed
        case .failure(let problem): return Self.badRequest(problem.message)
        }
        if filter.session == nil { filter.session = call.header(ScriptBook.sessionHeader) }
        let entries = self.journal.entries(matching: filter)
        let counts = self.journal.counts
        return Self.json { json in
            json.key("count"); json.int(entries.count)
            json.key("held"); json.int(counts.held)
            json.key("recorded"); json.int(counts.recorded)
            json.key("capacity"); json.int(self.journal.capacity)
            json.key("entries")
            json.beginArray()
            for entry in entries { entry.write(to: &json, bodyLimit: self.journal.bodyLimit) }
            json.endArray()
        }
    }
}
