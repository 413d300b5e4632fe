import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A blocking TCP client on plain sockets, so tests see exactly the bytes the server wrote, when it closes,
/// and can misbehave on purpose (half requests, garbage, abrupt resets). Every blocking call runs on a
/// Dispatch thread: blocking the few threads of the concurrency pool would starve the server under test.
// Safe to share: each test drives its client from one task at a time, and the descriptor is only closed in deinit.
final class RawClient: @unchecked Sendable {
    private let fd: CInt

    /// Why a raw client call failed.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The receive timeout only decides when a test gives up on an answer that is not coming; it is generous
    /// because a debug build under a parallel test load can be slow. `receiveBuffer` shrinks the socket's receive window, so a client that does not read stalls the
    /// server's writes after a few kilobytes instead of megabytes.
    init(port: Int, host: String = "127.0.0.1", receiveTimeout seconds: Int = 30, receiveBuffer: Int? = nil) throws {
        #if canImport(Glibc)
        self.fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        self.fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard self.fd >= 0 else { throw Failure(description: "socket() failed") }
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(self.fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        if var size = receiveBuffer.map(CInt.init) {
            setsockopt(self.fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<CInt>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, host, &address.sin_addr)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(self.fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(self.fd)
            throw Failure(description: "connect() to \(host):\(port) failed: errno \(errno)")
        }
    }

    deinit {
        close(self.fd)
    }

    /// How long a read waits before a test gives up on it.
    func setReceiveTimeout(seconds: Int) {
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(self.fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    func send(_ text: String) async throws {
        try await self.send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) async throws {
        try await offPool { try self.sendNow(bytes) }
    }

    /// Sends `bytes` a `piece` at a time, waiting `gap` before each piece, all on one Dispatch thread: the pace
    /// does not depend on the concurrency pool, which other tests' work can keep busy for seconds.
    func sendPaced(_ bytes: [UInt8], piece: Int, gap: Duration) async throws {
        let microseconds = UInt32(gap.components.seconds * 1_000_000 + gap.components.attoseconds / 1_000_000_000_000)
        try await offPool {
            var offset = 0
            while offset < bytes.count {
                usleep(microseconds)
                let next = min(offset + piece, bytes.count)
                try self.sendNow(Array(bytes[offset..<next]))
                offset = next
            }
        }
    }

    func receiveSome(max: Int = 65536) async -> [UInt8]? {
        (try? await offPool { self.receiveNow(max: max) }) ?? nil
    }

    /// Reads until the bytes so far contain `marker` or the server closes or goes silent; returns them all.
    /// For a test that must not act before the server has sent something, however slow a loaded machine is.
    func receive(until marker: String) async -> [UInt8] {
        var all: [UInt8] = []
        while !String(decoding: all, as: UTF8.self).contains(marker) {
            guard let more = await self.receiveSome(), !more.isEmpty else { break }
            all += more
        }
        return all
    }

    func receiveUntilClose() async throws -> [UInt8] {
        try await offPool { try self.receiveUntilCloseNow() }
    }

    func receiveResponses(_ count: Int) async throws -> [ParsedResponse] {
        try await offPool { try self.receiveResponsesNow(count) }
    }

    func receiveResponse() async throws -> ParsedResponse {
        try await self.receiveResponses(1)[0]
    }

    /// How a read to the end went: the bytes, and whether the server closed (FIN), reset (RST) or went silent.
    enum End: Equatable {
        case closed
        case reset
        case timeout
    }

    func receiveToEnd() async throws -> (bytes: [UInt8], end: End) {
        try await offPool {
            var all: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = buffer.withUnsafeMutableBytes { recv(self.fd, $0.baseAddress, 65536, 0) }
                if n > 0 {
                    all += buffer[0..<n]
                } else if n == 0 {
                    return (all, .closed)
                } else {
                    return (all, errno == ECONNRESET ? .reset : .timeout)
                }
            }
        }
    }

    /// True when the server has closed its side (a read returns end of stream within the timeout).
    func isClosedByServer() async -> Bool {
        await self.receiveSome() == []
    }

    private func sendNow(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { raw in
                Glibc.send(self.fd, raw.baseAddress, raw.count, Int32(MSG_NOSIGNAL))
            }
            guard n > 0 else { throw Failure(description: "send() failed: errno \(errno)") }
            offset += n
        }
    }

    /// Reads whatever arrives next; empty at end of stream; nil on timeout or error.
    private func receiveNow(max: Int = 65536) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: max)
        let n = buffer.withUnsafeMutableBytes { recv(self.fd, $0.baseAddress, max, 0) }
        if n < 0 { return nil }
        return Array(buffer[0..<n])
    }

    /// Reads until the server closes the connection (or the timeout passes, which fails).
    private func receiveUntilCloseNow() throws -> [UInt8] {
        var all: [UInt8] = []
        while true {
            guard let chunk = self.receiveNow() else {
                throw Failure(description: "timed out before the server closed; got \(all.count) bytes")
            }
            if chunk.isEmpty { return all }
            all.append(contentsOf: chunk)
        }
    }

    /// Reads until `count` complete responses are in, parsing as they arrive.
    private func receiveResponsesNow(_ count: Int) throws -> [ParsedResponse] {
        var buffer: [UInt8] = []
        while true {
            var parser = ResponseParser(bytes: buffer)
            let responses = parser.parseAll()
            if responses.count >= count { return responses }
            guard let chunk = self.receiveNow() else {
                throw Failure(description: "timed out waiting for \(count) responses; have \(responses.count)")
            }
            if chunk.isEmpty {
                throw Failure(description: "closed after \(responses.count) of \(count) responses")
            }
            buffer.append(contentsOf: chunk)
        }
    }


    /// Shuts down the sending side (a FIN) and keeps reading, as `nc -N` and some proxies do after a request.
    func shutdownWrite() {
        shutdown(self.fd, Int32(SHUT_WR))
    }

    /// Closes with an RST instead of a FIN, as a client that crashed would.
    func reset() {
        var option = linger(l_onoff: 1, l_linger: 0)
        setsockopt(self.fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
        shutdown(self.fd, Int32(SHUT_RDWR))
    }
}

/// Runs blocking work on its own Dispatch thread and waits for it without holding a concurrency-pool thread.
/// A new serial queue targets the overcommitting pool, which adds threads instead of sharing the few that
/// the global concurrent queue (and the concurrency runtime) use.
func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue(label: "raw-client").async {
            continuation.resume(with: Result { try work() })
        }
    }
}
