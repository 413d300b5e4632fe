import MessagesAPI
import MockEngine
import MockServer

/// The upstream settings after flags, environment variables and defaults are combined (flag > env > default);
/// nil when no upstream is set.
enum UpstreamSettings {
    typealias Invalid = ServeSettings.Invalid

    static func make(options: UpstreamOptions, environment: [String: String]) throws -> Upstream.Settings? {
        func value(_ flag: String?, _ variable: String) -> String? {
            flag ?? environment[variable].flatMap { $0.isEmpty ? nil : $0 }
        }
        let record = value(options.record, "FIREWORKS_MOCK_RECORD")
        guard let url = value(options.upstream, "FIREWORKS_MOCK_UPSTREAM") else {
            if record != nil { throw Invalid(description: "--record: needs --upstream (the endpoint whose answers are recorded)") }
            return nil
        }
        guard url.hasPrefix("http://") || url.hasPrefix("https://"), !self.host(of: url).isEmpty else {
            throw Invalid(description: "--upstream / FIREWORKS_MOCK_UPSTREAM: '\(url)' is not an http:// or https:// URL")
        }
        let redaction: RecordingRedaction
        do {
            redaction = try RecordingRedaction(patterns: options.recordRedact)
        } catch {
            throw Invalid(description: "--record-redact: '\(error.pattern)' is not a regular expression: \(error.reason)")
        }
        var settings = Upstream.Settings(url: url, redaction: redaction)
        if let mode = value(options.recordMode, "FIREWORKS_MOCK_RECORD_MODE") {
            guard let parsed = Upstream.RecordMode(rawValue: mode) else {
                throw Invalid(description: "--record-mode / FIREWORKS_MOCK_RECORD_MODE: '\(mode)' is not missing or all")
            }
            settings.recordMode = parsed
        }
        if let text = value(options.upstreamValidate, "FIREWORKS_MOCK_UPSTREAM_VALIDATE") {
            guard let validate = ServeSettings.boolean(text) else {
                throw Invalid(description: "--upstream-validate / FIREWORKS_MOCK_UPSTREAM_VALIDATE: '\(text)' is not true or false")
            }
            settings.validate = validate
        }
        let keyVariable = value(options.upstreamApiKeyEnv, "FIREWORKS_MOCK_UPSTREAM_API_KEY_ENV") ?? "FIREWORKS_API_KEY"
        settings.apiKey = environment[keyVariable].flatMap { $0.isEmpty ? nil : $0 }
        settings.caFile = value(options.upstreamCaFile, "FIREWORKS_MOCK_UPSTREAM_CA_FILE")
        if let text = value(options.upstreamTimeout, "FIREWORKS_MOCK_UPSTREAM_TIMEOUT") {
            guard let timeout = FaultSyntax.duration(text), timeout > .zero else {
                throw Invalid(description: "--upstream-timeout / FIREWORKS_MOCK_UPSTREAM_TIMEOUT: '\(text)' is not a duration such as 500ms, 30s or 2m")
            }
            settings.timeout = timeout
        }
        settings.proxy = self.proxy(for: url, environment)
        settings.recordDirectory = record
        return settings
    }

    /// The host of `scheme://host[:port]/…`, without the port; empty when there is none.
    static func host(of url: String) -> Substring {
        let authority = url.split(separator: "://", maxSplits: 1).dropFirst().first?.prefix { $0 != "/" } ?? ""
        return authority.split(separator: ":", omittingEmptySubsequences: false).first ?? ""
    }

    /// `HTTPS_PROXY` for an https upstream, `HTTP_PROXY` for an http one (either case), unless `NO_PROXY`
    /// names the upstream's host; `http://host:port` or `host:port`.
    static func proxy(for url: String, _ environment: [String: String]) -> (host: String, port: Int)? {
        let secure = url.hasPrefix("https://")
        let names = secure ? ["HTTPS_PROXY", "https_proxy"] : ["HTTP_PROXY", "http_proxy"]
        guard let text = names.lazy.compactMap({ environment[$0] }).first(where: { !$0.isEmpty }) else { return nil }
        let host = self.host(of: url)
        let bypass = (environment["NO_PROXY"] ?? environment["no_proxy"] ?? "").split(separator: ",").map { $0.trimmingWhitespace() }
        if bypass.contains(where: { $0 == "*" || (!$0.isEmpty && host.hasSuffix($0)) }) { return nil }
        var rest = Substring(text)
        if let scheme = rest.firstRange(of: "://") { rest = rest[scheme.upperBound...] }
        rest = rest.split(separator: "/").first ?? rest
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        let parts = rest.split(separator: ":")
        guard let name = parts.first, !name.isEmpty else { return nil }
        let port = parts.count > 1 ? Int(parts[1]) ?? 0 : 80
        guard port > 0 else { return nil }
        return (String(name), port)
    }
}
