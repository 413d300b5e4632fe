/// Fireworks model resource names: `accounts/<account>/models/<name>` or `accounts/<account>/routers/<name>`.
public enum ModelID {
    public static func isFireworksModel(_ id: String) -> Bool {
        // On the UTF-8 bytes: splitting the String by Character cost more than all the rest of the validation.
        // Every byte that matters is ASCII, so the answer is the same.
        let parts = id.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0].elementsEqual("accounts".utf8),
            parts[2].elementsEqual("models".utf8) || parts[2].elementsEqual("routers".utf8)
        else { return false }
        return self.isName(parts[1]) && self.isName(parts[3])
    }

    /// Lower-case letters, digits, `-`, `_` and `.`; starting with a letter or digit; at most 128 characters.
    private static func isName(_ part: Substring.UTF8View.SubSequence) -> Bool {
        guard let first = part.first, part.count <= 128, isLowerAlnum(first) else { return false }
        return part.allSatisfy { isLowerAlnum($0) || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E }
    }

    private static func isLowerAlnum(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7A)
    }
}
