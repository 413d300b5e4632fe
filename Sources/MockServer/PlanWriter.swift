import MessagesAPI
import MockEngine
import NIOCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a `ResponsePlan` to a connection: the head, then a `content-length` body in the same write, or one
/// chunk per SSE event, each written (and so flushed) on its own — paced, chunked and broken as the plan's
/// stream shape and fault say.
struct PlanWriter: WireSink {
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    let channel: any Channel
    /// Completed when the client closes its sending side or the connection closes: an open-ended stall ends then.
    let clientLeft: EventLoopFuture<Void>
    /// Seeds the jitter of every stream, so timings repeat with the same `--seed`.
    let seed: UInt64
    /// Notes every write for the journal.
    let log: ResponseLog

    func write(_ bytes: [UInt8]) async throws {
        self.log.wrote(bytes)
        try await self.outbound.write(ByteBuffer(bytes: bytes))
    }

    /// The write that completes the answer: noted, then the journal hook (with the outcome the answer returns),
    /// then sent.
    private func writeLast(_ bytes: [UInt8], _ outcome: AnswerOutcome) async throws -> AnswerOutcome {
        self.log.wrote(bytes)
        if let hook = self.log.beforeLastWrite {
            self.log.beforeLastWrite = nil
            hook(outcome)
        }
        try await self.outbound.write(ByteBuffer(bytes: bytes))
        return outcome
    }

    /// The write that completes an answer written outside `write(_:requestID:…)` (a forwarded one): noted,
    /// then `before` (which journals it), then sent, so a client that has read the whole answer finds it.
    func writeLast(_ bytes: [UInt8], before: () -> Void) async throws {
        self.log.wrote(bytes)
        before()
        try await self.outbound.write(ByteBuffer(bytes: bytes))
    }

    /// SO_LINGER 0, then close: the kernel answers with an RST, as when a network path fails. Over TLS the close
    /// goes beneath the TLS handler, so no close_notify precedes the RST either.
    func reset() async {
        try? await (self.channel as? any SocketOptionProvider)?.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
        try? await self.channel.closeBeneathTLS()
    }

    func untilClientLeaves() async {
        try? await self.clientLeft.get()
    }

    static let continueLine = ByteBuffer(string: "HTTP/1.1 100 Continue\r\n\r\n")

    func writeContinue() async throws {
        try await self.outbound.write(Self.continueLine)
    }

    /// Writes the whole answer and says how it ended.
    func write(
        _ plan: ResponsePlan,
        requestID: String,
        version: HTTPVersionKind,
        keepAlive: Bool,
        omitBody: Bool
    ) async throws -> AnswerOutcome {
        // Close before any response byte: the client sees an empty reply.
        if plan.fault == .empty { return AnswerOutcome(.closedBeforeResponse) }
        let origin = ContinuousClock.now
        let headersDelay = plan.headersDelay
        if headersDelay > .zero { try await Task.sleep(for: headersDelay) }
        var headers = plan.headers
        // A replayed recording keeps the upstream's request id.
        if !headers.contains(where: { $0.name == "request-id" }) { headers.append(("request-id", requestID)) }
        let stream: FaultedStream
        switch plan.body {
        case .complete(let body):
            headers.append(("content-length", String(body.count)))
            Self.appendConnectionHeader(to: &headers, version: version, keepAlive: keepAlive)
            self.log.headers = headers
            let head = HTTPWire.head(status: plan.status, headers: headers, version: version)
            return try await self.writeComplete(head: head, body: omitBody ? [] : body, fault: plan.fault, keepAlive: keepAlive)
        case .events(let events):
            stream = FaultedStream(events, fault: plan.fault, shape: plan.shape, seed: self.seed)
        case .rawStream(let chunks):
            let offsets = plan.replaysTiming ? plan.timing?.events ?? [] : []
            stream = FaultedStream(transcript: chunks, offsets: offsets, fault: plan.fault, shape: plan.shape, seed: self.seed)
        }
        return try await self.writeStream(
            stream, plan: plan, headers: headers, version: version, keepAlive: keepAlive, omitBody: omitBody, origin: origin)
    }

