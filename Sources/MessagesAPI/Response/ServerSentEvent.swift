/// One SSE event: an `event:` line, a `data:` line and the blank line that dispatches it.
public struct ServerSentEvent: Sendable, Equatable {
    public var name: String
    public var data: [UInt8]

    public init(name: String, data: [UInt8]) {
        self.name = name
        self.data = data
    }

    /// `event: <name>\ndata: <json>\n\n`. Both SDKs drop events without an `event:` line or blank line.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(self.name.utf8.count + self.data.count + 16)
        out.append(contentsOf: "event: ".utf8)
        out.append(contentsOf: self.name.utf8)
        out.append(contentsOf: "\ndata: ".utf8)
        out.append(contentsOf: self.data)
        out.append(contentsOf: "\n\n".utf8)
        return out
    }

    public var dataText: String { String(decoding: self.data, as: UTF8.self) }
}
