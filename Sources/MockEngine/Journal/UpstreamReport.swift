/// What the journal says of an answer that came from the upstream (`--upstream`).
public struct UpstreamReport: Sendable, Equatable {
    /// The URL the request went to.
    public var url: String
    /// The upstream's status; nil when it could not be asked (the client got a 502).
    public var status: Int?
    /// From the request's arrival to the upstream's status line.
    public var firstByte: Duration?
    /// The script file the exchange was recorded to (`--record`).
    public var recording: String?

    public init(url: String, status: Int?, firstByte: Duration?, recording: String?) {
        self.url = url
        self.status = status
        self.firstByte = firstByte
        self.recording = recording
    }
}
