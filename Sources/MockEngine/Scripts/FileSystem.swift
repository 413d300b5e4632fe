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

    /// Paths of the regular files below `directory`, relative to it, at any depth (hidden entries skipped).
    static func files(under directory: String, prefix: String = "") -> [String] {
        guard let handle = opendir(directory) else { return [] }
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
                found += self.files(under: path, prefix: relative)
            } else {
                found.append(relative)
            }
        }
        return found
    }
}