    /// The head, then each piece as its own chunk (HTTP/1.1) or as raw bytes until close (HTTP/1.0).
    private func writeStream(
        _ stream: FaultedStream,
        plan: ResponsePlan,
        headers: [(name: String, value: String)],
        version: HTTPVersionKind,
        keepAlive: Bool,
        omitBody: Bool,
        origin: ContinuousClock.Instant
    ) async throws -> AnswerOutcome {
        var stream = stream
        var headers = headers
        // HTTP/1.0 has no chunked encoding: the body runs until the connection closes.
        let chunked = version == .http11
        let stayOpen = keepAlive && chunked
        if chunked { headers.append(("transfer-encoding", "chunked")) }
        Self.appendConnectionHeader(to: &headers, version: version, keepAlive: stayOpen)
        self.log.headers = headers
        let head = HTTPWire.head(status: plan.status, headers: headers, version: version)
        if omitBody { return try await self.writeLast(head, .answered(stayOpen: stayOpen)) }
        let lastChunk = chunked ? HTTPWire.lastChunk : []
        if plan.shape.isPlain && plan.fault == nil && !plan.replaysTiming {
            // The head leaves with the first event, and the last chunk with the last event: each event is still
            // its own HTTP chunk and leaves as soon as it is written, in two fewer writes per stream.
            var pending: [UInt8]?
            var written = 0
            while let piece = stream.next() {
                let framed = chunked ? HTTPWire.chunk(piece.bytes) : piece.bytes
                if let previous = pending {
                    try await self.write(previous)
                }
                pending = written == 0 ? head + framed : framed
                written += 1
                // A write that does not suspend keeps the thread; yield now and then so one long stream to a
                // fast reader cannot hold back the other connections.
                if written % 64 == 0 { await Task.yield() }
            }
            return try await self.writeLast((pending ?? head) + lastChunk, .answered(stayOpen: stayOpen))
        }
        try await self.write(head)
        var runner = StreamRunner(shape: plan.shape, fault: plan.fault, chunked: chunked, seed: self.seed, origin: origin)
        let ended = try await runner.run(&stream, sink: self)
        var notApplied: String?
        if let fault = plan.fault, !runner.faultApplied && !stream.faultApplied {
            notApplied = "the stream ended after \(runner.eventsSent) events, before '\(fault)' could apply"
        }
        switch ended {
        case .complete where chunked:
            return try await self.writeLast(lastChunk, .answered(stayOpen: stayOpen, faultNotApplied: notApplied))
        case .complete:
            return .answered(stayOpen: stayOpen, faultNotApplied: notApplied)
        case .close:
            return AnswerOutcome(.closedMidResponse, faultNotApplied: notApplied)
        case .reset:
            return AnswerOutcome(.reset, faultNotApplied: notApplied)
        }
    }

    /// A whole body, with the faults that make sense for one: reset before it, headers then silence, a body
    /// cut short (the connection closes, so `content-length` is never met), or noise instead.
    private func writeComplete(head: [UInt8], body: [UInt8], fault: Fault?, keepAlive: Bool) async throws -> AnswerOutcome {
        switch fault {
        case .reset?:
            await self.reset()
            return AnswerOutcome(.reset)
        case .stall(_, let duration)?:
            try await self.write(head)
            guard let duration else {
                await self.untilClientLeaves()
                return AnswerOutcome(.clientGone)
            }
            try await Task.sleep(for: duration)
            return try await self.writeLast(body, .answered(stayOpen: keepAlive))
        case .cut(_, let bytes, _)?:
            return try await self.writeLast(head + body.prefix(bytes ?? body.count / 2), AnswerOutcome(.closedMidResponse))
        case .malformed(.garbage, _)?:
            var generator = SeededGenerator(seed: self.seed)
            return try await self.writeLast(generator.bytes(64), AnswerOutcome(.closedMidResponse))
        default:
            // An HTTP error fault is the answer itself; any other fault left here is one only a stream can take.
            var notApplied: String?
            if let fault, !fault.isBeforeStream {
                notApplied = "'\(fault)' applies to streams only; this answer is not a stream"
            }
            return try await self.writeLast(head + body, .answered(stayOpen: keepAlive, faultNotApplied: notApplied))
        }
    }

    /// `connection: close` when the connection closes after the answer; `keep-alive` for an HTTP/1.0 one
    /// that stays open.
    static func appendConnectionHeader(
        to headers: inout [(name: String, value: String)],
        version: HTTPVersionKind,
        keepAlive: Bool
    ) {
        if !keepAlive {
            headers.append(("connection", "close"))
        } else if version == .http10 {
            headers.append(("connection", "keep-alive"))
        }
    }
}
