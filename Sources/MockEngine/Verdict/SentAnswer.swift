import MessagesAPI

/// What the mock sent as the assistant's turn: the blocks of the message it planned (for a stream, what a
/// client would hold had it read to the end), and whether the client got all of it.
public struct SentAnswer: Sendable, Equatable {
    public var blocks: [TurnBlock]

    public init(blocks: [TurnBlock]) {
        self.blocks = blocks
    }

    public init(_ message: ResponseMessage) {
        self.blocks = message.content.map(TurnBlock.init)
    }

    /// The message a replayed transcript carries, put together from its events as a client would.
    public init(transcript chunks: [[UInt8]]) {
        var accumulator = SSEAccumulator()
        for chunk in chunks { accumulator.add(chunk) }
        self.blocks = accumulator.finish()
    }

    /// All text and thinking of the answer, in order: what a partial copy is compared against.
    public var text: String {
        self.blocks.map { block in
            switch block {
            case .text(let text): return text
            case .thinking(let thinking, _): return thinking
            default: return ""
            }
        }.joined()
    }

    public var toolUseIDs: [String] { Turn(role: "assistant", blocks: self.blocks).toolUseIDs }
}

/// Reads SSE bytes (any chunking) and builds the content blocks a client would: starts, text, thinking and
/// signature deltas, and tool input JSON put together at the block's stop.
struct SSEAccumulator {
    private var pending: [UInt8] = []
    private var data: [UInt8] = []
    private var blocks: [TurnBlock] = []
    private var partialJSON: [Int: String] = [:]

    mutating func add(_ bytes: [UInt8]) {
        self.pending += bytes
        while let newline = self.pending.firstIndex(of: 0x0A) {
            var line = Array(self.pending[..<newline])
            self.pending.removeSubrange(...newline)
            if line.last == 0x0D { line.removeLast() }
            if line.isEmpty {
                self.dispatch()
            } else if line.starts(with: Array("data:".utf8)) {
                var payload = line.dropFirst(5)
                if payload.first == 0x20 { payload = payload.dropFirst() }
                if !self.data.isEmpty { self.data.append(0x0A) }
                self.data += payload
            }
        }
    }

    mutating func finish() -> [TurnBlock] {
        self.dispatch()
        return self.blocks
    }

    private mutating func dispatch() {
        defer { self.data = [] }
        guard !self.data.isEmpty, let event = try? JSONParser.parse(self.data) else { return }
        let index = event["index"].flatMap { value -> Int? in
            if case .number(let number) = value { return number.integerValue }
            return nil
        }
        switch event["type"]?.stringValue {
        case "content_block_start":
            guard let start = event["content_block"], let block = TurnBlock(start) else { return }
            self.blocks.append(block)
        case "content_block_delta":
            guard let index, self.blocks.indices.contains(index), let delta = event["delta"] else { return }
            switch (self.blocks[index], delta["type"]?.stringValue) {
            case (.text(let text), "text_delta"):
                self.blocks[index] = .text(text + (delta["text"]?.stringValue ?? ""))
            case (.thinking(let thinking, let signature), "thinking_delta"):
                self.blocks[index] = .thinking(thinking + (delta["thinking"]?.stringValue ?? ""), signature: signature)
            case (.thinking(let thinking, let signature), "signature_delta"):
                self.blocks[index] = .thinking(thinking, signature: (signature ?? "") + (delta["signature"]?.stringValue ?? ""))
            case (.toolUse, "input_json_delta"):
                self.partialJSON[index, default: ""] += delta["partial_json"]?.stringValue ?? ""
            default:
                break
            }
        case "content_block_stop":
            guard let index, self.blocks.indices.contains(index), case .toolUse(let id, let name, _) = self.blocks[index],
                let text = self.partialJSON[index], let input = try? JSONParser.parse(text)
            else { return }
            self.blocks[index] = .toolUse(id: id, name: name, input: input)
        default:
            break
        }
    }
}

/// Where an answer's assistant turn can be read from, kept by reference in the journal: reading it costs
/// nothing until a verdict asks.
public enum SentSource: Sendable {
    case message(ResponseMessage)
    case transcript([[UInt8]])

    public var answer: SentAnswer {
        switch self {
        case .message(let message): return SentAnswer(message)
        case .transcript(let chunks): return SentAnswer(transcript: chunks)
        }
    }
}
