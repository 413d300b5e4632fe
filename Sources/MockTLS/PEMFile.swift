import SystemPackage

/// Reads and writes the small PEM files TLS needs with plain system calls (the binary carries no Foundation),
/// turning each failure into a `TLSSetupError` that names the file.
public enum PEMFile {
    /// Largest file accepted: a certificate chain or key is a few kilobytes; anything near this is a mistake.
    static let maximumSize = 1024 * 1024

    /// The file's text.
    public static func read(_ path: String) throws(TLSSetupError) -> String {
        let file: FileDescriptor
        do {
            file = try FileDescriptor.open(FilePath(path), .readOnly)
        } catch {
            if error as? Errno == .noSuchFileOrDirectory { throw .missing(path: path) }
            throw .unreadable(path: path, reason: Self.describe(error))
        }
        defer { try? file.close() }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16384)
        while true {
            let count: Int
            do {
                count = try buffer.withUnsafeMutableBytes { try file.read(into: $0) }
            } catch {
                throw .unreadable(path: path, reason: Self.describe(error))
            }
            if count == 0 { break }
            bytes += buffer[0..<count]
            guard bytes.count <= Self.maximumSize else {
                throw .invalidContent(path: path, reason: "larger than 1 MiB, not a certificate or key file")
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes `text` to `path`, replacing the file; readable by everyone, since a certificate is public.
    public static func write(_ text: String, to path: String) throws(TLSSetupError) {
        do {
            let file = try FileDescriptor.open(
                FilePath(path), .writeOnly, options: [.create, .truncate],
                permissions: [.ownerReadWrite, .groupRead, .otherRead])
            defer { try? file.close() }
            _ = try file.writeAll(text.utf8)
        } catch {
            throw .cannotWrite(path: path, reason: Self.describe(error))
        }
    }

    /// A failed call's reason in a few words. swift-system throws only `Errno`, though its signatures do not
    /// say so; anything else is shown as it is.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? Errno else { return "\(error)" }
        switch error {
        case .permissionDenied, .notPermitted: return "permission denied"
        case .isDirectory: return "is a directory"
        case .noSuchFileOrDirectory: return "no such file or directory"
        case .notDirectory: return "a part of the path is not a directory"
        default: return error.description
        }
    }
}
