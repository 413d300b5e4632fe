import MessagesAPI

extension JSONValue {
    /// The same JSON value whatever the key order, spacing or number spelling (`1`, `1.0` and `1e0` are one
    /// value); in `self`, the text `[redacted]` inside a string stands for any run of characters, so a
    /// recording whose request was redacted still picks the request it came from.
    public func isSameValue(as other: JSONValue) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a.text == b.text || a.doubleValue == b.doubleValue
        case (.string(let a), .string(let b)): return a == b || Self.redactedText(a, matches: b)
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.isSameValue(as: $1) }
        case (.object(let a), .object(let b)):
            // The last duplicate wins, as when the body is read; so compare the keys each object ends up with.
            let keys = Set(a.keys)
            guard keys == Set(b.keys) else { return false }
            return keys.allSatisfy { key in a[key].map { b[key].map($0.isSameValue) ?? false } ?? false }
        default: return false
        }
    }

    /// `pattern` with each `[redacted]` standing for any text (possibly none).
    static func redactedText(_ pattern: String, matches text: String) -> Bool {
        guard pattern.contains(RecordingRedaction.marker) else { return false }
        let parts = pattern.split(separator: RecordingRedaction.marker, omittingEmptySubsequences: false)
        var rest = Substring(text)
        guard rest.hasPrefix(parts[0]) else { return false }
        rest = rest.dropFirst(parts[0].count)
        for (index, part) in parts.enumerated().dropFirst() {
            if index == parts.count - 1 { return part.isEmpty || rest.hasSuffix(part) }
            guard let range = rest.firstRange(of: part) else { return false }
            rest = rest[range.upperBound...]
        }
        return true
    }
}
