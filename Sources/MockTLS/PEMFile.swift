#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads and writes the small PEM files TLS needs with plain system calls (the binary carries no Foundation),
/// turning each failure into a `TLSSetupError` that names the file.
public enum PEMFile {
    /// Largest file accepted: a certificate chain or key is a few kilobytes; anything near this is a mistake.
    static let maximumSize = 1024 * 1024

    /// The file's text.
    public static func read(_ path: String) throws(TLSSetupError) -> String {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { throw .missing(path: path) }
            throw .unreadable(path: path, reason: Self.describe(code))
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16384)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { break }
            guard count > 0 else { throw .unreadable(path: path, reason: Self.describe(errno)) }
            bytes += buffer[0..<count]
            guard bytes.count <= Self.maximumSize else {
                throw .invalidContent(path: path, reason: "larger than 1 MiB, not a certificate or key file")
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes `text` to `path`, replacing the file; readable by everyone, since a certificate is public.
    public static func write(_ text: String, to path: String) throws(TLSSetupError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw .cannotWrite(path: path, reason: Self.describe(errno)) }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { throw .cannotWrite(path: path, reason: Self.describe(errno)) }
            offset += count
        }
    }

    static func describe(_ code: CInt) -> String {
        switch code {
        case EACCES, EPERM: return "permission denied"
        case EISDIR: return "is a directory"
        case ENOENT: return "no such file or directory"
        case ENOTDIR: return "a part of the path is not a directory"
        default: return String(cString: strerror(code))
        }
    }
}
