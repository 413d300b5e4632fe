import Logging
import MessagesAPI
import NIOCore
import NIOEmbedded
import Testing

@testable import MockServer

/// Freed memory goes back to the system when a listener's connections drain: the connection limiter runs one
/// trim a delay after the open connections fall to half their peak (and by enough), on a clock the test moves;
/// a steady load never triggers one.
@Suite struct MemoryReturnTests {
    /// Counts the trims.
    final class Trims: Sendable {
        private let state = Locked(0)
        var count: Int { self.state.withLock { $0 } }
        func add() { self.state.withLock { $0 += 1 } }
    }

    /// A listener with the limiter first in its pipeline, as `MockHTTPServer` builds it, a counting trim, and
    /// `count` connections it accepted.
    static func listener(minimumDrop: Int, accepting count: Int) throws -> (EmbeddedChannel, Trims, [EmbeddedChannel]) {
        let trims = Trims()
        // The trim runs at once, on the embedded loop's thread, instead of on the blocking pool.
        let memoryReturn = MemoryReturn(minimumDrop: minimumDrop, delay: .seconds(1), run: { $0() }) { trims.add() }
        let limiter = ConnectionLimiter(limit: 1000, logger: Logger(label: "test"), memoryReturn: memoryReturn)
        let listener = EmbeddedChannel(handler: limiter)
        return (listener, trims, try Self.accept(count, on: listener))
    }

    /// Accepts `count` connections on the listener's loop.
    static func accept(_ count: Int, on listener: EmbeddedChannel) throws -> [EmbeddedChannel] {
        try (0..<count).map { _ in
            let child = EmbeddedChannel(loop: listener.embeddedEventLoop)
            try listener.writeInbound(child as any Channel)
            _ = try listener.readInbound(as: (any Channel).self)
            return child
        }
    }

    static func closeAll(_ children: ArraySlice<EmbeddedChannel>, on listener: EmbeddedChannel) throws {
        for child in children { try child.close().wait() }
        listener.embeddedEventLoop.run()
    }

    @Test func connectionsDrain_oneTrimRuns_aDelayLater() throws {
        let (listener, trims, children) = try Self.listener(minimumDrop: 4, accepting: 8)
        try Self.closeAll(children[0..<3], on: listener)
        listener.embeddedEventLoop.advanceTime(by: .seconds(5))
        #expect(trims.count == 0, "5 of 8 still open: not half the peak yet")

        try Self.closeAll(children[3..<4], on: listener)
        listener.embeddedEventLoop.advanceTime(by: .milliseconds(999))
        #expect(trims.count == 0)
        listener.embeddedEventLoop.advanceTime(by: .milliseconds(1))
        #expect(trims.count == 1)

        // The peak starts again from the 4 still open; when they go too, that is another large drop.
        try Self.closeAll(children[4...], on: listener)
        listener.embeddedEventLoop.advanceTime(by: .seconds(1))
        #expect(trims.count == 2)
        listener.embeddedEventLoop.advanceTime(by: .seconds(60))
        #expect(trims.count == 2)
    }

    @Test func closingsWhileATrimIsDue_scheduleNoOther() throws {
        let (listener, trims, children) = try Self.listener(minimumDrop: 2, accepting: 10)
        try Self.closeAll(children[0..<5], on: listener)
        try Self.closeAll(children[5..<9], on: listener)
        listener.embeddedEventLoop.advanceTime(by: .seconds(10))
        #expect(trims.count == 1)
    }

    @Test func aSteadyLoad_neverTrims() throws {
        let (listener, trims, kept) = try Self.listener(minimumDrop: 4, accepting: 6)
        for _ in 0..<50 {
            let passing = try Self.accept(2, on: listener)
            try Self.closeAll(passing[...], on: listener)
        }
        listener.embeddedEventLoop.advanceTime(by: .seconds(10))
        #expect(trims.count == 0)
        try Self.closeAll(kept[...], on: listener)
    }
}
