import MessagesAPI

/// A stream's events as they go on the wire once the event-level faults have changed them: the pieces (one
/// framed event each, in the stream shape's framing) and how the body ends. It applies the faults that change
/// what the events are (`mid-stream-error`, `malformed`, `no-message-delta`, `duplicate-message-delta`,
/// `unknown-index`) and the shape's `unknown-events`; the transport adds only timing, HTTP framing, cuts, resets
/// and stalls, whose positions count the pieces given here. Pure and lazy: the events are read as the pieces
/// are asked for, so a long reply costs no memory up front.
public struct FaultedStream: IteratorProtocol {
    /// One event on the wire, framed as SSE (HTTP chunk framing is the transport's).
    public struct Piece: Sendable, Equatable {
        public var bytes: [UInt8]
        /// A `content_block_*` event: the first one waits the time to first token.
        public var isContent: Bool
        /// How the transport frames it; anything but `.chunk` breaks the body, and the connection closes after it.
        public var framing = Framing.chunk
        /// For a recording: when the event left the upstream, from the request's start. Pieces a fault adds have
        /// none and follow the piece before them at once.
        public var at: Duration?

        public init(bytes: [UInt8], isContent: Bool, framing: Framing = .chunk, at: Duration? = nil) {
            self.bytes = bytes
            self.isContent = isContent
            self.framing = framing
            self.at = at
        }
    }

    /// How a piece goes into the HTTP body.
    public enum Framing: Sendable, Equatable {
        /// As its own chunk (HTTP/1.1), or as it is (HTTP/1.0).
        case chunk
        /// In a chunk whose size line announces more bytes than follow (`malformed=bad-chunk-size`).
        case oversizedChunk
        /// As it is, with no chunk framing even in a chunked body (`malformed=garbage`).
        case bare
    }

    /// How the body ends after the last piece.
    public enum End: Sendable, Equatable {
        /// As a body normally ends (the last chunk follows); the connection may stay open.
        case complete
        /// The connection closes after the last piece, without the last chunk.
        case close
    }

    /// Where the events come from.
    private enum Source {
        case events(StreamEvents.Iterator)
        case list(IndexingIterator<[ServerSentEvent]>)
        /// Already-framed pieces (a replayed transcript): sent as they are, named by their `event:` line.
        case transcript(IndexingIterator<[[UInt8]]>)
    }

    private var source: Source
    private let fault: Fault?
    private let shape: StreamShape
    private var generator: SeededGenerator
    /// Pieces made from the last event and not yet handed out (an event makes at most three).
    private var ready: [Piece] = []
    private var readyIndex = 0
    /// Pieces made so far: the position that faults name.
    private var made = 0
    private var unknownIndexSent = false
    private var stopped = false
    /// A recording's event times, one per transcript piece, and the time of the piece being taken.
    private var offsets: [Duration] = []
    private var taken = 0
    private var currentOffset: Duration?

    /// How the body ends; final once `next()` has returned nil.
    public private(set) var end = End.complete
    /// Whether the fault changed the stream; false when it is not an event-level fault or the stream ended
    /// before its position.
    public private(set) var faultApplied = false

    /// The events of a planned message.
    public init(_ events: StreamEvents, fault: Fault?, shape: StreamShape, seed: UInt64) {
        self.init(source: .events(events.makeIterator()), fault: fault, shape: shape, seed: seed)
    }

    /// A list of events.
    public init(_ events: [ServerSentEvent], fault: Fault?, shape: StreamShape, seed: UInt64) {
        self.init(source: .list(events.makeIterator()), fault: fault, shape: shape, seed: seed)
    }

    /// A transcript's pieces, each already framed; the shape's framing options do not apply to them. `offsets`
    /// (a recording's timing, one per piece) become the pieces' `at`.
    public init(transcript: [[UInt8]], offsets: [Duration] = [], fault: Fault?, shape: StreamShape, seed: UInt64) {
        self.init(source: .transcript(transcript.makeIterator()), fault: fault, shape: shape, seed: seed)
        self.offsets = offsets
    }

    private init(source: Source, fault: Fault?, shape: StreamShape, seed: UInt64) {
        self.source = source
        self.fault = fault
        self.shape = shape
        self.generator = SeededGenerator(seed: seed)
    }

    public mutating func next() -> Piece? {
        while self.readyIndex == self.ready.count {
            self.ready.removeAll(keepingCapacity: true)
            self.readyIndex = 0
            guard !self.stopped, let (event, bytes) = self.nextEvent() else { return nil }
            self.take(event, bytes: bytes)
        }
        defer { self.readyIndex += 1 }
        return self.ready[self.readyIndex]
    }

