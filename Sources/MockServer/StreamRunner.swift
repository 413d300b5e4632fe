import MessagesAPI
import MockEngine

/// Sends a stream's pieces (events already changed by the event-level faults, see `FaultedStream`) through a
/// sink with the pacing and writes of a `StreamShape`, and applies the faults that belong to the transport:
/// cut, reset and stall. Every wait is a `Task.sleep`, so cancellation (server shutdown) ends a stall or a
/// slow stream at once.
struct StreamRunner {
    /// How the body ended, which decides what the connection does next.
    enum Outcome: Equatable {
        /// As a body normally ends: the last chunk is owed, and the connection may stay open.
        case complete
        /// The connection closes here, with the body unfinished (no last chunk).
        case close
        /// The sink was reset; nothing more may be written.
        case reset
    }

    /// Unwinds the stream when a fault ends it.
    private struct Stop: Error {
        var outcome: Outcome
    }

    let shape: StreamShape
    let fault: Fault?
    /// Frame each write as its own HTTP chunk.
    let chunked: Bool
    var generator: SeededGenerator
    /// When the answer began: a recorded piece leaves at this instant plus its scaled offset.
    let origin: ContinuousClock.Instant

    private var sent = 0
    private var bodyBytes = 0
    private var pending: [UInt8] = []
    private var pendingEvents = 0
    private var seenContent = false
    /// Whether a transport fault (cut, reset, stall) changed the stream.
    private(set) var faultApplied = false
    /// Pieces sent so far.
    var eventsSent: Int { self.sent }

    init(shape: StreamShape, fault: Fault?, chunked: Bool, seed: UInt64, origin: ContinuousClock.Instant = .now) {
        self.origin = origin
        self.shape = shape
        self.fault = fault
        self.chunked = chunked
        self.generator = SeededGenerator(seed: seed)
    }

    /// Sends every piece of `stream`, or up to the fault that ends it.
    mutating func run(_ stream: inout FaultedStream, sink: some WireSink) async throws -> Outcome {
        do {
            if case .stall(0, let duration) = self.fault { try await self.stall(duration, sink: sink) }
            while let piece = stream.next() {
                try await self.beforeEvent(sink: sink, isContent: piece.isContent, at: piece.at)
                switch piece.framing {
                case .chunk:
                    try await self.emit(piece.bytes, sink: sink)
                    self.sent += 1
                    if piece.isContent { self.seenContent = true }
                case .oversizedChunk:
                    try await self.flush(sink)
                    // The size line promises more bytes than follow; the connection then closes mid-chunk.
                    let size = Array(String(piece.bytes.count + 16, radix: 16).utf8) + [0x0D, 0x0A]
                    try await sink.write(self.chunked ? size + piece.bytes : piece.bytes)
                    return .close
                case .bare:
                    try await self.flush(sink)
                    try await sink.write(piece.bytes)
                    return .close
                }
            }
            try await self.flush(sink)
            return stream.end == .complete ? .complete : .close
        } catch let stop as Stop {
            // Only a fault stops a stream early.
            self.faultApplied = true
            return stop.outcome
        }
    }

    /// Faults that strike before piece number `sent`, and the wait before it: until its recorded time when it
    /// has one, else the shape's.
    private mutating func beforeEvent(sink: some WireSink, isContent: Bool, at: Duration?) async throws {
        switch self.fault {
        case .cut(let after?, _, let terminator)? where after == self.sent:
            try await self.flush(sink)
            throw Stop(outcome: terminator ? .complete : .close)
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
        if let at {
            try await self.flush(sink)
            // Measured from the answer's start, so waits do not add up their overshoots.
            try await Task.sleep(until: self.origin + ReplayTiming.scaled(at, speed: self.shape.speed), clock: .continuous)
            return
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
        throw Stop(outcome: .close)
    }

    /// Queues body bytes, honouring a byte cut, and writes them in the shape's pieces.
    private mutating func emit(_ bytes: [UInt8], sink: some WireSink) async throws {
        var bytes = bytes
        var stopAfter: Stop?
        if case .cut(nil, let limit?, let terminator)? = self.fault, self.bodyBytes + bytes.count >= limit {
            bytes = Array(bytes.prefix(limit - self.bodyBytes))
            stopAfter = Stop(outcome: terminator ? .complete : .close)
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
