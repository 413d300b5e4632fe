import MessagesAPI
import MockEngine

/// Sends a stream's events through a sink with the pacing and chunking of a `StreamShape`, applying a
/// mid-stream `Fault` at the event it names. Every wait is a `Task.sleep`, so cancellation (server
/// shutdown) ends a stall or a slow stream at once.
struct StreamRunner {
    /// How the stream ended, which decides what the connection does next.
    enum Outcome: Equatable {
        /// All events sent; `terminator` says whether the last chunk is owed.
        case finished(terminator: Bool)
        /// The body must end here by closing the connection (after a last chunk if `terminator`).
        case closeConnection(terminator: Bool)
        /// The sink was reset; nothing more may be written.
        case reset
    }

    /// Unwinds the event loop when a fault ends the stream.
    private struct Stop: Error {
        var outcome: Outcome
    }

    let shape: StreamShape
    let fault: Fault?
    /// Frame each write as its own HTTP chunk.
    let chunked: Bool
    var generator: SeededGenerator

    private var sent = 0
    private var bodyBytes = 0
    private var pending: [UInt8] = []
    private var pendingEvents = 0
    private var seenContent = false
    private var unknownIndexSent = false
    /// Whether the fault changed the stream; false when the stream ended before the fault's position.
    private(set) var faultApplied = false
    /// Events sent so far.
    var eventsSent: Int { self.sent }

    init(shape: StreamShape, fault: Fault?, chunked: Bool, seed: UInt64) {
        self.shape = shape
        self.fault = fault
        self.chunked = chunked
        self.generator = SeededGenerator(seed: seed)
    }

    /// Sends `events` (already-framed `raw` pieces when replaying a transcript).
    mutating func run(events: some Sequence<ServerSentEvent>, sink: some WireSink) async throws -> Outcome {
        do {
            if case .stall(0, let duration) = self.fault { try await self.stall(duration, sink: sink) }
            for event in events {
                if self.fault == .missingMessageDelta && event.name == "message_delta" {
                    self.faultApplied = true
                    continue
                }
                try await self.send(event, sink: sink)
                if event.name == "ping" && self.shape.unknownEvents {
                    try await self.send(SSEFraming.unknownEvent, sink: sink)
                }
                if self.fault == .duplicateMessageDelta && event.name == "message_delta" {
                    self.faultApplied = true
                    try await self.send(event, sink: sink)
                }
                if self.fault == .unknownIndex && event.name == "content_block_delta" && !self.unknownIndexSent {
                    self.unknownIndexSent = true
                    self.faultApplied = true
                    try await self.send(SSEFraming.unknownIndexDelta(), sink: sink)
                }
            }
            try await self.flush(sink)
            return .finished(terminator: true)
        } catch let stop as Stop {
            // Only a fault stops a stream early.
            self.faultApplied = true
            return stop.outcome
        }
    }

    /// Sends pre-framed raw pieces (a transcript), with pacing and the byte- and event-count faults.
    mutating func run(raw pieces: [[UInt8]], sink: some WireSink) async throws -> Outcome {
        do {
            if case .stall(0, let duration) = self.fault { try await self.stall(duration, sink: sink) }
            for piece in pieces {
                try await self.beforeEvent(sink: sink, isContent: self.sent >= 2)
                try await self.emit(piece, sink: sink)
                self.sent += 1
            }
            try await self.flush(sink)
            return .finished(terminator: true)
        } catch let stop as Stop {
            // Only a fault stops a stream early.
            self.faultApplied = true
            return stop.outcome
        }
    }

    private mutating func send(_ event: ServerSentEvent, sink: some WireSink) async throws {
        let isContent = event.name.hasPrefix("content_block")
        try await self.beforeEvent(sink: sink, isContent: isContent)
        var bytes = SSEFraming.bytes(event, shape: self.shape)
        if case .malformed(let kind, let at) = self.fault, at == self.sent {
            self.faultApplied = true
            switch kind {
            case .invalidJSON:
                var broken = event
                broken.data = Array(event.data.prefix(event.data.count / 2))
                bytes = SSEFraming.bytes(broken, shape: self.shape)
            case .missingBlankLine:
                bytes.removeLast(self.shape.crlf ? 2 : 1)
            case .badChunkSize:
                try await self.flush(sink)
                // The size line promises more bytes than follow; the connection then closes mid-chunk.
                let size = Array(String(bytes.count + 16, radix: 16).utf8) + [0x0D, 0x0A]
                try await sink.write(self.chunked ? size + bytes : bytes)
                throw Stop(outcome: .closeConnection(terminator: false))
            case .garbage:
                try await self.flush(sink)
                var noise = [UInt8](repeating: 0, count: 64)
                for i in noise.indices { noise[i] = UInt8.random(in: 0...255, using: &self.generator) }
                try await sink.write(noise)
                throw Stop(outcome: .closeConnection(terminator: false))
            }
        }
        try await self.emit(bytes, sink: sink)
        self.sent += 1
        if isContent { self.seenContent = true }
    }

