import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's limit on open files, which caps connections long before `--max-connections` does when the
/// soft limit is the common 1024. At start the soft limit is raised as far as the hard limit allows; when even
/// that is too low, a warning says so (accepts then pause at the limit and resume as connections close).
enum FileDescriptorLimit {
    /// Descriptors kept for everything but connections: listeners, script files, the event loops' own.
    static let reserve = 256

    static func raise(toServe connections: Int, logger: Logger) {
        let wanted = rlim_t(connections + Self.reserve)
        var limit = rlimit()
        guard Self.get(&limit) else { return }
        if limit.rlim_cur < wanted {
            var raised = limit
            raised.rlim_cur = min(wanted, limit.rlim_max)
            if Self.set(&raised) { limit = raised }
        }
        if limit.rlim_cur < wanted {
            logger.warning(
                "the open-file limit is below what --max-connections needs; accepts pause at the limit and resume as connections close",
                metadata: ["open-file-limit": "\(limit.rlim_cur)", "max-connections": "\(connections)"])
        } else {
            logger.debug("open-file limit", metadata: ["soft": "\(limit.rlim_cur)", "hard": "\(limit.rlim_max)"])
        }
    }

    private static func get(_ limit: inout rlimit) -> Bool {
        #if canImport(Glibc)
        return getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0
        #else
        return getrlimit(RLIMIT_NOFILE, &limit) == 0
        #endif
    }

    private static func set(_ limit: inout rlimit) -> Bool {
        #if canImport(Glibc)
        return setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0
        #else
        return setrlimit(RLIMIT_NOFILE, &limit) == 0
        #endif
    }
}
