/// Builds compact JSON text byte by byte, in the key order the caller writes. Responses are assembled with it
/// directly, so the bytes on the wire are exactly the ones the tests expect.
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    // One entry per open container: whether the next member needs a comma before it.
    private var needsComma: [Bool] = []
    // True between `key(_:)` and the value that belongs to it.
    private var afterKey = false

    public init(reservingCapacity capacity: Int = 256) {
        self.bytes.reserveCapacity(capacity)
    }

    public var text: String { String(decoding: self.bytes, as: UTF8.self) }

    private mutating func beginValue() {
        if self.afterKey {
            self.afterKey = false
            return
        }
        guard let last = self.needsComma.last else { return }
        if last { self.bytes.append(UInt8(ascii: ",")) }
        self.needsComma[self.needsComma.count - 1] = true
    }

    public mutating func beginObject() {
        self.beginValue()
        self.bytes.append(UInt8(ascii: "{"))
        self.needsComma.append(false)
    }

    public mutating func endObject() {
        self.needsComma.removeLast()
        self.bytes.append(UInt8(ascii: "}"))
    }

    public mutating func beginArray() {
        self.beginValue()
        self.bytes.append(UInt8(ascii: "["))
        self.needsComma.append(false)
    }

    public mutating func endArray() {
        self.needsComma.removeLast()
        self.bytes.append(UInt8(ascii: "]"))
    }

    /// Writes `"name":`; the next value written belongs to it.
    public mutating func key(_ name: String) {
        self.beginValue()
        Self.appendQuoted(name, to: &self.bytes)
        self.bytes.append(UInt8(ascii: ":"))
        self.afterKey = true
    }

    public mutating func string(_ value: String) {
        self.beginValue()
        Self.appendQuoted(value, to: &self.bytes)
    }

    /// An array of strings.
    public mutating func strings(_ values: some Sequence<String>) {
        self.beginArray()
        for value in values { self.string(value) }
        self.endArray()
    }

    public mutating func int(_ value: Int) {
        self.beginValue()
        self.bytes.append(contentsOf: String(value).utf8)
    }

    public mutating func bool(_ value: Bool) {
        self.beginValue()
        self.bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    public mutating func null() {
        self.beginValue()
        self.bytes.append(contentsOf: "null".utf8)
    }

    /// Copies already-encoded JSON as one value.
    public mutating func raw(_ encoded: some Sequence<UInt8>) {
        self.beginValue()
        self.bytes.append(contentsOf: encoded)
    }

    public mutating func value(_ value: JSONValue) {
        switch value {
        case .null: self.null()
        case .bool(let b): self.bool(b)
        case .number(let n): self.raw(n.text.utf8)
        case .string(let s): self.string(s)
        case .array(let items):
            self.beginArray()
            for item in items { self.value(item) }
            self.endArray()
        case .object(let object):
            self.beginObject()
            for member in object.members {
                self.key(member.key)
                self.value(member.value)
            }
            self.endObject()
        }
    }

    /// Appends `value` as a JSON string literal: quotes, the escapes JSON requires, UTF-8 kept as is.
    public static func appendQuoted(_ value: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most strings need no escaping: copy them whole. Scanning the contiguous bytes (every native string's)
        // costs a tenth of walking the UTF-8 view index by index.
        let copied = value.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard !bytes.contains(where: Self.needsEscape) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if copied ?? !value.utf8.contains(where: Self.needsEscape) {
            if copied == nil { out.append(contentsOf: value.utf8) }
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// A byte a JSON string cannot hold as it is.
    @inline(__always)
    static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// A whole value encoded on its own.
    public static func encode(_ value: JSONValue) -> [UInt8] {
        var writer = JSONWriter()
        writer.value(value)
        return writer.bytes
    }
}
