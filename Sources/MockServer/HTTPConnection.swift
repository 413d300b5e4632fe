import Logging
import MessagesAPI
import MockEngine
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import Synchronization

/// One client connection: reads requests in order (so pipelined requests are answered in order), answers
/// each through the router, and keeps the connection open as HTTP/1.1 and HTTP/1.0 keep-alive rules say.
/// It never throws: whatever happens to one connection ends that connection only.
struct HTTPConnection {
    /// What every connection shares.
    struct Configuration: Sendable {
        var router: Router
        var maximumBodySize: Int
        var seed: UInt64
    }

    let channel: NIOAsyncChannel<HTTPServerRequestPart, ByteBuffer>
    let configuration: Configuration
    let logger: Logger

    func run() async {
        let lifecycle = ConnectionLifecycle()
        let channel = self.channel.channel
        let log = ResponseLog()
        do {
            try await self.channel.executeThenClose { inbound, outbound in
                try await withGracefulShutdownHandler {
                    try await withTaskCancellationHandler {
                        try await self.serve(
                            inbound, PlanWriter(outbound: outbound, channel: channel, seed: self.configuration.seed, log: log),
                            lifecycle)
                    } onCancel: {
                        channel.close(promise: nil)
                    }
                } onGracefulShutdown: {
                    // An idle connection closes now; a busy one closes after the response in progress.
                    if lifecycle.requestShutdown() { channel.close(promise: nil) }
                }
            }
        } catch {
            self.logger.debug("connection ended", metadata: ["error": "\(error)"])
        }
    }

    private func serve(
        _ inbound: NIOAsyncChannelInboundStream<HTTPServerRequestPart>,
        _ writer: PlanWriter,
        _ lifecycle: ConnectionLifecycle
    ) async throws {
        var parts = inbound.makeAsyncIterator()
        while true {
            guard lifecycle.setBusy(false) else { return }
            let first: HTTPServerRequestPart?
            do {
                first = try await parts.next()
            } catch let error as HTTPParserError {
                try await self.rejectMalformed(error, writer)
                return
            }
            guard let first else { return }
            _ = lifecycle.setBusy(true)
            guard case .head(let head) = first else { continue }
            let arrived = ContinuousClock.now
            let arrivedWallClock = WallClock.nowMicroseconds()
            let version: HTTPVersionKind = head.version.minor == 0 && head.version.major == 1 ? .http10 : .http11
            let requestID = IDGenerator.requestID()

            if let declared = head.headers.first(name: "content-length").flatMap(Int.init),
                declared > self.configuration.maximumBodySize
            {
                try await self.rejectTooLarge(head, writer, requestID, version, arrived: (arrived, arrivedWallClock))
                try await Self.drainBody(&parts)
                return
            }
            if head.headers.first(name: "expect")?.lowercased() == "100-continue", version == .http11 {
                try await writer.writeContinue()
            }
            var body = ByteBuffer()
            readBody: while true {
                let part: HTTPServerRequestPart?
                do {
                    part = try await parts.next()
                } catch let error as HTTPParserError {
                    try await self.rejectMalformed(error, writer)
                    return
                }
                switch part {
                case .body(var chunk)?:
                    if body.readableBytes + chunk.readableBytes > self.configuration.maximumBodySize {
                        try await self.rejectTooLarge(head, writer, requestID, version, arrived: (arrived, arrivedWallClock))
                        try await Self.drainBody(&parts)
                        return
                    }
                    body.writeBuffer(&chunk)
                case .end?:
                    break readBody
                case .head?:
                    continue
                case nil:
                    return
                }
            }

            let (path, query) = RequestContext.split(target: head.uri)
            let request = RequestContext(
                method: head.method.rawValue,
                path: path,
                query: query,
                headers: head.headers.map { (name: $0.name, value: $0.value) },
                body: Array(body.readableBytesView),
                version: version
            )
            let plan = self.configuration.router.respond(to: request)
            let keepAlive = head.isKeepAlive && !lifecycle.shutdownRequested
            self.logger.debug(
                "request",
                metadata: [
                    "request.id": "\(requestID)", "http.method": "\(request.method)", "http.path": "\(request.path)",
                    "http.status": "\(plan.status)", "plan.source": "\(plan.source)",
                ])
            let stayOpen = try await self.answer(
                request, plan, writer, requestID: requestID, keepAlive: keepAlive, arrived: (arrived, arrivedWallClock))
            if !stayOpen { return }
        }
    }

