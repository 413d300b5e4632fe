#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore
import NIOHTTP1
import NIOPosix

/// Answers every request, once its end has arrived, with one fixed HTTP/1.1 200 carrying a small JSON body.
///
/// The response is written as prepared bytes rather than through `HTTPResponseEncoder`: the mock also decodes
/// with `HTTPRequestDecoder` and encodes its own responses, so this keeps both servers on the same NIO path and
/// leaves out only the mock's own work (routing, validation, the echo reply, JSON and SSE writing).
final class FixedResponder: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = ByteBuffer

    private static let body = #"{"id":"msg_ceiling","type":"message","role":"assistant","content":[{"type":"text","text":"Say hello"}]}"#
    private static func response(keepAlive: Bool) -> ByteBuffer {
        ByteBuffer(string: "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: \(body.utf8.count)\r\n"
            + "connection: \(keepAlive ? "keep-alive" : "close")\r\n\r\n\(body)")
    }
    // Built once per connection: each event loop owns its handlers, so no sharing across threads is needed.
    private let keepAliveResponse = FixedResponder.response(keepAlive: true)
    private let closeResponse = FixedResponder.response(keepAlive: false)
    private var keepAlive = true

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch self.unwrapInboundIn(data) {
        case .head(let head):
            self.keepAlive = head.isKeepAlive
        case .body:
            break
        case .end:
            if self.keepAlive {
                context.write(self.wrapOutboundOut(self.keepAliveResponse), promise: nil)
            } else {
                // Close only once the bytes are out, or the client would see a reset instead of the answer.
                let loopBoundContext = NIOLoopBound(context, eventLoop: context.eventLoop)
                context.writeAndFlush(self.wrapOutboundOut(self.closeResponse)).whenComplete { _ in
                    loopBoundContext.value.close(promise: nil)
                }
            }
        }
    }

    // One flush per read batch: pipelined requests that arrived together leave in one write.
    func channelReadComplete(context: ChannelHandlerContext) {
        context.flush()
    }
}

/// `--port N` (0 picks a free port); 8090 when absent.
func requestedPort() -> Int {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: "--port"), index + 1 < arguments.count,
        let port = Int(arguments[index + 1]), (0...65535).contains(port)
    else { return 8090 }
    return port
}

let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
    .serverChannelOption(.backlog, value: 1024)
    .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
    .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
    .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(HTTPRequestDecoder()))
            try channel.pipeline.syncOperations.addHandler(FixedResponder())
        }
    }
    .bind(host: "127.0.0.1", port: requestedPort())
    .get()
// Written straight to the descriptor: stdout to a pipe is block-buffered, and scripts wait for this line.
let line = Array("ceiling-server listening on http://127.0.0.1:\(channel.localAddress?.port ?? 0)\n".utf8)
_ = line.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
try await channel.closeFuture.get()
