import ArgumentParser

/// The flags of `serve` that put the real endpoint behind the mock: where it is, which requests go to it,
/// how they are authenticated, and where exchanges are recorded.
public struct UpstreamOptions: ParsableArguments {
    @Option(
        help: "Forward requests no script answers to this base URL (as the SDK's base_url, e.g. https://api.fireworks.ai/inference). (env: FIREWORKS_MOCK_UPSTREAM)"
    )
    var upstream: String?

    @Option(help: "missing: forward only what no script answers; all: forward every request. (env: FIREWORKS_MOCK_RECORD_MODE, default: missing)")
    var recordMode: String?

    @Option(help: "Write each forwarded exchange into this directory as a script that replays it. (env: FIREWORKS_MOCK_RECORD)")
    var record: String?

    @Option(help: "Answer invalid requests with the mock's own 400 without asking the upstream (true/false). (env: FIREWORKS_MOCK_UPSTREAM_VALIDATE, default: true)")
    var upstreamValidate: String?

    @Option(help: "The variable holding the key sent upstream; unset, the client's own key goes. (env: FIREWORKS_MOCK_UPSTREAM_API_KEY_ENV, default: FIREWORKS_API_KEY)")
    var upstreamApiKeyEnv: String?

    @Option(help: "A PEM file of certificate authorities to trust for the upstream, besides the system's. (env: FIREWORKS_MOCK_UPSTREAM_CA_FILE)")
    var upstreamCaFile: String?

    @Option(help: "Longest wait to connect to the upstream and between two reads of its answer; then 502. (env: FIREWORKS_MOCK_UPSTREAM_TIMEOUT, default: 60s)")
    var upstreamTimeout: String?

    @Option(help: "A regular expression whose matches are stored as [redacted] in recorded requests; repeatable.")
    var recordRedact: [String] = []

    public init() {}
}
