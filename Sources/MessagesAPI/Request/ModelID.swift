/// Fireworks model resource names: `accounts/<account>/models/<name>` or `accounts/<account>/routers/<name>`.
public enum ModelID {
    public static func isFireworksModel(_ id: String) -> Bool {
        let parts = id.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "accounts", parts[2] == "models" || parts[2] == "routers" else {
            return false
        }
        return self.isName(parts[1]) && self.isName(parts[3])
    }

    /// Lower-case letters, digits, `-`, `_` and `.`; starting with a letter or digit; at most 128 characters.
    private static func isName(_ part: Substring) -> Bool {
        guard let first = part.utf8.first, part.utf8.count <= 128, isLowerAlnum(first) else { return false }
        return part.utf8.allSatisfy { isLowerAlnum($0) || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E }
    }

    private static func isLowerAlnum(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7A)
    }
}
