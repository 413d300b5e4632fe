extension FaultSyntax {
    /// The options each fault kind takes (every kind takes `times`), for messages that name a typo.
    static let faultOptions: [String: [String]] = [
        "error": ["status", "type", "message", "retry-after", "retry-after-ms", "x-should-retry", "header.NAME"],
        "mid-stream-error": ["after", "type", "message"],
        "cut": ["after", "after-bytes", "terminator"],
        "reset": ["after"],
        "disconnect": ["after"],
        "empty": [],
        "stall": ["after", "for"],
        "malformed": ["kind", "at"],
        "no-message-delta": [],
        "duplicate-message-delta": [],
        "unknown-index": [],
    ]

    /// The options of a stream shape.
    static let shapeOptions = [
        "ttfb", "ttft", "delay", "jitter", "ping", "chunk", "events-per-write", "split", "drip", "crlf", "comments",
        "multiline", "unknown-events", "speed",
    ]

    /// Refuses an option given twice, and an option `context` does not take, naming it and the ones it takes.
    static func checkOptions(_ parts: [(key: String, value: String?)], known: [String], context: String) throws(Failure) {
        var seen = Set<String>()
        for (key, _) in parts {
            guard seen.insert(key).inserted else { throw Failure(message: "\(context): '\(key)' is given twice") }
            let isHeader = key.hasPrefix("header.") && known.contains("header.NAME")
            guard known.contains(key) || isHeader else {
                let list = known.isEmpty ? "it takes none" : "known: \(known.joined(separator: ", "))"
                throw Failure(message: "\(context): unknown option '\(key)' (\(list))")
            }
        }
    }
}
