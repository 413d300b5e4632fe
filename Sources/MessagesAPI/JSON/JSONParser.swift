/// A strict JSON parser over raw bytes (RFC 8259) with a nesting limit. Its error messages follow Python's
/// `json` module, because that is what the real endpoint's validator reports.
public struct JSONParser {
    /// Why a body is not a JSON document.
    public struct Failure: Error, Equatable, Sendable {
        /// Python-style description, e.g. `Expecting value: line 1 column 1 (char 0)`.
        public var message: String
        /// Offset in bytes where the problem was found.
        public var offset: Int

        public init(message: String, offset: Int) {
            self.message = message
            self.offset = offset
        }
    }

    /// Deepest nesting of arrays and objects accepted. Deeper documents are refused, never recursed into.
    public static let defaultMaximumDepth = 256

    private let bytes: [UInt8]
    private var index = 0
    private let maximumDepth: Int
    private var depth = 0

    private init(bytes: [UInt8], maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    /// Parses a whole document: one value, surrounded only by white space.
    public static func parse(
        _ bytes: some Collection<UInt8>,
        maximumDepth: Int = JSONParser.defaultMaximumDepth
    ) throws(Failure) -> JSONValue {
        var parser = JSONParser(bytes: Array(bytes), maximumDepth: maximumDepth)
        try parser.checkUTF8()
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        if parser.index < parser.bytes.count {
            throw parser.failure("Extra data")
        }
        return value
    }

    public static func parse(_ text: String) throws(Failure) -> JSONValue {
        try self.parse(Array(text.utf8))
    }

    /// A failure at a byte offset; the message counts characters (code points), as Python's positions do.
    private func failure(_ what: String, at offset: Int? = nil) -> Failure {
        let at = offset ?? self.index
        var line = 1
        var characters = 0
        var column = 0
        for i in 0..<min(at, self.bytes.count) where self.bytes[i] & 0xC0 != 0x80 {
            characters += 1
            column += 1
            if self.bytes[i] == UInt8(ascii: "\n") {
                line += 1
                column = 0
            }
        }
        return Failure(message: "\(what): line \(line) column \(column + 1) (char \(characters))", offset: at)
    }

    private func checkUTF8() throws(Failure) {
        var iterator = self.bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
            case .emptyInput:
                return
            case .error:
                throw Failure(message: "Invalid UTF-8 in request body at byte \(offset)", offset: offset)
            }
        }
    }

    private mutating func skipWhitespace() {
        while self.index < self.bytes.count {
            switch self.bytes[self.index] {
            case 0x20, 0x09, 0x0A, 0x0D: self.index += 1
            default: return
            }
        }
    }

    private var current: UInt8? {
        self.index < self.bytes.count ? self.bytes[self.index] : nil
    }

    private mutating func parseValue() throws(Failure) -> JSONValue {
        guard let byte = self.current else { throw self.failure("Expecting value") }
        switch byte {
        case UInt8(ascii: "{"): return try self.parseObject()
        case UInt8(ascii: "["): return try self.parseArray()
        case UInt8(ascii: "\""): return .string(try self.parseString())
        case UInt8(ascii: "t"): return try self.parseLiteral("true", .bool(true))
        case UInt8(ascii: "f"): return try self.parseLiteral("false", .bool(false))
        case UInt8(ascii: "n"): return try self.parseLiteral("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try self.parseNumber()
        default: throw self.failure("Expecting value")
        }
    }

    private mutating func parseLiteral(_ word: StaticString, _ value: JSONValue) throws(Failure) -> JSONValue {
        let count = word.utf8CodeUnitCount
        guard self.index + count <= self.bytes.count else { throw self.failure("Expecting value") }
        for i in 0..<count where self.bytes[self.index + i] != word.utf8Start[i] {
            throw self.failure("Expecting value")
        }
        self.index += count
        return value
    }

    private mutating func enter() throws(Failure) {
        self.depth += 1
        if self.depth > self.maximumDepth {
            throw self.failure("Nesting deeper than \(self.maximumDepth) levels")
        }
    }

    private mutating func parseObject() throws(Failure) -> JSONValue {
        try self.enter()
        defer { self.depth -= 1 }
        self.index += 1
        var members: [(key: String, value: JSONValue)] = []
        self.skipWhitespace()
        if self.current == UInt8(ascii: "}") {
            self.index += 1
            return .object(JSONObject(members))
        }
        while true {
            self.skipWhitespace()
            guard self.current == UInt8(ascii: "\"") else {
                throw self.failure("Expecting property name enclosed in double quotes")
            }
            let key = try self.parseString()
            self.skipWhitespace()
            guard self.current == UInt8(ascii: ":") else { throw self.failure("Expecting ':' delimiter") }
            self.index += 1
            self.skipWhitespace()
            members.append((key, try self.parseValue()))
            self.skipWhitespace()
            switch self.current {
            case UInt8(ascii: ","): self.index += 1
            case UInt8(ascii: "}"):
                self.index += 1
                return .object(JSONObject(members))
            default: throw self.failure("Expecting ',' delimiter")
            }
        }
    }

    private mutating func parseArray() throws(Failure) -> JSONValue {
        try self.enter()
        defer { self.depth -= 1 }
        self.index += 1
        var elements: [JSONValue] = []
        self.skipWhitespace()
        if self.current == UInt8(ascii: "]") {
            self.index += 1
            return .array(elements)
        }
        while true {
            self.skipWhitespace()
            elements.append(try self.parseValue())
            self.skipWhitespace()
            switch self.current {
            case UInt8(ascii: ","): self.index += 1
            case UInt8(ascii: "]"):
                self.index += 1
                return .array(elements)
            default: throw self.failure("Expecting ',' delimiter")
            }
        }
    }

    private mutating func parseNumber() throws(Failure) -> JSONValue {
        let start = self.index
        if self.current == UInt8(ascii: "-") { self.index += 1 }
        guard let first = self.current, isDigit(first) else { throw self.failure("Expecting value", at: start) }
        if first == UInt8(ascii: "0") {
            self.index += 1
        } else {
            self.skipDigits()
        }
        // A fraction or exponent without digits is not part of the number (Python's reading): the number
        // ends before it, and whatever reads next reports the stray character.
        if self.current == UInt8(ascii: "."), self.index + 1 < self.bytes.count, isDigit(self.bytes[self.index + 1]) {
            self.index += 1
            self.skipDigits()
        }
        if self.current == UInt8(ascii: "e") || self.current == UInt8(ascii: "E") {
            var probe = self.index + 1
            if probe < self.bytes.count, self.bytes[probe] == UInt8(ascii: "+") || self.bytes[probe] == UInt8(ascii: "-") {
                probe += 1
            }
            if probe < self.bytes.count, isDigit(self.bytes[probe]) {
                self.index = probe
                self.skipDigits()
            }
        }
        let text = String(decoding: self.bytes[start..<self.index], as: UTF8.self)
        return .number(JSONNumber(text: text))
    }

    private mutating func skipDigits() {
        while let c = self.current, isDigit(c) { self.index += 1 }
    }

    private mutating func parseString() throws(Failure) -> String {
        let start = self.index
        self.index += 1
        // Fast path: no escapes, so the bytes between the quotes are the string.
        var scan = self.index
        while scan < self.bytes.count {
            let c = self.bytes[scan]
            if c == UInt8(ascii: "\"") {
                let s = String(decoding: self.bytes[self.index..<scan], as: UTF8.self)
                self.index = scan + 1
                return s
            }
            if c == UInt8(ascii: "\\") { break }
            if c < 0x20 { throw self.failure("Invalid control character at", at: scan) }
            scan += 1
        }
        var out: [UInt8] = Array(self.bytes[self.index..<scan])
        self.index = scan
        while true {
            guard let c = self.current else {
                throw self.failure("Unterminated string starting at", at: start)
            }
            if c == UInt8(ascii: "\"") {
                self.index += 1
                return String(decoding: out, as: UTF8.self)
            }
            if c < 0x20 { throw self.failure("Invalid control character at") }
            if c != UInt8(ascii: "\\") {
                out.append(c)
                self.index += 1
                continue
            }
            let escapeStart = self.index
            self.index += 1
            guard let e = self.current else { throw self.failure("Unterminated string starting at", at: start) }
            self.index += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try self.parseHex4(escapeStart: escapeStart)
                if (0xD800..<0xDC00).contains(scalar), self.index + 6 <= self.bytes.count,
                    self.bytes[self.index] == UInt8(ascii: "\\"), self.bytes[self.index + 1] == UInt8(ascii: "u")
                {
                    let save = self.index
                    self.index += 2
                    let low = try self.parseHex4(escapeStart: save)
                    if (0xDC00..<0xE000).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        self.index = save
                    }
                }
                // Lone surrogates cannot be represented in a Swift string; Python keeps them, we substitute U+FFFD.
                let value = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                out.append(contentsOf: Array(String(Character(value)).utf8))
            default:
                throw self.failure("Invalid \\escape", at: escapeStart)
            }
        }
    }

    /// Python points at the `u` of a bad `\\u` escape.
    private mutating func parseHex4(escapeStart: Int) throws(Failure) -> UInt32 {
        guard self.index + 4 <= self.bytes.count else { throw self.failure("Invalid \\uXXXX escape", at: escapeStart + 1) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let c = self.bytes[self.index]
            let digit: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw self.failure("Invalid \\uXXXX escape", at: escapeStart + 1)
            }
            value = value * 16 + digit
            self.index += 1
        }
        return value
    }
}

private func isDigit(_ c: UInt8) -> Bool {
    c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")
}