    /// Writes the answer to a request and journals it (unless the journal is off or the path is not
    /// journaled), also when the client goes away mid-answer. Returns whether the connection stays open.
    private func answer(
        _ request: RequestContext,
        _ plan: ResponsePlan,
        _ writer: PlanWriter,
        requestID: String,
        keepAlive: Bool,
        arrived: (ContinuousClock.Instant, wallClock: Int64)
    ) async throws -> Bool {
        let journal = self.configuration.router.configuration.journal
        let journaled = journal.isEnabled && Router.isJournaled(path: request.path)
        var stream = true
        if case .complete = plan.body { stream = false }
        writer.log.begin(at: arrived.0, recording: journaled, stream: stream)
        let stayOpen: Bool
        do {
            stayOpen = try await writer.write(
                plan, requestID: requestID, version: request.version, keepAlive: keepAlive,
                omitBody: request.method == "HEAD")
        } catch {
            if journaled {
                writer.log.ending = .clientGone
                journal.record(JournalEntry(request, plan, requestID: requestID, at: arrived.wallClock, log: writer.log))
            }
            throw error
        }
        if journaled {
            if writer.log.ending == nil { writer.log.ending = stayOpen ? .keepAlive : .closed }
            journal.record(JournalEntry(request, plan, requestID: requestID, at: arrived.wallClock, log: writer.log))
        }
        return stayOpen
    }

    /// Malformed HTTP: 400 with an Anthropic error body, then close, since the byte stream cannot be trusted.
    private func rejectMalformed(_ error: HTTPParserError, _ writer: PlanWriter) async throws {
        self.logger.debug("malformed request", metadata: ["error": "\(error)"])
        let plan = ResponsePlan.error(
            .init(type: .invalidRequest, message: "Malformed HTTP request: \(error)"))
        _ = try await writer.write(
            plan, requestID: IDGenerator.requestID(), version: .http11, keepAlive: false, omitBody: false)
    }

    /// Reads and drops the rest of a rejected body before the connection closes. Closing at once would reset
    /// the connection under a client still sending, and it would see a broken pipe instead of the 413.
    /// Bounded, so a client cannot keep the connection busy forever.
    private static func drainBody(_ parts: inout NIOAsyncChannelInboundStream<HTTPServerRequestPart>.AsyncIterator) async throws {
        var discarded = 0
        while discarded < 256 * 1024 * 1024, let part = try await parts.next() {
            switch part {
            case .body(let chunk): discarded += chunk.readableBytes
            case .end: return
            case .head: return
            }
        }
    }

    /// 413 as soon as a body is known to be too large (before reading it, when `content-length` says so).
    /// The journal keeps the request without its body.
    private func rejectTooLarge(
        _ head: HTTPRequestHead,
        _ writer: PlanWriter,
        _ requestID: String,
        _ version: HTTPVersionKind,
        arrived: (ContinuousClock.Instant, wallClock: Int64)
    ) async throws {
        let plan = ResponsePlan.error(.requestTooLarge(limit: self.configuration.maximumBodySize), source: "size limit")
        let (path, query) = RequestContext.split(target: head.uri)
        let request = RequestContext(
            method: head.method.rawValue, path: path, query: query,
            headers: head.headers.map { (name: $0.name, value: $0.value) }, version: version)
        _ = try await self.answer(request, plan, writer, requestID: requestID, keepAlive: false, arrived: arrived)
    }
}

/// Whether a connection is between requests, and whether shutdown has been asked for.
final class ConnectionLifecycle: Sendable {
    private let state = Mutex<(busy: Bool, shutdown: Bool)>((false, false))

    /// Records the busy flag; returns false when the connection should end instead (shutdown while idle).
    func setBusy(_ busy: Bool) -> Bool {
        self.state.withLock { state in
            state.busy = busy
            return busy || !state.shutdown
        }
    }

    /// Marks shutdown; returns true when the connection is idle and can be closed at once.
    func requestShutdown() -> Bool {
        self.state.withLock { state in
            state.shutdown = true
            return !state.busy
        }
    }

    var shutdownRequested: Bool { self.state.withLock { $0.shutdown } }
}
