import MessagesAPI

/// `--record-redact REGEX`: text in a recorded request that matches any pattern is stored as `[redacted]`.
public struct RecordingRedaction: Sendable {
    /// What replaces redacted text, and what matching reads as "any text".
    public static let marker = "[redacted]"

    /// The patterns as given, each compiled once.
    public let patterns: [String]
    private let expressions: [Expression]

    /// Fails with the pattern and why when one does not compile.
    public init(patterns: [String]) throws(Failure) {
        var expressions: [Expression] = []
        for pattern in patterns {
            do {
                expressions.append(Expression(regex: try Regex(pattern)))
            } catch {
                throw Failure(pattern: pattern, reason: "\(error)")
            }
        }
        self.patterns = patterns
        self.expressions = expressions
    }

    /// A pattern that does not compile.
    public struct Failure: Error, Sendable {
        public var pattern: String
        public var reason: String
    }

    /// Every string in `value` with the patterns' matches replaced.
    public func apply(to value: JSONValue) -> JSONValue {
        guard !self.expressions.isEmpty else { return value }
        switch value {
        case .string(let text): return .string(self.apply(to: text))
        case .array(let items): return .array(items.map(self.apply))
        case .object(let object): return .object(JSONObject(object.members.map { ($0.key, self.apply(to: $0.value)) }))
        default: return value
        }
    }

    public func apply(to text: String) -> String {
        var text = text
        for expression in self.expressions { text = text.replacing(expression.regex, with: Self.marker) }
        return text
    }

    /// A compiled pattern.
    // A Regex is immutable once built and replacing with it does not mutate it, so sharing one is safe.
    private final class Expression: @unchecked Sendable {
        let regex: Regex<AnyRegexOutput>
        init(regex: Regex<AnyRegexOutput>) { self.regex = regex }
    }
}
