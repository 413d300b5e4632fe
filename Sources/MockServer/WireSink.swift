import NIOCore

/// Where a stream's bytes go: a connection in the server, a recorder in tests.
protocol WireSink {
    func write(_ bytes: [UInt8]) async throws
    /// Ends the connection with an RST instead of a FIN.
    func reset() async
    /// Returns once the client has closed its sending side or the connection has closed.
    func untilClientLeaves() async
}
