import NIOCore
import NIOEmbedded
import NIOHTTP1
import Testing

@testable import MockServer

/// The request-side deadlines on an embedded channel with a clock the test moves: a late body is reported; a
/// deadline that passes while the server is not reading (its reads held back) is put off until it reads again.
@Suite struct InboundWatchTests {
    /// Keeps the errors the watch reports down the pipeline.
    final class Errors: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        var caught: [RequestTimedOut] = []

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            if let timeout = error as? RequestTimedOut { self.caught.append(timeout) }
        }
    }

    static func channel(body: Duration) throws -> (EmbeddedChannel, Errors) {
        let channel = EmbeddedChannel()
        let watch = InboundWatch(timeouts: RequestTimeouts(header: .seconds(1), body: body, idle: nil), eventLoop: channel.eventLoop)
        let errors = Errors()
        let operations = channel.pipeline.syncOperations
        try operations.addHandler(InboundWatch.Bytes(watch))
        try operations.addHandler(ByteToMessageHandler(HTTPRequestDecoder()))
        try operations.addHandler(InboundWatch.Parts(watch))
        try operations.addHandler(errors)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        return (channel, errors)
    }

    static let head = ByteBuffer(string: "POST /v1/messages HTTP/1.1\r\nHost: x\r\ncontent-length: 10\r\n\r\n123")

    @Test func lateBody_whileTheServerReads_isReported() throws {
        let (channel, errors) = try Self.channel(body: .seconds(1))
        try channel.writeInbound(Self.head)
        channel.read()
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(900))
        #expect(errors.caught.isEmpty)
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(200))
        #expect(errors.caught == [RequestTimedOut(part: .body, after: .seconds(1))])
        _ = try? channel.finish()
    }

    @Test func bodyPieces_restartTheDeadline() throws {
        let (channel, errors) = try Self.channel(body: .seconds(1))
        try channel.writeInbound(Self.head)
        channel.read()
        for _ in 0..<3 {
            channel.embeddedEventLoop.advanceTime(by: .milliseconds(800))
            try channel.writeInbound(ByteBuffer(string: "4"))
            channel.read()
        }
        #expect(errors.caught.isEmpty)
        _ = try? channel.finish()
    }

    @Test func deadline_isPutOffWhileTheServerDoesNotRead() throws {
        let (channel, errors) = try Self.channel(body: .seconds(1))
        // No read asked for after these bytes: the connection loop is behind, so reads are held back.
        try channel.writeInbound(Self.head)
        channel.embeddedEventLoop.advanceTime(by: .seconds(5))
        #expect(errors.caught.isEmpty)
        // Reading again: the client has a whole deadline from now.
        channel.read()
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(900))
        #expect(errors.caught.isEmpty)
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(200))
        #expect(errors.caught.map(\.part) == [.body])
        _ = try? channel.finish()
    }
}
