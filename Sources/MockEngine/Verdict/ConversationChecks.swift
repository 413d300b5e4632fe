/// Checks 4 to 7: what the client did with the answers it got. An assistant turn in a request is matched to
/// the answer it came from: the latest earlier exchange whose messages were exactly the messages before it.
struct ConversationChecks {
    let exchanges: [Exchange]
    let thresholds: Verdict.Thresholds

    /// The finished exchange whose answer the assistant turn `index` of `request` should be.
    func origin(of request: Exchange, turn index: Int) -> (exchange: Exchange, answer: SentAnswer)? {
        guard let conversation = request.conversation else { return nil }
        for earlier in self.exchanges.reversed() where earlier.id < request.id {
            guard let previous = earlier.conversation, previous.turns.count == index,
                previous.prefixes[index] == conversation.prefixes[index]
            else { continue }
            guard earlier.outcome == .success, let sent = earlier.sent else { return nil }
            return (earlier, sent.answer)
        }
        return nil
    }

    /// Each assistant turn sent back that continues the conversation (a final assistant turn is a prefill of
    /// the client's own, not an answer sent back), with the answer it came from.
    private func answersSentBack() -> [(request: Exchange, index: Int, origin: Exchange, answer: SentAnswer)] {
        var found: [(Exchange, Int, Exchange, SentAnswer)] = []
        for request in self.exchanges {
            guard let turns = request.conversation?.turns else { continue }
            for index in turns.indices.dropLast() where turns[index].role == "assistant" {
                if let (origin, answer) = self.origin(of: request, turn: index) { found.append((request, index, origin, answer)) }
            }
        }
        return found
    }

    /// 4. After a stream that did not finish, no later request carries its cut-off output as a finished
    /// assistant turn (it may retry the request, or give up on it).
    func truncatedStreamNotAccepted() -> Verdict.Check {
        var failures: [Verdict.Evidence] = []
        var passes: [Verdict.Evidence] = []
        for cut in self.exchanges where cut.isStream && !cut.streamFinished {
            guard let conversation = cut.conversation, let planned = cut.sent?.answer else { continue }
            let count = conversation.turns.count
            let later = self.exchanges.filter { $0.id > cut.id }
            guard let next = later.first else { continue }
            let carrying = later.first { request in
                guard let turns = request.conversation?.turns, turns.count > count,
                    request.conversation?.prefixes[count] == conversation.prefixes[count], turns[count].role == "assistant"
                else { return false }
                let turn = Turn(role: "assistant", blocks: turns[count].blocks)
                let text = SentAnswer(blocks: turn.blocks).text
                // The same turn coming from a finished retry of the request is fine.
                if let origin = self.origin(of: request, turn: count), origin.answer.blocks == turn.blocks { return false }
                let sharesText = !text.isEmpty && planned.text.hasPrefix(text)
                let sharesToolCall = !Set(turn.toolUseIDs).isDisjoint(with: planned.toolUseIDs)
                return sharesText || sharesToolCall
            }
            if let carrying, let turns = carrying.conversation?.turns {
                let kept = SentAnswer(blocks: turns[count].blocks).text
                failures.append(
                    .init(
                        entries: [cut.id, carrying.id],
                        detail: "entry \(carrying.id) sends entry \(cut.id)'s unfinished stream back as a finished assistant turn (messages[\(count)]: \(Quote(kept)), \(kept.count) of \(planned.text.count) characters)",
                        values: [("kept_characters", Int64(kept.count)), ("planned_characters", Int64(planned.text.count))]))
            } else {
                passes.append(.init(entries: [cut.id, next.id], detail: "entry \(cut.id)'s unfinished stream was not kept (next: entry \(next.id))"))
            }
        }
        return .from(
            "truncated_stream_not_accepted", failures: failures, passes: passes,
            pass: "No unfinished stream was kept as a finished assistant turn.",
            fail: "An unfinished stream was kept as a finished assistant turn",
            none: "No stream ended unfinished before another request of the session.")
    }

