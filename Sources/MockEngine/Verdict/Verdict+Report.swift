import MessagesAPI

/// The verdict as the admin API serves it: JSON, or a report to read.
extension Verdict {
    public func writeJSON(to json: inout JSONWriter) {
        json.beginObject()
        json.key("session"); json.string(self.session)
        json.key("ok"); json.bool(self.ok)
        json.key("exchanges"); json.int(self.exchanges)
        json.key("journal_dropped_entries"); self.droppedEntries.map { json.int($0) } ?? json.null()
        json.key("thresholds")
        json.beginObject()
        for (name, value) in self.thresholds.parameters {
            json.key(name); json.raw(value.utf8)
        }
        json.endObject()
        json.key("checks")
        json.beginArray()
        for check in self.checks {
            json.beginObject()
            json.key("name"); json.string(check.name)
            json.key("status"); json.string(check.status.rawValue)
            json.key("decided"); json.bool(check.decided)
            json.key("explanation"); json.string(check.explanation)
            json.key("evidence")
            json.beginArray()
            for evidence in check.evidence {
                json.beginObject()
                json.key("entries"); json.beginArray(); evidence.entries.forEach { json.int($0) }; json.endArray()
                json.key("detail"); json.string(evidence.detail)
                for (name, value) in evidence.values {
                    json.key(name); json.int(Int(value))
                }
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }

    /// A report a developer reads in a failed test's output: the result, then each check with its explanation
    /// and, for a failure, every piece of evidence.
    public var text: String {
        let failed = self.checks.filter { $0.status == .fail }.count
        var lines = [
            "Verdict for session '\(self.session)': \(self.ok ? "OK" : "FAILED") (\(failed) of \(self.checks.count) checks failed; \(self.exchanges) request\(self.exchanges == 1 ? "" : "s"))"
        ]
        if self.droppedEntries != 0 {
            lines.append(
                "  The journal dropped \(self.droppedEntries.map { "\($0)" } ?? "an unknown number of") of this session's entries: checks that did not fail could not be decided.")
        }
        let width = self.checks.map(\.name.count).max() ?? 0
        for check in self.checks {
            let mark: String
            switch check.status {
            case .pass: mark = "pass"
            case .fail: mark = "FAIL"
            case .notApplicable: mark = " n/a"
            }
            let name = check.name + String(repeating: " ", count: width - check.name.count)
            lines.append("  \(mark)  \(name)  \(check.explanation)")
            if check.status == .fail {
                for evidence in check.evidence { lines.append("        - \(evidence.detail)") }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension Verdict.Thresholds {
    /// The query parameters `/_mock/verdict` takes for the thresholds, with their values as JSON.
    public var parameters: [(name: String, value: String)] {
        [
            ("retry_after_tolerance_ms", "\(Milliseconds(self.retryAfterTolerance).value)"),
            ("max_retries", "\(self.maxRetries)"),
            ("min_backoff_ms", "\(Milliseconds(self.minimumBackoff).value)"),
            ("backoff_growth", "\(self.backoffGrowth)"),
            ("backoff_cap_ms", "\(Milliseconds(self.backoffCap).value)"),
            ("expect_abandon", self.expectAbandon ? "true" : "false"),
        ]
    }

    /// Reads thresholds from query parameters; a bad value is refused with a message naming it.
    public static func parse(_ query: [(name: String, value: String)]) -> Result<Self, QueryProblem> {
        var thresholds = Self()
        for (name, value) in query {
            switch name {
            case "session", "format":
                continue
            case "retry_after_tolerance_ms", "min_backoff_ms", "backoff_cap_ms":
                guard let number = Int(value), number >= 0 else {
                    return .failure(QueryProblem("\(name): must be a whole number of milliseconds ≥ 0, not '\(value)'"))
                }
                switch name {
                case "retry_after_tolerance_ms": thresholds.retryAfterTolerance = .milliseconds(number)
                case "min_backoff_ms": thresholds.minimumBackoff = .milliseconds(number)
                default: thresholds.backoffCap = .milliseconds(number)
                }
            case "max_retries":
                guard let number = Int(value), number >= 0 else {
                    return .failure(QueryProblem("max_retries: must be a whole number ≥ 0, not '\(value)'"))
                }
                thresholds.maxRetries = number
            case "backoff_growth":
                guard let number = Double(value), number >= 1, number.isFinite else {
                    return .failure(QueryProblem("backoff_growth: must be a number ≥ 1, not '\(value)'"))
                }
                thresholds.backoffGrowth = number
            case "expect_abandon":
                guard let flag = ["true": true, "1": true, "false": false, "0": false][value.lowercased()] else {
                    return .failure(QueryProblem("expect_abandon: must be true or false, not '\(value)'"))
                }
                thresholds.expectAbandon = flag
            default:
                let known = ["session", "format"] + Self().parameters.map(\.name)
                return .failure(QueryProblem("unknown query parameter '\(name)' (known: \(known.joined(separator: ", ")))"))
            }
        }
        return .success(thresholds)
    }
}
