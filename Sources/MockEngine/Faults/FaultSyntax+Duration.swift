extension FaultSyntax {
    /// Reads `50ms`, `2s`, `1.5s`, `5m`, `1h`, `0`; at most a year.
    public static func duration(_ text: String) -> Duration? {
        if text == "0" { return .zero }
        let units: [(suffix: String, microseconds: Double)] = [("ms", 1e3), ("s", 1e6), ("m", 6e7), ("h", 3.6e9)]
        for unit in units where text.hasSuffix(unit.suffix) {
            guard let value = Double(text.dropLast(unit.suffix.count)), value >= 0 else { return nil }
            let microseconds = value * unit.microseconds
            // Also refuses nan and inf, which would trap when made an integer.
            guard microseconds <= Self.longestDuration else { return nil }
            return .microseconds(Int64(microseconds))
        }
        return nil
    }

    /// A year in microseconds: longer waits are surely typos.
    static let longestDuration: Double = 365 * 24 * 3.6e9

    /// The shortest text `duration(_:)` reads back as this duration, to the millisecond: `30s`, `250ms`, `5m`.
    public static func text(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        for (unit, size) in [("h", Int64(3_600_000)), ("m", 60_000), ("s", 1000)] where milliseconds % size == 0 && milliseconds > 0 {
            return "\(milliseconds / size)\(unit)"
        }
        return milliseconds == 0 ? "0" : "\(milliseconds)ms"
    }
}