    /// Faults that strike before event number `sent`, and the wait before it.
    private mutating func beforeEvent(sink: some WireSink, isContent: Bool) async throws {
        switch self.fault {
        case .midStreamError(let after, let type, let message)? where after == self.sent:
            try await self.emit(SSEFraming.bytes(SSEFraming.error(type: type, message: message), shape: self.shape), sink: sink)
            try await self.flush(sink)
            throw Stop(outcome: .finished(terminator: true))
        case .cut(let after?, _, let terminator)? where after == self.sent:
            try await self.flush(sink)
            throw Stop(outcome: terminator ? .finished(terminator: true) : .closeConnection(terminator: false))
        case .reset(let after)? where after == self.sent:
            try await self.flush(sink)
            await sink.reset()
            throw Stop(outcome: .reset)
        case .stall(let after, let duration)? where after == self.sent && after > 0:
            try await self.flush(sink)
            try await self.stall(duration, sink: sink)
        default:
            break
        }
        guard self.sent > 0 else { return }
        let wait = isContent && !self.seenContent ? self.shape.firstTokenDelay : self.shape.eventDelay
        try await self.wait(wait, sink: sink)
    }

    /// Waits, with jitter; during a long wait, sends `ping` events at the shape's interval.
    private mutating func wait(_ base: Duration, sink: some WireSink) async throws {
        guard base > .zero else { return }
        var remaining = base
        if self.shape.jitter > 0 {
            let factor = 1 + Double.random(in: -self.shape.jitter...self.shape.jitter, using: &self.generator)
            remaining = base * factor
        }
        try await self.flush(sink)
        if let interval = self.shape.pingInterval, interval > .zero {
            while remaining > interval {
                try await Task.sleep(for: interval)
                remaining -= interval
                try await self.emit(SSEFraming.bytes(StreamEncoder.ping, shape: self.shape), sink: sink)
                try await self.flush(sink)
            }
        }
        try await Task.sleep(for: remaining)
    }

    /// Silence for `duration`, or when none is given until the client goes away: it closes its side or the
    /// connection (server shutdown closes it too). A client that half-closes ends such a stall at once, since a
    /// FIN cannot be told apart from a client that has gone.
    private mutating func stall(_ duration: Duration?, sink: some WireSink) async throws {
        self.faultApplied = true
        if let duration {
            try await Task.sleep(for: duration)
            return
        }
        await sink.untilClientLeaves()
        throw Stop(outcome: .closeConnection(terminator: false))
    }

    /// Queues body bytes, honouring a byte cut, and writes them in the shape's pieces.
    private mutating func emit(_ bytes: [UInt8], sink: some WireSink) async throws {
        var bytes = bytes
        var stopAfter: Stop?
        if case .cut(nil, let limit?, let terminator)? = self.fault, self.bodyBytes + bytes.count >= limit {
            bytes = Array(bytes.prefix(limit - self.bodyBytes))
            stopAfter = Stop(outcome: terminator ? .finished(terminator: true) : .closeConnection(terminator: false))
        }
        self.bodyBytes += bytes.count
        if self.shape.drip {
            try await self.flush(sink)
            for byte in bytes { try await self.write([byte], sink: sink) }
        } else if self.shape.splitEvents && bytes.count > 1 {
            try await self.flush(sink)
            let middle = bytes.count / 2
            try await self.write(Array(bytes[..<middle]), sink: sink)
            try await self.write(Array(bytes[middle...]), sink: sink)
        } else {
            self.pending += bytes
            self.pendingEvents += 1
            if self.pendingEvents >= self.shape.eventsPerWrite { try await self.flush(sink) }
        }
        if let stopAfter {
            try await self.flush(sink)
            throw stopAfter
        }
    }

    private mutating func flush(_ sink: some WireSink) async throws {
        guard !self.pending.isEmpty else { return }
        let bytes = self.pending
        self.pending = []
        self.pendingEvents = 0
        try await self.write(bytes, sink: sink)
    }

    private func write(_ bytes: [UInt8], sink: some WireSink) async throws {
        guard !bytes.isEmpty else { return }
        try await sink.write(self.chunked ? HTTPWire.chunk(bytes) : bytes)
    }
}
