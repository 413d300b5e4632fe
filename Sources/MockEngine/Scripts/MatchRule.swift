import MessagesAPI

/// The conditions a request must meet for a script to answer it. All given conditions must hold; an empty
/// rule matches every request. Two equal rules match the same requests (equality and hashing are synthesized,
/// so they take in every condition there is); each place that goes through the conditions one by one does it
/// with a switch over `Condition`.
public struct MatchRule: Sendable, Hashable {
    /// The model id: exact, or a glob with `*` and `?`.
    public var model: TextCondition?
    /// Text of the last user message.
    public var lastUser: TextCondition?
    /// The system prompt.
    public var system: TextCondition?
    /// Text of any message, user or assistant.
    public var anyMessage: TextCondition?
    /// Request headers by lower-cased name.
    public var headers: [HeaderCondition]
    /// Whether `tools` is present (`true`/`false`), or that a tool of this name is offered.
    public var tools: ToolCondition?
    /// Whether the last user turn carries a `tool_result`, or one answering a call of this tool.
    public var toolResult: ToolCondition?
    /// The conversation turn: the number of user messages in the request.
    public var turn: Int?
    public var stream: Bool?
    /// Request body keys that must hold these very JSON values (a recording's `match.request`).
    public var request: RequestCondition?

    public init(
        model: TextCondition? = nil,
        lastUser: TextCondition? = nil,
        system: TextCondition? = nil,
        anyMessage: TextCondition? = nil,
        headers: [(name: String, condition: TextCondition)] = [],
        tools: ToolCondition? = nil,
        toolResult: ToolCondition? = nil,
        turn: Int? = nil,
        stream: Bool? = nil,
        request: RequestCondition? = nil
    ) {
        self.model = model
        self.lastUser = lastUser
        self.system = system
        self.anyMessage = anyMessage
        self.headers = headers.map { HeaderCondition(name: $0.name, condition: $0.condition) }
        self.tools = tools
        self.toolResult = toolResult
        self.turn = turn
        self.stream = stream
        self.request = request
    }

    /// Number of conditions given (each header condition counts); an empty rule matches everything.
    public var conditionCount: Int {
        Condition.allCases.reduce(0) { $0 + self.count(of: $1) }
    }

    /// How many conditions of this kind the rule gives.
    public func count(of condition: Condition) -> Int {
        switch condition {
        case .model: self.model == nil ? 0 : 1
        case .lastUser: self.lastUser == nil ? 0 : 1
        case .system: self.system == nil ? 0 : 1
        case .anyMessage: self.anyMessage == nil ? 0 : 1
        case .headers: self.headers.count
        case .request: self.request == nil ? 0 : 1
        case .tools: self.tools == nil ? 0 : 1
        case .toolResult: self.toolResult == nil ? 0 : 1
        case .turn: self.turn == nil ? 0 : 1
        case .stream: self.stream == nil ? 0 : 1
        }
    }
}

extension MatchRule {
    /// Each kind of condition, one per stored property of `MatchRule` and in their order; the raw value is the
    /// key under `match:` in a script file. Decoding, counting and matching switch over it, so a new kind
    /// does not compile until each of them handles it (a test checks the kinds against the properties).
    public enum Condition: String, CaseIterable, Sendable {
        case model
        case lastUser = "last_user"
        case system
        case anyMessage = "any_message"
        case headers
        case tools
        case toolResult = "tool_result"
        case turn
        case stream
        case request

        /// The kinds in the order a request is tested against them: the cheap tests (a flag, a count)
        /// before those that read text, so a script that cannot answer is ruled out early.
        public static let checkOrder: [Condition] = Self.allCases.sorted { $0.checkRank < $1.checkRank }

        private var checkRank: Int {
            switch self {
            case .model: 0
            case .stream: 1
            case .turn: 2
            case .lastUser: 3
            case .system: 4
            case .anyMessage: 5
            case .headers: 6
            case .tools: 7
            case .toolResult: 8
            case .request: 9
            }
        }
    }
}

/// A test on one request header.
public struct HeaderCondition: Sendable, Hashable {
    /// The header's lower-cased name.
    public var name: String
    public var condition: TextCondition

