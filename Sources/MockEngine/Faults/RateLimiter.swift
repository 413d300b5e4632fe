import MessagesAPI

/// A request-rate limit of N requests per one-second window. Past the limit, requests get 429
/// `rate_limit_error` with `retry-after` set to the whole seconds until the window ends (at least 1).
public final class RateLimiter: Sendable {
    public let limit: Int
    private let state: Locked<(windowStart: ContinuousClock.Instant, count: Int)>

    public init(perSecond limit: Int) {
        self.limit = limit
        self.state = Locked((ContinuousClock.now, 0))
    }

    /// Reads `N/s`.
    public convenience init?(text: String) {
        guard text.hasSuffix("/s"), let limit = Int(text.dropLast(2)), limit >= 1 else { return nil }
        self.init(perSecond: limit)
    }

    /// Nil when the request may pass (and counts it); otherwise the 429 to answer with.
    public func check(now: ContinuousClock.Instant = .now) -> APIError? {
        self.state.withLock { state in
            if now - state.windowStart >= .seconds(1) {
                state = (now, 0)
            }
            guard state.count >= self.limit else {
                state.count += 1
                return nil
            }
            let left = .seconds(1) - (now - state.windowStart)
            let seconds = max(1, Int((Double(left.components.attoseconds) / 1e18 + Double(left.components.seconds)).rounded(.up)))
            return APIError(
                type: .rateLimit,
                message: "Rate limit exceeded: \(self.limit) requests per second",
                headers: [
                    ("retry-after", String(seconds)), ("x-ratelimit-limit-requests", String(self.limit)),
                    ("x-ratelimit-remaining-requests", "0"),
                ])
        }
    }
}
