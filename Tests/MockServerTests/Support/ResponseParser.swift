import MessagesAPI

/// One HTTP response as it came off the wire, with each chunk of a chunked body kept apart.
struct ParsedResponse {
    var statusLine: String
    var headers: [(name: String, value: String)]
    var body: [UInt8]
    /// For chunked bodies, the payload of every chunk in order (the last, empty chunk excluded).
    var chunks: [[UInt8]]
    /// The exact bytes of the whole response.
    var raw: [UInt8]

    var status: Int { Int(self.statusLine.split(separator: " ")[1]) ?? 0 }
    var bodyText: String { String(decoding: self.body, as: UTF8.self) }

    /// The reply text: `content[0].text` of a JSON message, or the joined `text_delta`s of a stream.
    var replyText: String? {
        if self.header("transfer-encoding") == "chunked" || self.header("content-type")?.hasPrefix("text/event-stream") == true {
            var text = ""
            for line in self.bodyText.split(separator: "\n") where line.hasPrefix("data: ") {
                guard let json = try? JSONParser.parse(String(line.dropFirst(6))),
                    json["delta"]?["type"]?.stringValue == "text_delta"
                else { continue }
                text += json["delta"]?["text"]?.stringValue ?? ""
            }
            return text
        }
        return (try? JSONParser.parse(self.body))?["content"]?.arrayValue?.first?["text"]?.stringValue
    }

    func header(_ name: String) -> String? {
        self.headers.first { $0.name.lowercased() == name }?.value
    }
}

/// Splits a byte stream into complete HTTP/1.1 responses (content-length or chunked framing).
struct ResponseParser {
    let bytes: [UInt8]
    var index = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The first complete response in `bytes`, if any.
    static func first(_ bytes: [UInt8]) -> ParsedResponse? {
        var parser = ResponseParser(bytes: bytes)
        return parser.parseOne()
    }

    mutating func parseAll() -> [ParsedResponse] {
        var responses: [ParsedResponse] = []
        while let response = self.parseOne() { responses.append(response) }
        return responses
    }

    private func findCRLF(from start: Int) -> Int? {
        var i = start
        while i + 1 < self.bytes.count {
            if self.bytes[i] == 0x0D && self.bytes[i + 1] == 0x0A { return i }
            i += 1
        }
        return nil
    }

    private mutating func line() -> String? {
        guard let end = self.findCRLF(from: self.index) else { return nil }
        let text = String(decoding: self.bytes[self.index..<end], as: UTF8.self)
        self.index = end + 2
        return text
    }

    mutating func parseOne() -> ParsedResponse? {
        let start = self.index
        guard let statusLine = self.line() else {
            self.index = start
            return nil
        }
        var headers: [(name: String, value: String)] = []
        while true {
            guard let line = self.line() else {
                self.index = start
                return nil
            }
            if line.isEmpty { break }
            let colon = line.firstIndex(of: ":")!
            headers.append(
                (String(line[..<colon]), String(line[line.index(after: colon)...].drop(while: { $0 == " " }))))
        }
        let lower = headers.map { ($0.name.lowercased(), $0.value) }
        var body: [UInt8] = []
        var chunks: [[UInt8]] = []
        if lower.contains(where: { $0.0 == "transfer-encoding" && $0.1 == "chunked" }) {
            while true {
                guard let sizeLine = self.line(), let size = Int(sizeLine, radix: 16) else {
                    self.index = start
                    return nil
                }
                if size == 0 {
                    guard self.line() == "" else {
                        self.index = start
                        return nil
                    }
                    break
                }
                guard self.index + size + 2 <= self.bytes.count else {
                    self.index = start
                    return nil
                }
                let payload = Array(self.bytes[self.index..<self.index + size])
                chunks.append(payload)
                body.append(contentsOf: payload)
                self.index += size + 2
            }
        } else {
            let length = lower.first(where: { $0.0 == "content-length" }).flatMap { Int($0.1) } ?? 0
            guard self.index + length <= self.bytes.count else {
                self.index = start
                return nil
            }
            body = Array(self.bytes[self.index..<self.index + length])
            self.index += length
        }
        return ParsedResponse(
            statusLine: statusLine, headers: headers, body: body, chunks: chunks,
            raw: Array(self.bytes[start..<self.index]))
    }
}
