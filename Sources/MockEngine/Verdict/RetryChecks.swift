/// Checks 1 to 3: how the client retried. "The same request" is an exchange with the same key (the canonical
/// digest of its body); a retry is the next exchange of the session with the key of a failed one.
struct RetryChecks {
    let exchanges: [Exchange]
    let thresholds: Verdict.Thresholds

    /// The exchanges of each key, in order.
    private var byKey: [String: [Exchange]] {
        Dictionary(grouping: self.exchanges.filter { $0.key != nil }, by: { $0.key! })
    }

    private func next(after exchange: Exchange) -> Exchange? {
        self.exchanges.first { $0.id > exchange.id && $0.key != nil && $0.key == exchange.key }
    }

    /// 1. After an answer that asked the client to wait (`retry-after`, `retry-after-ms`), the next attempt of
    /// the same request came no sooner than asked.
    func retryAfterHonoured() -> Verdict.Check {
        var failures: [Verdict.Evidence] = []
        var passes: [Verdict.Evidence] = []
        let tolerance = Milliseconds(self.thresholds.retryAfterTolerance)
        for failed in self.exchanges where failed.outcome != .success {
            guard let advice = failed.advice, let retry = self.next(after: failed) else { continue }
            let advised = Milliseconds(advice)
            let waited = Milliseconds(microseconds: failed.gap(to: retry))
            let evidence = Verdict.Evidence(
                entries: [failed.id, retry.id],
                detail: "entry \(retry.id) came \(waited) after entry \(failed.id)'s \(failed.status) answer, which asked for \(advised)",
                values: [("advised_ms", advised.value), ("waited_ms", waited.value)])
            if waited.value + tolerance.value < advised.value { failures.append(evidence) } else { passes.append(evidence) }
        }
        return .from(
            "retry_after_honoured", failures: failures, passes: passes,
            pass: "Every retry waited as long as retry-after asked.",
            fail: "A retry came sooner than retry-after asked",
            none: "No answer asked the client to wait before a retry of the same request.")
    }

    /// 2. Retries after retryable failures stay within `maxRetries` in a row, and without advice the waits
    /// between them are not too short and grow (until they reach the cap).
    func retriesBounded() -> Verdict.Check {
        var failures: [Verdict.Evidence] = []
        var passes: [Verdict.Evidence] = []
        for attempts in self.byKey.values {
            for run in Self.runs(attempts) where run.count > 1 {
                let ids = run.map(\.id)
                let retries = run.count - 1
                var runFailures: [Verdict.Evidence] = []
                if retries > self.thresholds.maxRetries {
                    runFailures.append(
                        .init(
                            entries: ids,
                            detail: "\(retries) retries of one request in a row (entries \(ids.first!)–\(ids.last!)), more than max_retries=\(self.thresholds.maxRetries)",
                            values: [("retries", Int64(retries))]))
                }
                runFailures += self.backoffFailures(run)
                if runFailures.isEmpty {
                    let waits = zip(run, run.dropFirst()).map { "\(Milliseconds(microseconds: $0.gap(to: $1)))" }
                    passes.append(
                        .init(
                            entries: ids, detail: "\(retries) \(retries == 1 ? "retry" : "retries") (entries \(ids.first!)–\(ids.last!)), waits \(waits.joined(separator: ", "))",
                            values: [("retries", Int64(retries))]))
                }
                failures += runFailures
            }
        }
        failures.sort { $0.entries.first! < $1.entries.first! }
        return .from(
            "retries_bounded", failures: failures, passes: passes,
            pass: "Retries stayed within max_retries and backed off.",
            fail: "Retries were not bounded or did not back off",
            none: "No request was retried after a retryable failure.")
    }

    /// 3. A request was not sent again after an answer that says trying again cannot help: a 4xx other than
    /// 408, 409 and 429, or any failure with `x-should-retry: false`.
    func noRetryOfUnretryable() -> Verdict.Check {
        var failures: [Verdict.Evidence] = []
        var passes: [Verdict.Evidence] = []
        for failed in self.exchanges {
            guard case .unretryable(let reason) = failed.outcome else { continue }
            if let resent = self.next(after: failed) {
                failures.append(
                    .init(entries: [failed.id, resent.id], detail: "entry \(resent.id) sent entry \(failed.id)'s request again after its \(reason)"))
            } else {
                passes.append(.init(entries: [failed.id], detail: "entry \(failed.id) (\(reason)) was not sent again"))
            }
        }
        return .from(
            "no_retry_of_unretryable", failures: failures, passes: passes,
            pass: "No request was sent again after an answer that ruled out a retry.",
            fail: "A request was sent again after an answer that ruled out a retry",
            none: "No answer ruled out a retry.")
    }

    /// Attempts in a row: each after one that failed in a retryable way.
    static func runs(_ attempts: [Exchange]) -> [[Exchange]] {
        var runs: [[Exchange]] = []
        for attempt in attempts {
            if let last = runs.last?.last, case .retryable = last.outcome {
                runs[runs.count - 1].append(attempt)
            } else {
                runs.append([attempt])
            }
        }
        return runs
    }

    /// Waits the server gave no advice for: each at least the minimum; each at least `backoffGrowth` times the
    /// one before, unless that one had reached three quarters of the cap.
    private func backoffFailures(_ run: [Exchange]) -> [Verdict.Evidence] {
        var failures: [Verdict.Evidence] = []
        var previous: (wait: Milliseconds, id: Int)?
        let minimum = Milliseconds(self.thresholds.minimumBackoff)
        let plateau = Double(Milliseconds(self.thresholds.backoffCap).value) * 0.75
        for (failed, retry) in zip(run, run.dropFirst()) {
            guard failed.advice == nil else {
                previous = nil
                continue
            }
            let wait = Milliseconds(microseconds: failed.gap(to: retry))
            if wait.value < minimum.value {
                failures.append(
                    .init(
                        entries: [failed.id, retry.id],
                        detail: "entry \(retry.id) came \(wait) after entry \(failed.id)'s failure with no retry advice (at least \(minimum) expected)",
                        values: [("waited_ms", wait.value)]))
            } else if let previous, Double(wait.value) < Double(previous.wait.value) * self.thresholds.backoffGrowth,
                Double(previous.wait.value) < plateau
            {
                failures.append(
                    .init(
                        entries: [previous.id, retry.id],
                        detail: "the wait before entry \(retry.id) (\(wait)) did not grow from the one before entry \(previous.id) (\(previous.wait)); at least ×\(self.thresholds.backoffGrowth) expected",
                        values: [("previous_ms", previous.wait.value), ("waited_ms", wait.value)]))
            }
            previous = (wait, retry.id)
        }
        return failures
    }
}

/// Whole milliseconds, written `250 ms`.
struct Milliseconds: CustomStringConvertible {
    var value: Int64

    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self.value = seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    init(microseconds: Int64) {
        self.value = microseconds / 1000
    }

    var description: String { "\(self.value) ms" }
}
