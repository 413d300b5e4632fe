#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few file operations script loading needs, on POSIX calls: no Foundation, which keeps the static
/// binary small.
public enum FileSystem {
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// A regular file's bytes, or nil if it cannot be read.
    static func contents(of path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count > 0 { bytes.append(contentsOf: buffer[0..<count]) }
            if count < buffer.count {
                return ferror(file) != 0 ? nil : bytes
            }
        }
    }

    /// What is at a path, when it cannot be used as a directory: why, in words.
    static func directoryProblem(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            return errno == ENOENT ? "does not exist" : "cannot be read (\(self.describe(errno: errno)))"
        }
        return (info.st_mode & S_IFMT) == S_IFDIR ? nil : "not a directory"
    }

    /// The reason the last failed call gave (read it right after the failure).
    static var lastError: String { self.describe(errno: errno) }

    /// The reason for a failed call in a few words.
    static func describe(errno code: CInt) -> String {
        switch code {
        case EACCES, EPERM: return "permission denied for this user"
        case ENOENT: return "does not exist"
        case ENOTDIR: return "a part of the path is not a directory"
        case EMFILE, ENFILE: return "too many open files"
        default: return "error \(code)"
        }
    }

    /// Paths of the regular files below `directory`, relative to it, at any depth (hidden entries skipped).
    /// A directory that cannot be listed is added to `unreadable` with the reason, never silently skipped.
    static func files(under directory: String, prefix: String = "", unreadable: inout [(path: String, reason: String)]) -> [String] {
        guard let handle = opendir(directory) else {
            unreadable.append((directory, "cannot be read (\(self.describe(errno: errno)))"))
            return []
        }
        defer { closedir(handle) }
        var found: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name.hasPrefix(".") { continue }
            let path = "\(directory)/\(name)"
            let relative = prefix.isEmpty ? name : "\(prefix)/\(name)"
            if self.isDirectory(path) {
                found += self.files(under: path, prefix: relative, unreadable: &unreadable)
            } else {
                found.append(relative)
            }
        }
        return found
    }
}
