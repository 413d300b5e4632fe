import Dispatch
import MessagesAPI
import Testing

/// `Locked` must exclude threads from each other; under `scripts/sanitize.sh thread` this suite also proves the
/// sanitizer sees the lock (the standard library's `Mutex` made this same pattern a reported race on Linux).
@Suite struct LockedTests {
    @Test func threadsTakingTurns_loseNoUpdate() {
        let counts = Locked<[String: Int]>([:])
        let threads = 8
        let rounds = 5_000
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            for round in 0..<rounds {
                counts.withLock { $0["key\((thread + round) % 5)", default: 0] += 1 }
            }
        }
        let total = counts.withLock { $0.values.reduce(0, +) }
        #expect(total == threads * rounds)
    }

    @Test func withLock_returnsAndRethrows() {
        struct Refused: Error {}
        let value = Locked(41)
        #expect(value.withLock { value -> Int in
            value += 1
            return value
        } == 42)
        #expect(throws: Refused.self) { try value.withLock { _ in throw Refused() } }
        #expect(value.withLock { $0 } == 42)
    }
}
