import NIOCore

/// Where a stream's bytes go: a connection in the server, a recorder in tests.
protocol WireSink {
    func write(_ bytes: [UInt8]) async throws
    /// Ends the connection with an RST instead of a FIN.
    func reset() async
    /// Returns once the client has closed its sending side or the connection has closed.
    func untilClientLeaves() async
}

/// A seeded generator (SplitMix64), so jittered timings repeat from run to run with the same `--seed`.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) {
        self.state = seed
    }

    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
