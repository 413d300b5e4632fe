import MessagesAPI
#if canImport(Glibc)
import Glibc
#endif

/// The built `fireworks-mock` executable run as a child process, with its output captured in files, for
/// tests of what only a real process shows: the start line, exit codes, signals.
final class ChildProcess: @unchecked Sendable {
    // Safe to share: pid and paths are immutable after init; tests call into one child from one task.
    let pid: pid_t
    let stdoutPath: String
    let stderrPath: String

    /// Where `swift build` put the executable: next to the test bundle.
    static var executablePath: String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        let me = String(decoding: buffer[0..<max(0, count)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var directory = me
        while !directory.isEmpty, !directory.hasSuffix(".xctest") { directory.removeLast() }
        if directory.isEmpty { directory = me }
        directory = String(directory[..<(directory.lastIndex(of: "/") ?? directory.endIndex)])
        return directory + "/fireworks-mock"
    }

    /// Variables the child gets from the test process: only the sanitizer runtimes' options. Under
    /// `scripts/sanitize.sh` the executable is instrumented too, and its reports must go where the script
    /// looks (`log_path`), with the same suppressions, and end the process the same way. Nothing else is passed
    /// on, so a test's result never depends on the caller's environment.
    static let inherited: [String: String] = {
        var found: [String: String] = [:]
        for name in ["TSAN_OPTIONS", "ASAN_OPTIONS", "LSAN_OPTIONS", "UBSAN_OPTIONS"] {
            if let value = getenv(name) { found[name] = String(cString: value) }
        }
        return found
    }()

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), looked up at run time: the Glibc
    /// module does not import GNU extensions. Nil on an older C library.
    private static let addCloseFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, CInt) -> CInt)? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(
            symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, CInt) -> CInt).self)
    }()

    /// Starts the executable with `arguments`; with `openFileLimit`, under that limit on open files (soft and
    /// hard, so the server cannot raise it), through a shell's `ulimit -n`; with `launcher`, through that
    /// command (e.g. setpriv and its options), which runs the executable.
    init(_ arguments: [String], environment: [String: String] = [:], openFileLimit: Int? = nil, launcher: [String] = []) throws {
        let unique = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        self.stdoutPath = "/tmp/fireworks-mock-test-\(unique).out"
        self.stderrPath = "/tmp/fireworks-mock-test-\(unique).err"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, self.stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, self.stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        // Only 0, 1 and 2 reach the child. The test process's other descriptors have no close-on-exec (NIO's
        // accepted sockets, the raw clients' sockets): a child holding copies would keep every connection that
        // was open when it started from ending (no FIN when an in-process server closes it) until it exits.
        _ = Self.addCloseFrom?(&actions, 3)
        let command = launcher + (openFileLimit.map { ["/bin/sh", "-c", "ulimit -n \($0) && exec \"$0\" \"$@\"", Self.executablePath] } ?? [Self.executablePath])
        let program = command[0]
        let argv = (command + arguments).map { strdup($0) } + [nil]
        let envp = Self.inherited.merging(environment) { $1 }.map { strdup("\($0.key)=\($0.value)") }
            + [strdup("PATH=/usr/bin:/bin"), nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, program, &actions, nil, argv, envp)
        guard result == 0 else { throw RawClient.Failure(description: "posix_spawn failed: \(result)") }
        self.pid = pid
    }

    deinit {
        kill(self.pid, SIGKILL)
        var status: CInt = 0
        waitpid(self.pid, &status, WNOHANG)
        unlink(self.stdoutPath)
        unlink(self.stderrPath)
    }

    static func read(_ path: String) -> String {
        guard let file = fopen(path, "r") else { return "" }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n <= 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    var standardOutput: String { Self.read(self.stdoutPath) }
    var standardError: String { Self.read(self.stderrPath) }

    /// The URL from the start line, waiting up to 10 s for it.
    func listeningURL() async throws -> String {
        for _ in 0..<200 {
            if let line = self.standardOutput.split(separator: "\n").first,
                line.hasPrefix("fireworks-mock listening on ")
            {
                return String(line.dropFirst("fireworks-mock listening on ".count))
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw RawClient.Failure(description: "no start line; stderr: \(self.standardError)")
    }

    func port() async throws -> Int {
        Int(try await self.listeningURL().split(separator: ":").last!)!
    }

    func signal(_ signal: CInt) {
        kill(self.pid, signal)
    }

    /// The exit code once the process ends, or nil if it is still running after `timeout`. On a build
    /// instrumented by a sanitizer the wait is `timeout` times `sanitizerScale` plus the executable's fixed cost
    /// (`fixedCost()`); on a plain build it is `timeout` (plus milliseconds), so there the promise is checked as
    /// made, and an instrumented run still tells a prompt exit from a hang.
    func exitCode(within timeout: Duration) async -> CInt? {
        let cost = await Self.fixedCost()
        return await self.exitCode(before: .now + timeout * Self.sanitizerScale + cost)
    }

    /// 3 when the tests, and so the executable built with them, are instrumented by a sanitizer (its runtime's
    /// entry point is in the process), else 1. Instrumented code does the same work several times slower
    /// (AddressSanitizer about 2 to 5 times, ThreadSanitizer 5 to 15): stopping with a hundred open streams
    /// takes under 0.3 s on a plain debug build and up to 2 s under either sanitizer on an idle machine.
    static let sanitizerScale: Int = {
        let me = dlopen(nil, RTLD_NOW)
        let entryPoints: [String] = ["__tsan_init", "__asan_init"]
        return entryPoints.contains { dlsym(me, $0) != nil } ? 3 : 1
    }()

    private static let measuredCost = Locked<Duration?>(nil)

    /// What running the executable costs besides its own work, measured once, with `--help`: starting and
    /// exiting. A few milliseconds on a plain build; about a second under ThreadSanitizer, which waits 1 s at
    /// exit (`atexit_sleep_ms`) so that reports from other threads are not lost; under AddressSanitizer, the
    /// leak check at exit.
    static func fixedCost() async -> Duration {
        if let known = Self.measuredCost.withLock({ $0 }) { return known }
        let clock = ContinuousClock()
        let started = clock.now
        var cost = Duration.zero
        if let help = try? ChildProcess(["--help"]), await help.exitCode(before: started + .seconds(30)) != nil {
            cost = clock.now - started
        }
        return Self.measuredCost.withLock { known in
            let first = known ?? cost
            known = first
            return first
        }
    }

    private func exitCode(before deadline: ContinuousClock.Instant) async -> CInt? {
        let clock = ContinuousClock()
        while clock.now < deadline {
            var status: CInt = 0
            if waitpid(self.pid, &status, WNOHANG) == self.pid {
                // WIFEXITED / WEXITSTATUS, spelled out: the macros are not imported.
                return status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }
}
