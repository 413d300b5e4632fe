import MessagesAPI

/// A JSON value's canonical text and digest: object keys sorted, no whitespace, numbers as written. Two bodies
/// that differ only in key order or spacing have the same digest; this is what "the same request" means to the
/// verdict.
public enum CanonicalJSON {
    /// The canonical text of `value`.
    public static func text(_ value: JSONValue) -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: 256)
        self.write(value, to: &writer)
        return writer.bytes
    }

    /// A 64-bit FNV-1a digest of the canonical text, as 16 hex digits.
    public static func digest(_ value: JSONValue) -> String {
        Digest(self.text(value)).hex
    }

    private static func write(_ value: JSONValue, to writer: inout JSONWriter) {
        switch value {
        case .object(let object):
            writer.beginObject()
            for member in object.members.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
                writer.key(member.key)
                self.write(member.value, to: &writer)
            }
            writer.endObject()
        case .array(let items):
            writer.beginArray()
            for item in items { self.write(item, to: &writer) }
            writer.endArray()
        default:
            writer.value(value)
        }
    }
}

/// FNV-1a over bytes: fast, stable across runs and platforms; not a security hash (nothing here needs one).
public struct Digest: Sendable, Hashable {
    public private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    public init() {}

    public init(_ bytes: some Sequence<UInt8>) {
        self.add(bytes)
    }

    public mutating func add(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            self.value ^= UInt64(byte)
            self.value &*= 0x0000_0100_0000_01B3
        }
    }

    public var hex: String {
        let digits = String(self.value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
