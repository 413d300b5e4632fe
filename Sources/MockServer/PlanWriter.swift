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

    /// The write that completes the answer: noted, then the journal hook, then sent. `stayOpen` is what the
    /// answer returns; an ending set before (a cut, say) stands.
    func writeLast(_ bytes: [UInt8], stayOpen: Bool) async throws {
        self.log.wrote(bytes)
        if let hook = self.log.beforeLastWrite {
            self.log.beforeLastWrite = nil
            hook(stayOpen)
        }
        try await self.outbound.write(ByteBuffer(bytes: bytes))
    }

    /// SO_LINGER 0, then close: the kernel answers with an RST, as when a network path fails. Over TLS the close
    /// goes beneath the TLS handler, so no close_notify precedes the RST either.
    func reset() async {
        self.log.ending = .reset
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

    /// Writes the whole answer. Returns whether the connection stays open for another request.
    func write(
        _ plan: ResponsePlan,
        requestID: String,
        version: HTTPVersionKind,
        keepAlive: Bool,
        omitBody: Bool
    ) async throws -> Bool {
        // Close before any response byte: the client sees an empty reply.
        if plan.fault == .empty {
            self.log.ending = .closedBeforeResponse
            return false
        }
        if plan.shape.headersDelay > .zero { try await Task.sleep(for: plan.shape.headersDelay) }
        var headers = plan.headers
        headers.append(("request-id", requestID))
        switch plan.body {
        case .complete(let body):
            headers.append(("content-length", String(body.count)))
            Self.appendConnectionHeader(to: &headers, version: version, keepAlive: keepAlive)
            self.log.headers = headers
            let head = HTTPWire.head(status: plan.status, headers: headers, version: version)
            return try await self.writeComplete(head: head, body: omitBody ? [] : body, fault: plan.fault, keepAlive: keepAlive)

        case .events(let events):
            return try await self.writeStream(
                events.lazy.map(\.bytes), plan: plan, headers: headers, version: version, keepAlive: keepAlive,
                omitBody: omitBody)
        case .rawStream(let chunks):
            return try await self.writeStream(
                chunks, plan: plan, headers: headers, version: version, keepAlive: keepAlive, omitBody: omitBody)
        }
    }

    /// The head, then each payload as its own chunk (HTTP/1.1) or as raw bytes until close (HTTP/1.0).
    private func writeStream(
        _ payloads: some Sequence<[UInt8]>,
        plan: ResponsePlan,
        headers: [(name: String, value: String)],
        version: HTTPVersionKind,
        keepAlive: Bool,
        omitBody: Bool
    ) async throws -> Bool {
        var headers = headers
        // HTTP/1.0 has no chunked encoding: the body runs until the connection closes.
        let chunked = version == .http11
        let stayOpen = keepAlive && chunked
        if chunked { headers.append(("transfer-encoding", "chunked")) }
        Self.appendConnectionHeader(to: &headers, version: version, keepAlive: stayOpen)
        self.log.headers = headers
        let head = HTTPWire.head(status: plan.status, headers: headers, version: version)
        if omitBody {
            try await self.writeLast(head, stayOpen: stayOpen)
            return stayOpen
        }
        if plan.shape.isPlain && plan.fault == nil {
            // The head leaves with the first event, and the last chunk with the last event: each event is still
            // its own HTTP chunk and leaves as soon as it is written, in two fewer writes per stream.
            var pending: [UInt8]?
            var written = 0
            for payload in payloads {
                let framed = chunked ? HTTPWire.chunk(payload) : payload
                if let previous = pending {
                    try await self.write(previous)
                }
                pending = written == 0 ? head + framed : framed
                written += 1
                // A write that does not suspend keeps the thread; yield now and then so one long stream to a
                // fast reader cannot hold back the other connections.
                if written % 64 == 0 { await Task.yield() }
            }
            try await self.writeLast((pending ?? head) + (chunked ? HTTPWire.lastChunk : []), stayOpen: stayOpen)
            return stayOpen
        }
        try await self.write(head)
        var runner = StreamRunner(shape: plan.shape, fault: plan.fault, chunked: chunked, seed: self.seed)
        let outcome: StreamRunner.Outcome
        switch plan.body {
        case .rawStream(let chunks):
            outcome = try await runner.run(raw: chunks, sink: self)
        case .events(let events):
            outcome = try await runner.run(events: events, sink: self)
        case .complete:
            outcome = .finished(terminator: true)
        }
        if let fault = plan.fault, !runner.faultApplied {
            self.log.faultNotApplied = "the stream ended after \(runner.eventsSent) events, before '\(fault)' could apply"
        }
        switch outcome {
        case .finished(let terminator):
            // Without its last chunk the body is unfinished, whatever the connection does next.
            if chunked && !terminator { self.log.ending = .closedMidResponse }
            if chunked && terminator { try await self.writeLast(HTTPWire.lastChunk, stayOpen: stayOpen) }
            return stayOpen
        case .closeConnection(let terminator):
            self.log.ending = .closedMidResponse
            if chunked && terminator { try await self.writeLast(HTTPWire.lastChunk, stayOpen: false) }
            return false
        case .reset:
            return false
        }
    }

    /// A whole body, with the faults that make sense for one: reset before it, headers then silence, a body
    /// cut short (the connection closes, so `content-length` is never met), or noise instead.
    private func writeComplete(head: [UInt8], body: [UInt8], fault: Fault?, keepAlive: Bool) async throws -> Bool {
        switch fault {
        case .reset?:
            await self.reset()
            return false
        case .stall(_, let duration)?:
            try await self.write(head)
            if let duration {
                try await Task.sleep(for: duration)
            } else {
                await self.untilClientLeaves()
                self.log.ending = .clientGone
                return false
            }
            try await self.writeLast(body, stayOpen: keepAlive)
            return keepAlive
        case .cut(_, let bytes, _)?:
            self.log.ending = .closedMidResponse
            try await self.writeLast(head + body.prefix(bytes ?? body.count / 2), stayOpen: false)
            return false
        case .malformed(.garbage, _)?:
            var generator = SeededGenerator(seed: self.seed)
            self.log.ending = .closedMidResponse
            try await self.writeLast((0..<64).map { _ in UInt8.random(in: 0...255, using: &generator) }, stayOpen: false)
            return false
        default:
            // An HTTP error fault is the answer itself; any other fault left here is one only a stream can take.
            if let fault, !fault.isBeforeStream {
                self.log.faultNotApplied = "'\(fault)' applies to streams only; this answer is not a stream"
            }
            try await self.writeLast(head + body, stayOpen: keepAlive)
            return keepAlive
        }
    }

    private static func appendConnectionHeader(
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
