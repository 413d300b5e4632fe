/// The Fireworks event sequence for one message, produced lazily: `message_start`, `ping`, then per block
/// `content_block_start`, its deltas and `content_block_stop`, then one `message_delta` and `message_stop`.
public struct StreamEvents: Sequence, Sendable {
    let message: ResponseMessage
    let encoder: StreamEncoder

    public func makeIterator() -> Iterator {
        Iterator(message: self.message, encoder: self.encoder)
    }

    /// Walks the sequence with a small state machine; only the current block's pieces are held.
    public struct Iterator: IteratorProtocol {
        enum State {
            case start
            case ping
            case blockStart(Int)
            case blockDelta(Int, piece: Int)
            case blockStop(Int)
            case messageDelta
            case messageStop
            case done
        }

        let message: ResponseMessage
        let encoder: StreamEncoder
        var state = State.start
        var pieces: [String] = []

        init(message: ResponseMessage, encoder: StreamEncoder) {
            self.message = message
            self.encoder = encoder
        }

        private func afterBlock(_ index: Int) -> State {
            index + 1 < self.message.content.count ? .blockStart(index + 1) : .messageDelta
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
                self.pieces = self.encoder.contentPieces(block)
                self.state = self.pieces.isEmpty ? .blockStop(index) : .blockDelta(index, piece: 0)
                return self.encoder.contentBlockStart(block, index: index)
            case .blockDelta(let index, let piece):
                self.state = piece + 1 < self.pieces.count ? .blockDelta(index, piece: piece + 1) : .blockStop(index)
                return self.encoder.contentDelta(self.message.content[index], index: index, piece: self.pieces[piece])
            case .blockStop(let index):
                self.pieces = []
                self.state = self.afterBlock(index)
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
    }
}
