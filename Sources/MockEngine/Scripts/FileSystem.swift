#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import SystemPackage

/// The few file operations script loading needs, on POSIX calls (through swift-system where it has them):
/// no Foundation, which keeps the static binary small.
public enum FileSystem {
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Why a file's bytes could not be had.
    enum ReadFailure: Error, Equatable {
        /// Opening or reading failed with this error.
        case system(Errno)
        /// A device, pipe, socket or directory: reading one could block or never end.
        case notRegularFile
        case tooLarge(limit: Int)

        var reason: String {
            switch self {
            case .system(let error): return FileSystem.describe(errno: error.rawValue)
            case .notRegularFile: return "not a regular file"
            case .tooLarge(let limit): return "larger than \(limit) bytes"
            }
        }
    }

    /// A regular file's bytes, at most `limit` of them. Anything else at the path is refused before a byte is
    /// read: `/dev/zero` or a pipe named in a script must not hang or exhaust the server.
    static func bytes(of path: String, limit: Int = .max) -> Result<[UInt8], ReadFailure> {
        // Non-blocking, so that opening a pipe without a writer returns at once; regular files ignore the flag.
        let file: FileDescriptor
        do {
            file = try FileDescriptor.open(FilePath(path), .readOnly, options: [.nonBlocking, .closeOnExec])
        } catch {
            return .failure(.system(Self.systemError(error)))
        }
        defer { try? file.close() }
        var info = stat()
        guard fstat(file.rawValue, &info) == 0 else { return .failure(.system(Errno(rawValue: errno))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .failure(.notRegularFile) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            // Retried when a signal interrupts it.
            let count: Int
            do {
                count = try buffer.withUnsafeMutableBytes { try file.read(into: $0) }
            } catch {
                return .failure(.system(Self.systemError(error)))
            }
            if count == 0 { return .success(bytes) }
            // Files under /proc say they are regular and may be endless or vast.
            guard bytes.count + count <= limit else { return .failure(.tooLarge(limit: limit)) }
            bytes.append(contentsOf: buffer[0..<count])
        }
    }

    /// What is at a path, when it cannot be used as a directory: why, in words.
    static func directoryProblem(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            return Errno(rawValue: code) == .noSuchFileOrDirectory
                ? "does not exist" : "cannot be read (\(self.describe(errno: code)))"
        }
        return (info.st_mode & S_IFMT) == S_IFDIR ? nil : "not a directory"
    }

    /// The reason for a failed call in a few words.
    static func describe(errno code: CInt) -> String {
        switch Errno(rawValue: code) {
        case .permissionDenied, .notPermitted: return "permission denied for this user"
        case .noSuchFileOrDirectory: return "does not exist"
        case .notDirectory: return "a part of the path is not a directory"
        case .tooManyOpenFiles, .tooManyOpenFilesInSystem: return "too many open files"
        default: return "error \(code)"
        }
    }

    /// The `Errno` a swift-system call threw: the only error it throws, though its signatures do not say so.
    private static func systemError(_ error: any Error) -> Errno {
        error as? Errno ?? .ioError
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
