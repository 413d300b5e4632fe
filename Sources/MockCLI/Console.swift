#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Plain process I/O without Foundation, which keeps the static binary small.
enum Console {
    /// A line on standard output, flushed at once so a script reading the start line sees it immediately.
    static func out(_ line: String) {
        self.write(line + "\n", to: 1)
    }

    static func error(_ line: String) {
        self.write(line + "\n", to: 2)
    }

    /// A question on standard error, the answer to be typed on the same line.
    static func prompt(_ text: String) {
        self.write(text, to: 2)
    }

    // Unbuffered writes: nothing waits in a buffer, and no shared FILE state is touched.
    private static func write(_ text: String, to descriptor: CInt) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { raw in
                #if canImport(Glibc)
                Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                #elseif canImport(Musl)
                Musl.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                #else
                Darwin.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                #endif
            }
            if written <= 0 { return }
            offset += written
        }
    }
}

/// The process environment as a dictionary.
enum Environment {
    static var current: [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let eq = text.firstIndex(of: "=") {
                result[String(text[..<eq])] = String(text[text.index(after: eq)...])
            }
            pointer += 1
        }
        return result
    }
}

/// Ends the process at once, with the given status.
enum ProcessExit {
    static func now(_ status: CInt) -> Never {
        exit(status)
    }
}
