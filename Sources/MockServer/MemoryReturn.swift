#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import NIOPosix

/// Gives back to the system the memory that closed connections freed. glibc's allocator keeps freed memory for
/// reuse, so after a wave of thousands of streams has ended the process would stay at its peak size, and the
/// next wave would grow it further as the kept memory fragments. When a listener's open connections fall to half
/// their peak (the most open at once since the last trim) or less, and by at least `minimumDrop`, one trim
/// (`malloc_trim(0)`) runs `delay` later, on a thread of NIO's blocking pool: on a heap of a few hundred MB it
/// takes a tenth of a second or more, which the event loop, still serving the connections left, must not wait
/// for. A steady load, connections opening and closing around the same count, never triggers one. Where the C
/// library is not glibc, trimming does nothing.
// Not Sendable on purpose: lives in `ConnectionLimiter`, on the listening channel's event loop.
struct MemoryReturn {
    /// Connections that must have closed since the peak before a trim is worth its cost (a pass over the heap).
    var minimumDrop: Int
    /// From the drop to the trim, so a wave that ends over a second or two is trimmed once or twice.
    var delay: TimeAmount
    /// Returns freed memory to the system.
    var trim: @Sendable () -> Void
    /// Runs the trim away from the event loop.
    var run: (@escaping @Sendable () -> Void) -> Void
    /// The most connections open at once since the last trim.
    private(set) var peak = 0
    /// A trim is scheduled and has not run yet.
    private(set) var isPending = false

    init(
        minimumDrop: Int = 256,
        delay: TimeAmount = .seconds(1),
        run: @escaping (@escaping @Sendable () -> Void) -> Void = MemoryReturn.onBlockingPool,
        trim: @escaping @Sendable () -> Void = MemoryReturn.trimHeap
    ) {
        self.minimumDrop = minimumDrop
        self.delay = delay
        self.run = run
        self.trim = trim
    }

    mutating func opened(nowOpen open: Int) {
        self.peak = max(self.peak, open)
    }

    /// Whether a trim should be scheduled now, `delay` from now (then marked pending until `trimmed`).
    mutating func closed(nowOpen open: Int) -> Bool {
        guard !self.isPending, self.peak - open >= self.minimumDrop, open <= self.peak / 2 else { return false }
        self.isPending = true
        return true
    }

    /// Starts the scheduled trim; the peak starts again from the connections open now.
    mutating func trimNow(nowOpen open: Int) {
        self.run(self.trim)
        self.peak = open
        self.isPending = false
    }

    /// Runs `work` on a thread of NIO's shared blocking pool.
    static func onBlockingPool(_ work: @escaping @Sendable () -> Void) {
        NIOThreadPool.singleton.submit { _ in work() }
    }

    /// Hands glibc's free memory (in every arena, not only at the top of the heap) back to the system.
    static func trimHeap() {
        _ = Self.mallocTrim?(0)
    }

    /// glibc's `malloc_trim`, looked up once by name: its header is not part of the Swift `Glibc` module. Nil
    /// where the C library has none.
    private static let mallocTrim: (@convention(c) (Int) -> Int32)? = {
        #if canImport(Glibc)
        // A null handle is RTLD_DEFAULT: the symbol wherever the process has it (glibc's libc.so.6).
        guard let symbol = dlsym(nil, "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
        #else
        return nil
        #endif
    }()
}
