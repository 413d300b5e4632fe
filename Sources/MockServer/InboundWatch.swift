import NIOCore
import NIOHTTP1

/// Watches the request side of one connection: where the client stands in its current request (nothing yet,
/// part of a head, a body), how many complete requests still wait for an answer, and whether the client has
/// closed its sending side. From that it runs the request-side deadlines of `RequestTimeouts`, and it tells a
/// stall when the client has gone.
///
/// Two handlers share one watch: `Bytes` before the HTTP decoder sees bytes as they arrive, `Parts` after it
/// sees heads, body pieces and ends. Deadlines run only while no answer is owed, so a slow or stalled response
/// is never cut by them.
// Not Sendable on purpose: made in the channel initializer and used only on the channel's event loop.
final class InboundWatch {
    /// Where the client stands in the request it is sending.
    private enum Phase {
        /// Between requests: nothing of the next one has arrived.
        case waiting
        /// Some bytes of a head, not all of it.
        case head
        /// A whole head; its body is on its way.
        case body
        /// The client closed its side, or a deadline passed: no more deadlines.
        case closed
    }

    /// Sent by the connection loop (as an outbound user event) each time it finishes an answer.
    struct AnswerSent: Sendable {}

    private let timeouts: RequestTimeouts
    // The timeouts as the event loop counts time, converted once: arm() runs several times per request.
    private let header: TimeAmount?
    private let body: TimeAmount?
    private let idle: TimeAmount?
    private var phase = Phase.waiting
    /// Complete requests whose answers are not finished.
    private var owed = 0
    /// When the current deadline passes; nil when none runs.
    private var deadline: NIODeadline?
    /// One timer at a time; when it fires early (the deadline moved later) it is set again.
    private var timer: Scheduled<Void>?
    private var timerAt: NIODeadline?
    /// The `Parts` handler's context: a passed deadline is reported from there, after the decoder.
    private var context: ChannelHandlerContext?
    private let eventLoop: any EventLoop
    private let clientClosed: EventLoopPromise<Void>
    private var clientClosedDone = false
    /// True from the end of a read until the pipeline asks for the next one. While it stays true the server is
    /// not reading (the connection loop has not taken what came, so reads are held back): the client cannot
    /// be late then, and a deadline that passes meanwhile is put off until reading resumes.
    private var readHeld = false
    private var deadlinePutOff = false

    /// Completed when the client has closed its sending side (FIN, or TLS close_notify) or the connection closed.
    var clientLeft: EventLoopFuture<Void> { self.clientClosed.futureResult }

    init(timeouts: RequestTimeouts, eventLoop: any EventLoop) {
        self.timeouts = timeouts
        self.header = timeouts.header.map(TimeAmount.init)
        self.body = timeouts.body.map(TimeAmount.init)
        self.idle = timeouts.idle.map(TimeAmount.init)
        self.eventLoop = eventLoop
        self.clientClosed = eventLoop.makePromise(of: Void.self)
    }

    fileprivate func attach(_ context: ChannelHandlerContext) {
        self.context = context
        self.arm()
    }

    fileprivate func bytesArrived() {
        switch self.phase {
        case .waiting:
            self.phase = .head
            self.arm()
        case .body:
            self.arm()
        case .head, .closed:
            // A head's deadline counts from its first byte, not its latest.
            break
        }
    }

    fileprivate func readCycleEnded() {
        self.readHeld = true
    }

    fileprivate func readRequested() {
        self.readHeld = false
        guard self.deadlinePutOff else { return }
        // The client's time starts again from here: it could not send while the server was not reading.
        self.deadlinePutOff = false
        self.arm()
    }

    fileprivate func headArrived() {
        guard self.phase != .closed else { return }
        self.phase = .body
        self.arm()
    }

    fileprivate func bodyArrived() {
        guard self.phase == .body else { return }
        self.arm()
    }

    fileprivate func requestComplete() {
        self.owed += 1
        guard self.phase != .closed else { return }
        self.phase = .waiting
        self.arm()
    }

    fileprivate func answerSent() {
        self.owed = max(0, self.owed - 1)
        self.arm()
    }

    /// The client will send nothing more: deadlines stop, and a stall waiting for the client ends.
    fileprivate func clientClosedInput() {
        self.phase = .closed
        self.disarm()
        guard !self.clientClosedDone else { return }
        self.clientClosedDone = true
        self.clientClosed.succeed()
    }