    public init(name: String, condition: TextCondition) {
        self.name = name
        self.condition = condition
    }
}

/// A test on a piece of text.
public enum TextCondition: Sendable, Hashable {
    case equals(String)
    case contains(String)
    case glob(String)
    case regex(RegexBox)

    public func matches(_ text: String) -> Bool {
        switch self {
        case .equals(let expected): return text == expected
        case .contains(let part): return part.isEmpty || Self.text(text, contains: part)
        case .glob(let pattern): return Glob.matches(Array(pattern.unicodeScalars), Array(text.unicodeScalars))
        case .regex(let box): return box.matches(text)
        }
    }

    /// `text.contains(part)` as Swift defines it (character by character, canonical equivalence), without its
    /// cost in the common case. A part of plain ASCII (no CR or LF) can only be in the text where its bytes
    /// are, so a byte search that finds nothing is the answer; a find in an all-ASCII text is too, since each
    /// of its characters is one byte there. Anything else is left to the standard library. The standard search
    /// builds a table per call, which made a thousand `contains` scripts cost more than the request itself.
    static func text(_ text: String, contains part: String) -> Bool {
        let found: Bool? =
            text.utf8.withContiguousStorageIfAvailable { haystack in
                part.utf8.withContiguousStorageIfAvailable { needle in Self.bytes(haystack, contain: needle) } ?? nil
            } ?? nil
        switch found {
        case true?: return true
        case false?: return false
        case nil: return text.contains(part)
        }
    }

    /// True or false when the bytes settle it (see `text(_:contains:)`); nil when only characters can.
    private static func bytes(_ haystack: UnsafeBufferPointer<UInt8>, contain needle: UnsafeBufferPointer<UInt8>) -> Bool? {
        for byte in needle where byte >= 0x80 || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n") {
            return nil
        }
        guard Self.bytes(haystack, include: needle) else { return false }
        for byte in haystack where byte >= 0x80 { return nil }
        return true
    }

    private static func bytes(_ haystack: UnsafeBufferPointer<UInt8>, include needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return needle.isEmpty }
        let first = needle[0]
        var start = 0
        while start <= haystack.count - needle.count {
            if haystack[start] == first {
                var offset = 1
                while offset < needle.count && haystack[start + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return true }
            }
            start += 1
        }
        return false
    }

    /// How the condition reads in a message: `contains 'x'`, `regex 'y'`.
    public var description: String {
        switch self {
        case .equals(let s): return "equals '\(s)'"
        case .contains(let s): return "contains '\(s)'"
        case .glob(let s): return "matches '\(s)'"
        case .regex(let box): return "regex '\(box.pattern)'"
        }
    }
}

/// A condition on tools: present or absent, or a tool named so.
public enum ToolCondition: Sendable, Hashable {
    case present(Bool)
    case named(String)
}

/// A compiled regular expression with its source text.
// Regex values are immutable once built, and matching does not mutate them, so sharing one is safe.
public final class RegexBox: @unchecked Sendable, Hashable {
    public let pattern: String
    private let regex: Regex<AnyRegexOutput>

    public init(_ pattern: String) throws {
        self.pattern = pattern
        self.regex = try Regex(pattern)
    }

    public func matches(_ text: String) -> Bool {
        (try? self.regex.firstMatch(in: text)) != nil
    }

    public static func == (lhs: RegexBox, rhs: RegexBox) -> Bool { lhs.pattern == rhs.pattern }

    public func hash(into hasher: inout Hasher) { hasher.combine(self.pattern) }
}

/// `*` (any run) and `?` (any one character) wildcards.
enum Glob {
    static func matches(_ pattern: [Unicode.Scalar], _ text: [Unicode.Scalar]) -> Bool {
        var p = 0
        var t = 0
        var star: Int?
        var mark = 0
        while t < text.count {
            if p < pattern.count, pattern[p] == "?" || pattern[p] == text[t] {
                p += 1
                t += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = p
                mark = t
                p += 1
            } else if let s = star {
                p = s + 1
                mark += 1
                t = mark
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
