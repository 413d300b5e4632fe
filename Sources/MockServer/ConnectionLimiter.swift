import Logging
import NIOCore

/// Caps the connections open at once on one listener. At the cap it stops accepting (it holds the listening
/// socket's reads), so new clients wait in the kernel's backlog instead of being reset; each connection that
/// closes lets one more in. Sits first in the listening channel's pipeline, which sees each accepted channel.
/// When many connections have closed, it has their freed memory returned to the system (`MemoryReturn`).
// Not Sendable on purpose: lives on the listening channel's event loop; closings on other loops hop to it.
final class ConnectionLimiter: ChannelDuplexHandler {
    typealias InboundIn = any Channel
    typealias InboundOut = any Channel
    typealias OutboundIn = Never

    private let limit: Int
    private let logger: Logger
    private var open = 0
    /// A read (an accept) asked for while at the cap, to be passed on when a connection closes.
    private var readHeld = false
    /// When the cap was last reported, so a listener that stays at it logs once a minute, not once a connection.
    private var reportedAt: NIODeadline?
    private var memoryReturn: MemoryReturn

    init(limit: Int, logger: Logger, memoryReturn: MemoryReturn = MemoryReturn()) {
        self.limit = limit
        self.logger = logger
        self.memoryReturn = memoryReturn
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let child = self.unwrapInboundIn(data)
        self.open += 1
        self.memoryReturn.opened(nowOpen: self.open)
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        child.closeFuture.whenComplete { _ in
            loopBound.eventLoop.execute {
                let (limiter, context) = loopBound.value
                limiter.closed(context)
            }
        }
        context.fireChannelRead(data)
    }

    func read(context: ChannelHandlerContext) {
        guard self.open >= self.limit else { return context.read() }
        let now = NIODeadline.now()
        if !self.readHeld, self.reportedAt.map({ now - $0 > .minutes(1) }) ?? true {
            self.reportedAt = now
            self.logger.warning(
                "connection limit reached; new connections wait until one closes",
                metadata: ["max-connections": "\(self.limit)"])
        }
        self.readHeld = true
    }

    private func closed(_ context: ChannelHandlerContext) {
        self.open -= 1
        if self.memoryReturn.closed(nowOpen: self.open) {
            let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
            context.eventLoop.scheduleTask(in: self.memoryReturn.delay) { loopBound.value.returnMemory() }
        }
        guard self.readHeld, self.open < self.limit else { return }
        self.readHeld = false
        context.read()
    }

    private func returnMemory() {
        self.logger.debug("returning freed memory to the system", metadata: ["open-connections": "\(self.open)"])
        self.memoryReturn.trimNow(nowOpen: self.open)
    }
}
