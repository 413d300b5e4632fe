import ArgumentParser

/// The flags of `serve` that bound what clients may hold: request-side timeouts, open connections and how long
/// an idle session's state is kept.
public struct ConnectionOptions: ParsableArguments {
    @Option(
        help: "Time from a request's first byte to the end of its head; late: 408, then close. 0 turns it off. (env: FIREWORKS_MOCK_HEADER_TIMEOUT, default: 30s)"
    )
    var headerTimeout: String?

    @Option(
        help: "Time allowed between two pieces of a request body; late: 408, then close. 0 turns it off. (env: FIREWORKS_MOCK_BODY_TIMEOUT, default: 30s)"
    )
    var bodyTimeout: String?

    @Option(
        help: "A keep-alive connection with no request in progress closes quietly after this. 0 turns it off. (env: FIREWORKS_MOCK_IDLE_TIMEOUT, default: 75s)"
    )
    var idleTimeout: String?

    @Option(
        help: "Connections served at once on each port; more wait in the kernel's backlog until one closes. (env: FIREWORKS_MOCK_MAX_CONNECTIONS, default: 10000)"
    )
    var maxConnections: Int?

    @Option(
        help: "Scripts and counts of a session (x-mock-session) unused this long are dropped. 0 keeps them. (env: FIREWORKS_MOCK_SESSION_TTL, default: 1h)"
    )
    var sessionTtl: String?

    public init() {}
}
