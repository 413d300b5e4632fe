/// How long the server waits for a client on the request side of a connection. None of them runs while an
/// answer is owed (a response being written, a stall fault, a slow stream), so they never cut a response.
/// `nil` turns one off.
public struct RequestTimeouts: Sendable, Equatable {
    /// From the first byte of a request to the end of its head; past it: 408, then close.
    public var header: Duration?
    /// Between two pieces of a request body; past it: 408, then close.
    public var body: Duration?
    /// A keep-alive connection with no request in progress; past it the connection closes quietly.
    public var idle: Duration?

    public init(header: Duration? = .seconds(30), body: Duration? = .seconds(30), idle: Duration? = .seconds(75)) {
        self.header = header
        self.body = body
        self.idle = idle
    }

    /// No timeouts at all.
    public static let none = RequestTimeouts(header: nil, body: nil, idle: nil)
}

/// A request-side deadline that passed: the connection loop answers 408 and closes.
struct RequestTimedOut: Error, Equatable {
    /// Which part of the request was late.
    enum Part: String {
        case head
        case body
    }

    var part: Part
    var after: Duration
}
