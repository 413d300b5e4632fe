import Logging
import MessagesAPI
import MockEngine
import NIOCore
import NIOHTTP1
import ServiceLifecycle

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
    /// Completed when the client closes its sending side or the connection closes.
    let clientLeft: EventLoopFuture<Void>
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
                        let writer = PlanWriter(
                            outbound: outbound, channel: channel, clientLeft: self.clientLeft, seed: self.configuration.seed,
                            log: log)
                        try await self.serve(RequestReader(inbound), writer, lifecycle)
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

    /// Answers requests in order until the client closes its side (after answering every request it completed
    /// before that), asks for the connection to close, or breaks the protocol.
    private func serve(_ reader: RequestReader, _ writer: PlanWriter, _ lifecycle: ConnectionLifecycle) async throws {
        var reader = reader
        while true {
            guard lifecycle.setBusy(false) else { return }
            let head: HTTPRequestHead
            switch try await reader.nextHead() {
            case .head(let next):
                head = next
            case .end:
                return
            case .incomplete:
                self.logger.debug("client closed its side partway through a request head; nothing to answer")
                return
            case .malformed(let error):
                try await self.rejectMalformed(error, writer)
                return
            case .timedOut(let timeout):
                try await self.rejectTimedOut(timeout, head: nil, body: ByteBuffer(), writer, arrived: .now)
                return
            }
            _ = lifecycle.setBusy(true)
            let arrived = Arrival.now
            if let declared = head.headers.first(name: "content-length").flatMap(Int.init),
                declared > self.configuration.maximumBodySize
            {
                try await self.rejectTooLarge(head, writer, arrived: arrived)
                await reader.drainBody()
                return
            }
            if head.headers.first(name: "expect")?.lowercased() == "100-continue", head.versionKind == .http11 {
                try await writer.writeContinue()
            }
            let body: ByteBuffer
            switch try await reader.body(limit: self.configuration.maximumBodySize) {
            case .complete(let complete):
                body = complete
            case .tooLarge:
                try await self.rejectTooLarge(head, writer, arrived: arrived)
                await reader.drainBody()
                return
            case .malformed(let error):
                try await self.rejectMalformed(error, writer)
                return
            case .incomplete(let partial):
                self.journalUnanswered(head, partial, arrived: arrived)
                return
            case .timedOut(let timeout, let partial):
                try await self.rejectTimedOut(timeout, head: head, body: partial, writer, arrived: arrived)
                return
            }

            let request = RequestContext(head, body: Array(body.readableBytesView))
            let plan = self.configuration.router.respond(to: request)
            let keepAlive = head.isKeepAlive && !lifecycle.shutdownRequested
            // A replayed recording answers with the upstream's request id; the journal files it under that id.
            let requestID = plan.headers.first { $0.name == "request-id" }?.value ?? IDGenerator.requestID()
            self.logger.debug(
                "request",
                metadata: [
                    "request.id": "\(requestID)", "http.method": "\(request.method)", "http.path": "\(request.path)",
                    "http.status": "\(plan.status)", "plan.source": "\(plan.source)",
                ])
            let stayOpen: Bool
            if let upstream = self.configuration.router.configuration.upstream, upstream.forwards(plan),
                Router.isMessagesRoute(request.path)
            {
                stayOpen = try await self.forward(
                    request, plan, to: upstream, writer, requestID: requestID, keepAlive: keepAlive, arrived: arrived)
            } else {
                stayOpen = try await self.answer(
                    request, plan, writer, requestID: requestID, keepAlive: keepAlive, arrived: arrived)
            }
            if !stayOpen { return }
            // The request-side deadlines run again from here.
            self.channel.channel.triggerUserOutboundEvent(InboundWatch.AnswerSent(), promise: nil)
        }
    }

    /// Writes the answer to a request and journals it (unless the journal is off or the path is not
    /// journaled), also when the client goes away mid-answer. Returns whether the connection stays open.
    func answer(
        _ request: RequestContext,
        _ plan: ResponsePlan,
        _ writer: PlanWriter,
        requestID: String,
        keepAlive: Bool,
        arrived: Arrival
    ) async throws -> Bool {
        let journal = self.configuration.router.configuration.journal
        let journaled = journal.isEnabled && Router.isJournaled(path: request.path)
        var stream = true
        if case .complete = plan.body { stream = false }
        writer.log.begin(at: arrived.instant, recording: journaled, stream: stream)
        let log = writer.log
        // With an upstream, keys may be real: the journal never keeps credentials then.
        let redacts = self.configuration.router.configuration.upstream != nil
        let entry = { (outcome: AnswerOutcome) in
            var entry = JournalEntry(request, plan, requestID: requestID, at: arrived.wallClock, log: log, outcome: outcome)
            if redacts { entry.headers = Upstream.withoutSecrets(entry.headers) }
            return entry
        }
        // Journaled just before the last write, so a client that has read the whole answer finds it; an answer
        // without such a write (closed early, reset, left stalled) is journaled once it ends.
        var recorded: Int?
        if journaled { log.beforeLastWrite = { recorded = journal.record(entry($0)) } }
        let outcome: AnswerOutcome
        do {
            outcome = try await writer.write(
                plan, requestID: requestID, version: request.version, keepAlive: keepAlive,
                omitBody: request.method == "HEAD")
        } catch {
            if journaled {
                log.beforeLastWrite = nil
                let gone = entry(AnswerOutcome(.clientGone))
                if let recorded { journal.replace(id: recorded, with: gone) } else { journal.record(gone) }
            }
            throw error
        }
        if let reason = outcome.faultNotApplied {
            self.logger.warning("fault not applied", metadata: ["request.id": "\(requestID)", "reason": "\(reason)"])
        }
        if journaled && recorded == nil {
            log.beforeLastWrite = nil
            journal.record(entry(outcome))
        }
        return outcome.stayOpen
    }

    /// Malformed HTTP: 400 with an Anthropic error body, then close, since the byte stream cannot be trusted.
    private func rejectMalformed(_ error: HTTPParserError, _ writer: PlanWriter) async throws {
        self.logger.debug("malformed request", metadata: ["error": "\(error)"])
        let plan = ResponsePlan.error(
            .init(type: .invalidRequest, message: "Malformed HTTP request: \(error)"), source: .malformedRequest)
        _ = try await writer.write(
            plan, requestID: IDGenerator.requestID(), version: .http11, keepAlive: false, omitBody: false)
    }

    /// 413 as soon as a body is known to be too large (before reading it, when `content-length` says so).
    /// The journal keeps the request without its body.
    private func rejectTooLarge(_ head: HTTPRequestHead, _ writer: PlanWriter, arrived: Arrival) async throws {
        let plan = ResponsePlan.error(.requestTooLarge(limit: self.configuration.maximumBodySize), source: .sizeLimit)
        _ = try await self.answer(
            RequestContext(head), plan, writer, requestID: IDGenerator.requestID(), keepAlive: false, arrived: arrived)
    }

    /// A head or body that did not arrive in time: 408 `timeout_error`, then close. A late body's request is
    /// journaled with what came of its body; a late head has nothing to journal.
    private func rejectTimedOut(
        _ timeout: RequestTimedOut, head: HTTPRequestHead?, body: ByteBuffer, _ writer: PlanWriter, arrived: Arrival
    ) async throws {
        self.logger.debug("request timed out", metadata: ["part": "\(timeout.part.rawValue)", "after": "\(FaultSyntax.text(timeout.after))"])
        let plan = ResponsePlan.error(
            APIError(
                status: 408, type: .timeout,
                message: "Request timeout: the request \(timeout.part.rawValue) did not arrive within \(FaultSyntax.text(timeout.after))"),
            source: .requestTimeout)
        guard let head else {
            _ = try await writer.write(
                plan, requestID: IDGenerator.requestID(), version: .http11, keepAlive: false, omitBody: false)
            return
        }
        _ = try await self.answer(
            RequestContext(head, body: Array(body.readableBytesView)), plan, writer, requestID: IDGenerator.requestID(),
            keepAlive: false, arrived: arrived)
    }

    /// The client closed its side before the body was complete: nothing is answered; the journal keeps the
    /// request with what came of its body.
    private func journalUnanswered(_ head: HTTPRequestHead, _ body: ByteBuffer, arrived: Arrival) {
        self.logger.debug("client closed its side partway through a request body; nothing to answer")
        let request = RequestContext(head, body: Array(body.readableBytesView))
        let journal = self.configuration.router.configuration.journal
        guard journal.isEnabled, Router.isJournaled(path: request.path) else { return }
        journal.record(
            JournalEntry(unanswered: request, requestID: IDGenerator.requestID(), at: arrived.wallClock, since: arrived.instant))
    }
}

/// When a request head arrived, on the monotonic clock (durations) and the wall clock (the journal's times).
struct Arrival {
    var instant: ContinuousClock.Instant
    var wallClock: Int64

    static var now: Arrival { Arrival(instant: .now, wallClock: WallClock.nowMicroseconds()) }
}

extension HTTPRequestHead {
    var versionKind: HTTPVersionKind { self.version.major == 1 && self.version.minor == 0 ? .http10 : .http11 }
}

extension RequestContext {
    /// The request a head (and its body) make.
    init(_ head: HTTPRequestHead, body: [UInt8] = []) {
        let (path, query) = Self.split(target: head.uri)
        self.init(
            method: head.method.rawValue, path: path, query: query,
            headers: head.headers.map { (name: $0.name, value: $0.value) }, body: body, version: head.versionKind)
    }
}

/// Whether a connection is between requests, and whether shutdown has been asked for.
final class ConnectionLifecycle: Sendable {
    private let state = Locked<(busy: Bool, shutdown: Bool)>((false, false))

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
