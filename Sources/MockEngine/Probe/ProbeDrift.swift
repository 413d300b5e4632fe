import MessagesAPI

/// One way the mock's answer to a probe case differs from the upstream's.
public struct ProbeDrift: Sendable, Equatable {
    public var probe: String
    /// What differs: `status`, `error type`, `error message`, `events`, `usage on message_start`,
    /// `message_delta with usage`, `content blocks`, `content type`, `headers`.
    public var aspect: String
    public var upstream: String
    public var mock: String

    /// Every difference between the two observations of one case.
    public static func compare(_ probe: String, upstream: ProbeObservation, mock: ProbeObservation) -> [ProbeDrift] {
        var drifts: [ProbeDrift] = []
        func check(_ aspect: String, _ a: String, _ b: String) {
            if a != b { drifts.append(ProbeDrift(probe: probe, aspect: aspect, upstream: a, mock: b)) }
        }
        func text(_ value: String?) -> String { value ?? "(none)" }
        check("status", String(upstream.status), String(mock.status))
        check("error type", text(upstream.errorType), text(mock.errorType))
        check("error message", text(upstream.errorMessage), text(mock.errorMessage))
        check("content type", text(upstream.contentType), text(mock.contentType))
        check("events", upstream.events.joined(separator: " "), mock.events.joined(separator: " "))
        check("usage on message_start", text(upstream.zeroUsageOnStart.map { $0 ? "all zero" : "not zero" }),
              text(mock.zeroUsageOnStart.map { $0 ? "all zero" : "not zero" }))
        check("message_delta with usage", text(upstream.messageDeltasWithUsage.map(String.init)), text(mock.messageDeltasWithUsage.map(String.init)))
        check("content blocks", upstream.blockTypes.joined(separator: " "), mock.blockTypes.joined(separator: " "))
        let onlyUpstream = Set(upstream.headers).subtracting(mock.headers).sorted()
        let onlyMock = Set(mock.headers).subtracting(upstream.headers).sorted()
        if !onlyUpstream.isEmpty || !onlyMock.isEmpty {
            drifts.append(ProbeDrift(
                probe: probe, aspect: "headers", upstream: onlyUpstream.isEmpty ? "(none more)" : onlyUpstream.joined(separator: " "),
                mock: onlyMock.isEmpty ? "(none more)" : onlyMock.joined(separator: " ")))
        }
        return drifts
    }

    /// The drifts as a Markdown table; one line saying there are none when there are none.
    public static func table(_ drifts: [ProbeDrift]) -> String {
        guard !drifts.isEmpty else { return "No differences: the mock speaks the upstream's dialect in every probe." }
        func cell(_ text: String) -> String { text.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|") }
        var lines = ["| probe | aspect | upstream | mock |", "| --- | --- | --- | --- |"]
        for drift in drifts {
            lines.append("| \(cell(drift.probe)) | \(drift.aspect) | \(cell(drift.upstream)) | \(cell(drift.mock)) |")
        }
        return lines.joined(separator: "\n")
    }

    /// The drifts as a JSON array of objects with `probe`, `aspect`, `upstream`, `mock`.
    public static func json(_ drifts: [ProbeDrift]) -> String {
        var writer = JSONWriter()
        writer.beginArray()
        for drift in drifts {
            writer.beginObject()
            writer.key("probe"); writer.string(drift.probe)
            writer.key("aspect"); writer.string(drift.aspect)
            writer.key("upstream"); writer.string(drift.upstream)
            writer.key("mock"); writer.string(drift.mock)
            writer.endObject()
        }
        writer.endArray()
        return writer.text
    }
}
