/// What may be written as a response header field (RFC 9110 §5.1, §5.5): a name is a token, a value holds no
/// control character but tab. A fault or script asking for anything else would make the mock write a head no
/// client can read (`bad name: 1`), or, with a line break in a value, a header or response of its own.
enum HeaderField {
    /// Why `name: value` cannot be sent, or nil when it can.
    static func problem(name: String, value: String) -> String? {
        if name.isEmpty { return "a header name cannot be empty" }
        if !name.unicodeScalars.allSatisfy(Self.isTokenCharacter) {
            return "'\(name)' is not a header name (letters, digits and !#$%&'*+-.^_`|~ only)"
        }
        if value.unicodeScalars.contains(where: { ($0.value < 0x20 && $0 != "\t") || $0.value == 0x7F }) {
            return "the value of header '\(name)' holds a control character"
        }
        return nil
    }

    static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9": return true
        default: return "!#$%&'*+-.^_`|~".unicodeScalars.contains(scalar)
        }
    }
}
