#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension FileSystem {
    /// Writes `bytes` to `path` whole or not at all: into a hidden file beside it, flushed to disk, then renamed
    /// over `path`, so a reader (or a server stopped mid-write) never sees half a file. Returns why it failed.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) -> String? {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let temporary = "\(directory)/.\(name).\(getpid()).partial"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return "cannot create \(temporary): \(self.describe(errno: errno))" }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
            if count < 0 {
                if errno == EINTR { continue }
                let reason = self.describe(errno: errno)
                close(fd)
                unlink(temporary)
                return "cannot write \(temporary): \(reason)"
            }
            written += count
        }
        fsync(fd)
        close(fd)
        guard rename(temporary, path) == 0 else {
            let reason = self.describe(errno: errno)
            unlink(temporary)
            return "cannot rename \(temporary) to \(path): \(reason)"
        }
        return nil
    }

    /// Makes `path` a directory if nothing is there yet; returns why it is not one.
    public static func makeDirectory(_ path: String) -> String? {
        if self.isDirectory(path) { return nil }
        if mkdir(path, 0o755) == 0 || self.isDirectory(path) { return nil }
        return "cannot create the directory \(path): \(self.describe(errno: errno))"
    }

    /// Whether anything is at `path`.
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }
}
