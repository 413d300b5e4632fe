/// Which journal entries a query wants. Every given condition must hold.
public struct JournalFilter: Sendable, Equatable {
    /// Exactly this session (empty: the default session).
    public var session: String?
    public var method: String?
    public var path: String?
    public var status: Int?
    /// Answered by the script of this name.
    public var script: String?
    /// What kind of answer (see `JournalEntry.answerKind`).
    public var answer: AnswerKind?
    /// Only entries with a greater id.
    public var since: Int?
    /// At most this many, the newest.
    public var limit: Int?
    /// The entry whose answer carried this `request-id` (the SDKs expose it as `_request_id`).
    public var requestID: String?

    public init(
        session: String? = nil, method: String? = nil, path: String? = nil, status: Int? = nil,
        script: String? = nil, answer: AnswerKind? = nil, since: Int? = nil, limit: Int? = nil
    ) {
        self.session = session
        self.method = method
        self.path = path
        self.status = status
        self.script = script
        self.answer = answer
        self.since = since
        self.limit = limit
    }

    public func accepts(_ entry: JournalEntry) -> Bool {
        if let session, entry.session != session { return false }
        if let method, entry.method != method { return false }
        if let path, entry.path != path { return false }
        if let status, entry.status != status { return false }
        if let script, entry.script?.name != script { return false }
        if let answer, entry.answerKind != answer { return false }
        if let since, entry.id <= since { return false }
        if let requestID, entry.requestID != requestID { return false }
        return true
    }

    /// The query parameters a journal query takes.
    public static let parameters = [
        "session", "method", "path", "status", "script", "answer", "since", "limit", "request_id",
    ]

    /// Reads the filter from query parameters; unknown parameters and bad numbers are refused with a message.
    public static func parse(_ query: [(name: String, value: String)]) -> Result<JournalFilter, QueryProblem> {
        var filter = JournalFilter()
        for (name, value) in query {
            switch name {
            case "session": filter.session = value
            case "method": filter.method = value.uppercased()
            case "path": filter.path = value
            case "script": filter.script = value
            case "request_id": filter.requestID = value
            case "answer":
                guard let kind = AnswerKind(rawValue: value) else {
                    return .failure(QueryProblem("answer: must be script, echo or error, not '\(value)'"))
                }
                filter.answer = kind
            case "status", "since", "limit":
                guard let number = Int(value), number >= 0 else {
                    return .failure(QueryProblem("\(name): must be a whole number ≥ 0, not '\(value)'"))
                }
                switch name {
                case "status": filter.status = number
                case "since": filter.since = number
                default: filter.limit = number
                }
            default:
                return .failure(
                    QueryProblem("unknown query parameter '\(name)' (known: \(self.parameters.joined(separator: ", ")))"))
            }
        }
        return .success(filter)
    }
}

/// A query string the admin API cannot take, with the reason.
public struct QueryProblem: Error, Sendable, Equatable {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }
}