    fileprivate func detach() {
        self.clientClosedInput()
        self.context = nil
    }

    /// Sets the deadline the current phase calls for, or none while an answer is owed.
    private func arm() {
        let duration: TimeAmount?
        switch self.phase {
        case _ where self.owed > 0: duration = nil
        case .waiting: duration = self.idle
        case .head: duration = self.header
        case .body: duration = self.body
        case .closed: duration = nil
        }
        guard let duration else { return self.deadline = nil }
        let deadline = self.eventLoop.now + duration
        self.deadline = deadline
        // A pending timer that fires no later than the new deadline will set itself again when it fires; only an
        // earlier deadline needs a new timer. On a busy keep-alive connection this keeps timers rare.
        if let timerAt = self.timerAt, timerAt <= deadline { return }
        self.schedule(at: deadline)
    }

    private func disarm() {
        self.deadline = nil
        self.timer?.cancel()
        self.timer = nil
        self.timerAt = nil
    }

    private func schedule(at when: NIODeadline) {
        guard let context = self.context else { return }
        self.timer?.cancel()
        self.timerAt = when
        self.timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: when) { self.timerFired() }
    }

    private func timerFired() {
        self.timer = nil
        self.timerAt = nil
        guard let deadline = self.deadline else { return }
        guard deadline <= self.eventLoop.now else { return self.schedule(at: deadline) }
        guard !self.readHeld else { return self.deadlinePutOff = true }
        self.expired()
    }

    /// A deadline passed: an idle connection closes quietly; a late head or body is reported to the connection
    /// loop as an error, which answers it with 408 and closes.
    private func expired() {
        guard let context = self.context else { return }
        let phase = self.phase
        self.phase = .closed
        self.disarm()
        switch phase {
        case .waiting:
            context.close(promise: nil)
        case .head:
            context.fireErrorCaught(RequestTimedOut(part: .head, after: self.timeouts.header ?? .zero))
        case .body:
            context.fireErrorCaught(RequestTimedOut(part: .body, after: self.timeouts.body ?? .zero))
        case .closed:
            break
        }
    }
}

extension InboundWatch {
    /// Before the HTTP decoder: bytes as they arrive, whether the server is reading, and the client closing its side.
    final class Bytes: ChannelDuplexHandler, RemovableChannelHandler {
        typealias InboundIn = ByteBuffer
        typealias InboundOut = ByteBuffer
        typealias OutboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        private let watch: InboundWatch

        init(_ watch: InboundWatch) {
            self.watch = watch
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            self.watch.bytesArrived()
            context.fireChannelRead(data)
        }

        func channelReadComplete(context: ChannelHandlerContext) {
            self.watch.readCycleEnded()
            context.fireChannelReadComplete()
        }

        func read(context: ChannelHandlerContext) {
            self.watch.readRequested()
            context.read()
        }

        func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
            if let event = event as? ChannelEvent, event == .inputClosed { self.watch.clientClosedInput() }
            context.fireUserInboundEventTriggered(event)
        }

        func channelInactive(context: ChannelHandlerContext) {
            self.watch.clientClosedInput()
            context.fireChannelInactive()
        }

        func handlerRemoved(context: ChannelHandlerContext) {
            // A promise must be completed before it goes away, whatever ended the connection.
            self.watch.detach()
        }
    }

    /// After the HTTP decoder: request heads, body pieces and ends; and the loop's word that an answer is done.
    final class Parts: ChannelDuplexHandler, RemovableChannelHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias InboundOut = HTTPServerRequestPart
        typealias OutboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        private let watch: InboundWatch

        init(_ watch: InboundWatch) {
            self.watch = watch
        }

        func handlerAdded(context: ChannelHandlerContext) {
            self.watch.attach(context)
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch self.unwrapInboundIn(data) {
            case .head: self.watch.headArrived()
            case .body: self.watch.bodyArrived()
            case .end: self.watch.requestComplete()
            }
            context.fireChannelRead(data)
        }

        func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
            guard event is AnswerSent else { return context.triggerUserOutboundEvent(event, promise: promise) }
            self.watch.answerSent()
            promise?.succeed()
        }
    }
}
