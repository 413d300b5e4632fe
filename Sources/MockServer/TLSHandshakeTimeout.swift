import Logging
import NIOCore
import NIOSSL
import NIOTLS

/// Closes a TLS connection whose handshake has not finished in time, so a client that connects and then
/// says nothing (or stops halfway) cannot hold a connection forever. Sits right after the TLS handler and
/// removes itself once the handshake completes.
final class TLSHandshakeTimeout: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    private let timeout: TimeAmount
    private let logger: Logger
    private var scheduled: Scheduled<Void>?

    init(timeout: TimeAmount, logger: Logger) {
        self.timeout = timeout
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { self.schedule(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        self.schedule(context)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.scheduled?.cancel()
        self.scheduled = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.scheduled?.cancel()
        self.scheduled = nil
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        context.fireUserInboundEventTriggered(event)
        if let event = event as? TLSUserEvent, case .handshakeCompleted = event {
            self.scheduled?.cancel()
            self.scheduled = nil
            // Passed on first: the event must still reach the handlers after this one.
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        }
    }

    private func schedule(_ context: ChannelHandlerContext) {
        guard self.scheduled == nil else { return }
        let channel = context.channel
        let logger = self.logger
        let timeout = self.timeout
        self.scheduled = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) {
            logger.debug(
                "TLS handshake timed out; closing",
                metadata: ["peer": "\(channel.remoteAddress.map { "\($0)" } ?? "?")", "timeout": "\(timeout)"])
            // Mid-handshake there is no session to close politely: the socket closes under the TLS handler.
            channel.closeBeneathTLS(promise: nil)
        }
    }
}
