#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A value that threads share, guarded by a POSIX mutex: every read and write of it goes through `withLock`.
///
/// The project uses this rather than the standard library's `Mutex` because ThreadSanitizer sees
/// `pthread_mutex_lock` and `pthread_mutex_unlock` (it intercepts them) but not the lock inside `Mutex` on
/// Linux, whose atomics are compiled into a module that is not instrumented. With `Mutex`, two threads taking
/// turns under the lock look like a data race to the sanitizer, and `scripts/sanitize.sh thread` would report
/// races that are not there; with this type it reports only real ones. The uncontended cost is the same
/// order: one atomic exchange to lock and one to unlock.
public final class Locked<Value> {
    // The mutex lives at a fixed address of its own: a pthread mutex must never move once initialised.
    @usableFromInline let mutex: UnsafeMutablePointer<pthread_mutex_t>
    @usableFromInline var value: Value

    public init(_ value: Value) {
        self.value = value
        self.mutex = .allocate(capacity: 1)
        self.mutex.initialize(to: pthread_mutex_t())
        let status = pthread_mutex_init(self.mutex, nil)
        precondition(status == 0, "pthread_mutex_init failed with \(status)")
    }

    deinit {
        pthread_mutex_destroy(self.mutex)
        self.mutex.deinitialize(count: 1)
        self.mutex.deallocate()
    }

    /// Runs `body` with the value, holding the lock; `body` must not call `withLock` on the same instance.
    @inlinable
    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(self.mutex)
        defer { pthread_mutex_unlock(self.mutex) }
        return try body(&self.value)
    }
}

// Sound because the only way to the value is `withLock`, which holds the mutex for the whole access.
extension Locked: @unchecked Sendable where Value: Sendable {}
