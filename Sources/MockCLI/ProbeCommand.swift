import ArgumentParser
import Logging
import MessagesAPI
import MockEngine
import MockServer

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `fireworks-mock probe --upstream URL`: sends the documented probe requests to the upstream and to the
/// mock's own engine and prints where what a client sees differs. Exit 0: no difference; 1: the dialects
/// drifted; 2: the upstream could not be asked (or the run was not confirmed).
public struct ProbeCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Compare the mock's answers with the upstream's on a documented set of small requests."
    )

    @Option(help: "The upstream's base URL, as the SDK's base_url (e.g. https://api.fireworks.ai/inference).")
    var upstream: String

    @Option(help: "The model id the probes use.")
    var model = "accounts/fireworks/models/kimi-k2p5"

    @Option(help: "The variable holding the key sent upstream. (default: FIREWORKS_API_KEY)")
    var upstreamApiKeyEnv = "FIREWORKS_API_KEY"

    @Option(help: "A PEM file of certificate authorities to trust for the upstream, besides the system's.")
    var upstreamCaFile: String?

    @Option(help: "Longest wait to connect and between two reads of an answer. (default: 60s)")
    var upstreamTimeout = "60s"

    @Flag(help: "Print the differences as JSON.")
    var json = false

    @Flag(help: "Do not ask before sending the requests (needed when stdin is not a terminal).")
    var yes = false

    public init() {}

    public func run() async throws {
        let environment = Environment.current
        guard let timeout = FaultSyntax.duration(self.upstreamTimeout), timeout > .zero else {
            Console.error("fireworks-mock probe: --upstream-timeout: '\(self.upstreamTimeout)' is not a duration such as 30s")
            throw ExitCode(2)
        }
        var settings = Upstream.Settings(url: self.upstream, redaction: try RecordingRedaction(patterns: []))
        settings.apiKey = environment[self.upstreamApiKeyEnv].flatMap { $0.isEmpty ? nil : $0 }
        guard settings.apiKey != nil else {
            Console.error("fireworks-mock probe: \(self.upstreamApiKeyEnv) is not set: the upstream needs a key")
            throw ExitCode(2)
        }
        settings.caFile = self.upstreamCaFile
        settings.timeout = timeout
        settings.proxy = UpstreamSettings.proxy(for: self.upstream, environment)
        let cases = ProbeCase.all
        Console.error(
            "fireworks-mock probe: \(cases.count) requests to \(self.upstream), each with max_tokens at most "
                + "\(ProbeCase.maximumTokens) (at most \(cases.count * ProbeCase.maximumTokens) output tokens, plus one "
                + "request whose max_tokens is omitted and which stops at its first period)")
        guard try self.confirmed() else { throw ExitCode(2) }

        let logger = Logger(label: "fireworks-mock-probe")
        var local = MockHTTPServer.Configuration(port: 0)
        local.router.journal = Journal(capacity: 0)
        let mock = try await MockHTTPServer.bind(local, logger: logger)
        let serving = Task { try await mock.run() }
        let remote = try Upstream(settings: settings, logger: logger)
        var mockSettings = Upstream.Settings(url: mock.url + "/inference", redaction: settings.redaction)
        mockSettings.apiKey = "probe"
        let engine = try Upstream(settings: mockSettings, logger: logger)
        var drifts: [ProbeDrift] = []
        var failure: String?
        for probe in cases {
            let body = probe.body(model: self.model)
            do {
                let theirs = try await remote.exchange(path: "/v1/messages", body: body)
                // A refused key makes every comparison meaningless.
                if theirs.status == 401 || theirs.status == 403 {
                    failure = "'\(probe.name)': the upstream refused the key (\(theirs.status))"
                    break
                }
                let ours = try await engine.exchange(path: "/v1/messages", body: body)
                drifts += ProbeDrift.compare(
                    probe.name, upstream: ProbeObservation(status: theirs.status, headers: theirs.headers, body: theirs.body),
                    mock: ProbeObservation(status: ours.status, headers: ours.headers, body: ours.body))
            } catch {
                failure = "'\(probe.name)': \(Upstream.describe(error))"
                break
            }
        }
        await remote.shutdown()
        await engine.shutdown()
        // The process ends right after; the local server needs no orderly stop.
        serving.cancel()
        if let failure {
            Console.error("fireworks-mock probe: the upstream \(self.upstream) could not be asked: \(failure)")
            throw ExitCode(2)
        }
        Console.out(self.json ? ProbeDrift.json(drifts) : ProbeDrift.table(drifts))
        if !drifts.isEmpty { throw ExitCode(1) }
    }

    /// `--yes`, or a `y` typed at a terminal.
    private func confirmed() throws -> Bool {
        if self.yes { return true }
        guard isatty(0) == 1 else {
            Console.error("fireworks-mock probe: not confirmed: stdin is not a terminal; pass --yes to send the requests")
            return false
        }
        Console.prompt("Send them? [y/N] ")
        let answer = readLine()?.trimmingWhitespace().lowercased() ?? ""
        return answer == "y" || answer == "yes"
    }
}
