import Synchronization

/// Random-looking 64-bit values without a system call each: a counter, started from system randomness once
/// per process, mixed by SplitMix64. Ids need to be unique and unpredictable enough for a mock, not secret.
struct FastRandom: RandomNumberGenerator {
    private static let seed: UInt64 = {
        var system = SystemRandomNumberGenerator()
        return system.next()
    }()
    private static let counter = Atomic<UInt64>(0)

    mutating func next() -> UInt64 {
        SeededGenerator.mix(Self.seed &+ Self.counter.wrappingAdd(1, ordering: .relaxed).newValue &* 0x9E37_79B9_7F4A_7C15)
    }
}

/// Random identifiers in the shapes the API uses: `msg_…`, `req_…`, `toolu_…`, each followed by 24 base62
/// characters.
public enum IDGenerator {
    private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    public static func make(prefix: String, length: Int = 24) -> String {
        var generator = FastRandom()
        return self.make(prefix: prefix, length: length, using: &generator)
    }

    public static func make(prefix: String, length: Int = 24, using generator: inout some RandomNumberGenerator)
        -> String
    {
        var bytes = Array(prefix.utf8)
        bytes.reserveCapacity(bytes.count + length)
        var bits: UInt64 = 0
        var left = 0
        for _ in 0..<length {
            if left == 0 {
                bits = generator.next()
                left = 10
            }
            bytes.append(self.alphabet[Int(bits % 62)])
            bits /= 62
            left -= 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func messageID() -> String { self.make(prefix: "msg_") }
    public static func requestID() -> String { self.make(prefix: "req_") }
    public static func toolUseID() -> String { self.make(prefix: "toolu_") }
}