    /// 5. Every assistant turn sent back equals the answer it came from: text, tool calls (ids, names, inputs)
    /// and thinking with its signature. Thinking may be left out of earlier turns, as the API allows, but not
    /// from the turn a tool loop continues.
    func historyIntact() -> Verdict.Check {
        var failures: [Verdict.Evidence] = []
        var passes: [Verdict.Evidence] = []
        var reported = Set<Int>()
        for (request, index, origin, answer) in self.answersSentBack() {
            let turns = request.conversation!.turns
            let continuesToolLoop = index == turns.count - 2 && !turns[index].toolUseIDs.isEmpty
            if let difference = TurnDifference.first(sent: answer.blocks, got: turns[index].blocks, thinkingRequired: continuesToolLoop) {
                guard reported.insert(origin.id).inserted else { continue }
                failures.append(
                    .init(
                        entries: [origin.id, request.id],
                        detail: "entry \(request.id) sends back entry \(origin.id)'s answer changed: messages[\(index)].\(difference)"))
            } else {
                passes.append(.init(entries: [origin.id, request.id], detail: "entry \(request.id) sends back entry \(origin.id)'s answer unchanged (messages[\(index)])"))
            }
        }
        return .from(
            "history_intact", failures: failures, passes: passes,
            pass: "Every answer sent back in the history was unchanged.",
            fail: "An answer sent back in the history was changed",
            none: "No request sent back an answer of the mock's.")
    }

    /// 6. Every tool call of an answer is answered, in the next user turn, by a `tool_result` with its id, and
    /// no `tool_result` there names an id the answer did not have.
    func toolCallsAnswered() -> Verdict.Check {
        var failures: [Verdict.Evidence] = []
        var passes: [Verdict.Evidence] = []
        var reported = Set<Int>()
        for (request, index, origin, answer) in self.answersSentBack() where !answer.toolUseIDs.isEmpty {
            let next = request.conversation!.turns[index + 1]
            let results = next.role == "user" ? next.toolResultIDs : []
            let missing = answer.toolUseIDs.filter { !results.contains($0) }
            let unknown = results.filter { !answer.toolUseIDs.contains($0) }
            if missing.isEmpty && unknown.isEmpty {
                passes.append(.init(entries: [origin.id, request.id], detail: "entry \(request.id) answers every tool call of entry \(origin.id)"))
                continue
            }
            guard reported.insert(origin.id).inserted else { continue }
            var problems: [String] = []
            if !missing.isEmpty { problems.append("no tool_result for \(missing.joined(separator: ", "))") }
            if !unknown.isEmpty { problems.append("a tool_result for \(unknown.joined(separator: ", ")), which entry \(origin.id) never sent") }
            failures.append(
                .init(entries: [origin.id, request.id], detail: "entry \(request.id), messages[\(index + 1)]: \(problems.joined(separator: "; "))"))
        }
        return .from(
            "tool_calls_answered", failures: failures, passes: passes,
            pass: "Every tool call was answered with its own id.",
            fail: "A tool call was not answered, or answered with a wrong id",
            none: "No conversation continued after an answer with tool calls.")
    }

    /// 7. The client read each stream to its end instead of leaving with it unread (unless the test expects it).
    func streamsConsumed() -> Verdict.Check {
        if self.thresholds.expectAbandon {
            return Verdict.Check(
                name: "streams_consumed", status: .notApplicable, explanation: "The test expects streams to be abandoned (expect_abandon=true).",
                evidence: [])
        }
        let streams = self.exchanges.filter(\.isStream)
        let failures = streams.filter(\.abandoned).map {
            Verdict.Evidence(entries: [$0.id], detail: "entry \($0.id): the client closed the connection with the stream not read to its end")
        }
        let passes = streams.filter { !$0.abandoned }.map { Verdict.Evidence(entries: [$0.id], detail: "entry \($0.id) was read to its end") }
        return .from(
            "streams_consumed", failures: failures, passes: passes,
            pass: "Every stream was read to its end.",
            fail: "A stream was abandoned unread",
            none: "No streamed answer in the session.")
    }
}

/// A text shown in a report: quoted, cut in the middle when long.
struct Quote: CustomStringConvertible {
    var text: String

    init(_ text: String) {
        self.text = text
    }

    var description: String {
        let shown = self.text.count > 60 ? "\(self.text.prefix(40))…\(self.text.suffix(15))" : self.text
        var escaped = ""
        for character in shown {
            switch character {
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return "\"\(escaped)\""
    }
}