    /// The next event (for a transcript, only its name) and its framed bytes.
    private mutating func nextEvent() -> (ServerSentEvent, [UInt8])? {
        switch self.source {
        case .events(var iterator):
            defer { self.source = .events(iterator) }
            return iterator.next().map { ($0, SSEFraming.bytes($0, shape: self.shape)) }
        case .list(var iterator):
            defer { self.source = .list(iterator) }
            return iterator.next().map { ($0, SSEFraming.bytes($0, shape: self.shape)) }
        case .transcript(var iterator):
            defer { self.source = .transcript(iterator) }
            self.currentOffset = self.taken < self.offsets.count ? self.offsets[self.taken] : nil
            self.taken += 1
            return iterator.next().map { (ServerSentEvent(name: SSEFraming.eventName(in: $0) ?? "", data: []), $0) }
        }
    }

    /// The pieces one event makes: none (a dropped `message_delta`), itself, or itself and what a fault or the
    /// shape adds after it.
    private mutating func take(_ event: ServerSentEvent, bytes: [UInt8]) {
        let name = event.name
        if self.fault == .missingMessageDelta && name == "message_delta" {
            self.faultApplied = true
            return
        }
        self.add(event, bytes: bytes)
        if name == "ping" && self.shape.unknownEvents {
            self.add(SSEFraming.unknownEvent, bytes: SSEFraming.bytes(SSEFraming.unknownEvent, shape: self.shape))
        }
        if self.fault == .duplicateMessageDelta && name == "message_delta" {
            self.faultApplied = true
            self.add(event, bytes: bytes)
        }
        if self.fault == .unknownIndex && name == "content_block_delta" && !self.unknownIndexSent {
            self.unknownIndexSent = true
            self.faultApplied = true
            let delta = SSEFraming.unknownIndexDelta
            self.add(delta, bytes: SSEFraming.bytes(delta, shape: self.shape))
        }
    }

    /// Adds the piece at position `made`, or what the fault puts there instead. A transcript's event has a
    /// name (empty when its piece has no `event:` line) and no data: its framed bytes are all there is.
    private mutating func add(_ event: ServerSentEvent, bytes: [UInt8]) {
        guard !self.stopped else { return }
        // The first piece an event makes keeps the event's recorded time; what a fault adds after it has none.
        let recordedAt = self.currentOffset
        self.currentOffset = nil
        let isContent = event.name.isEmpty ? self.made >= 2 : event.name.hasPrefix("content_block")
        switch self.fault {
        case .midStreamError(let after, let type, let message)? where after == self.made:
            // The error takes the event's place and ends the body (cleanly, without `message_stop`).
            self.stop(.complete)
            self.ready.append(Piece(bytes: SSEFraming.bytes(SSEFraming.error(type: type, message: message), shape: self.shape), isContent: false))
        case .malformed(let kind, let at)? where at == self.made:
            self.faultApplied = true
            switch kind {
            case .invalidJSON:
                var broken = bytes
                if self.isTranscript {
                    broken = SSEFraming.halvingData(of: bytes) ?? bytes
                } else {
                    broken = SSEFraming.bytes(ServerSentEvent(name: event.name, data: Array(event.data.prefix(event.data.count / 2))), shape: self.shape)
                }
                self.ready.append(Piece(bytes: broken, isContent: isContent))
            case .missingBlankLine:
                var broken = bytes
                if broken.last == 0x0A { broken.removeLast() }
                if broken.last == 0x0D { broken.removeLast() }
                self.ready.append(Piece(bytes: broken, isContent: isContent))
            case .badChunkSize:
                self.stop(.close)
                self.ready.append(Piece(bytes: bytes, isContent: isContent, framing: .oversizedChunk))
            case .garbage:
                self.stop(.close)
                self.ready.append(Piece(bytes: self.generator.bytes(64), isContent: isContent, framing: .bare))
            }
        default:
            self.ready.append(Piece(bytes: bytes, isContent: isContent))
        }
        // Every case above adds exactly one piece.
        self.ready[self.ready.count - 1].at = recordedAt
        self.made += 1
    }

    private var isTranscript: Bool {
        if case .transcript = self.source { return true }
        return false
    }

    private mutating func stop(_ end: End) {
        self.stopped = true
        self.faultApplied = true
        self.end = end
    }
}
