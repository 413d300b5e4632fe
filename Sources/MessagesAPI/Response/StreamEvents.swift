/// The Fireworks event sequence for one message, produced lazily: `message_start`, `ping`, then per block
/// `content_block_start`, its deltas and `content_block_stop`, then one `message_delta` and `message_stop`.
/// Deltas are cut from the block's text as they are needed, so a long reply costs no memory up front.
public struct StreamEvents: Sequence, Sendable {
    /// The message the events carry.
    public let message: ResponseMessage
    let encoder: StreamEncoder

    public func makeIterator() -> Iterator {
        Iterator(message: self.message, encoder: self.encoder)
    }

    /// Walks the sequence with a small state machine.
    public struct Iterator: IteratorProtocol {
        /// What is left to send of the current block.
        enum Remaining {
            case text(Substring)
            case thinking(Substring, signature: String)
            case signature(String)
            /// A tool call's input JSON; the first delta is empty, as the real API sends it.
            case json(Substring, first: Bool)
            case nothing
        }

        enum State {
            case start
            case ping
            case blockStart(Int)
            case blockDeltas(Int, Remaining)
            case blockStop(Int)
            case messageDelta
            case messageStop
            case done
        }

        let message: ResponseMessage
        let encoder: StreamEncoder
        var state = State.start

        init(message: ResponseMessage, encoder: StreamEncoder) {
            self.message = message
            self.encoder = encoder
        }

        public mutating func next() -> ServerSentEvent? {
            switch self.state {
            case .start:
                self.state = .ping
                return self.encoder.messageStart(self.message)
            case .ping:
                self.state = self.message.content.isEmpty ? .messageDelta : .blockStart(0)
                return StreamEncoder.ping
            case .blockStart(let index):
                let block = self.message.content[index]
                self.state = .blockDeltas(index, Self.remaining(of: block))
                return self.encoder.contentBlockStart(block, index: index)
            case .blockDeltas(let index, let remaining):
                guard let (event, rest) = self.delta(index: index, remaining) else {
                    self.state = .blockStop(index)
                    return self.next()
                }
                self.state = .blockDeltas(index, rest)
                return event
            case .blockStop(let index):
                self.state = index + 1 < self.message.content.count ? .blockStart(index + 1) : .messageDelta
                return StreamEncoder.contentBlockStop(index: index)
            case .messageDelta:
                self.state = .messageStop
                return self.encoder.messageDelta(self.message)
            case .messageStop:
                self.state = .done
                return StreamEncoder.messageStop
            case .done:
                return nil
            }
        }

        static func remaining(of block: OutputBlock) -> Remaining {
            switch block {
            case .text(let text): return .text(Substring(text))
            case .thinking(let thinking, let signature): return .thinking(Substring(thinking), signature: signature)
            case .redactedThinking: return .nothing
            case .toolUse: return .json(Substring(block.toolInputText ?? "{}"), first: true)
            }
        }

        /// The next delta event of a block and what remains after it, or nil when the block is done.
        func delta(index: Int, _ remaining: Remaining) -> (ServerSentEvent, Remaining)? {
            switch remaining {
            case .text(let rest):
                guard !rest.isEmpty else { return nil }
                let (piece, after) = self.encoder.textChunking.nextPiece(of: rest)
                return (StreamEncoder.delta(index: index, type: "text_delta", field: "text", value: String(piece)), .text(after))
            case .thinking(let rest, let signature):
                guard !rest.isEmpty else { return self.delta(index: index, .signature(signature)) }
                let (piece, after) = self.encoder.textChunking.nextPiece(of: rest)
                let event = StreamEncoder.delta(index: index, type: "thinking_delta", field: "thinking", value: String(piece))
                return (event, .thinking(after, signature: signature))
            case .signature(let signature):
                return (
                    StreamEncoder.delta(index: index, type: "signature_delta", field: "signature", value: signature),
                    .nothing
                )
            case .json(let rest, let first):
                if first {
                    return (StreamEncoder.delta(index: index, type: "input_json_delta", field: "partial_json", value: ""), .json(rest, first: false))
                }
                guard !rest.isEmpty else { return nil }
                let (piece, after) = TextChunking.characters(self.encoder.jsonPieceSize).nextPiece(of: rest)
                let event = StreamEncoder.delta(index: index, type: "input_json_delta", field: "partial_json", value: String(piece))
                return (event, .json(after, first: false))
            case .nothing:
                return nil
            }
        }
    }
}
