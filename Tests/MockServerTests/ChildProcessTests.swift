#if canImport(Glibc)
import Glibc
#endif
import Testing

/// The harness that runs the executable as a child process: what the child inherits from the test process.
@Suite struct ChildProcessTests {
    /// A descriptor the test process holds without close-on-exec (as NIO's accepted sockets are) is not kept
    /// open by a child: once the test process closes it, it is closed, while the child still runs. Otherwise a
    /// connection an in-process server closes would not end for its client while any child runs.
    @Test func child_holdsNoDescriptorOfTheTestProcess() async throws {
        var ends: [CInt] = [-1, -1]
        try #require(pipe(&ends) == 0)
        defer { close(ends[0]) }
        let child = try ChildProcess(["--port", "0"])
        _ = try await child.listeningURL()
        close(ends[1])
        // The writing end closed everywhere: the reading end is at end of file at once.
        var reading = pollfd(fd: ends[0], events: Int16(POLLIN), revents: 0)
        let ready = poll(&reading, 1, 5_000)
        #expect(ready == 1, "the child still holds the pipe's writing end")
        if ready == 1 {
            var byte: UInt8 = 0
            #expect(read(ends[0], &byte, 1) == 0)
        }
        child.signal(SIGTERM)
        #expect(await child.exitCode(within: .seconds(2)) == 0)
    }
}
