/// Header lookups on the `(name, value)` pairs requests, replies and journal entries keep, in the order sent.
extension Array where Element == (name: String, value: String) {
    /// The first value of the header `name` (given in lower case), matched without regard to case.
    public func firstValue(named name: String) -> String? {
        for header in self where Self.name(header.name, lowercasedIs: name) {
            return header.value
        }
        return nil
    }

    /// The token of the first `authorization` header when it reads `Bearer <token>` (the scheme in any case),
    /// without surrounding white space; nil when there is none.
    public var bearerToken: String? {
        guard let authorization = self.firstValue(named: "authorization") else { return nil }
        let parts = authorization.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return String(parts[1]).trimmingWhitespace()
    }

    /// Whether `name` with A–Z lowered is `lowercase`, byte for byte. Header names are ASCII tokens (the
    /// HTTP parser refuses anything else), so this is `name.lowercased() == lowercase` without building a
    /// string for every header of every request.
    private static func name(_ name: String, lowercasedIs lowercase: String) -> Bool {
        guard name.utf8.count == lowercase.utf8.count else { return false }
        for (byte, wanted) in zip(name.utf8, lowercase.utf8) {
            let lowered = byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
            guard lowered == wanted else { return false }
        }
        return true
    }
}
