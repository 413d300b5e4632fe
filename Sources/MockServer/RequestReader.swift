import NIOCore
import NIOHTTP1

/// Reads one request at a time from a connection's decoded parts and says what came: a head and then its
/// body, or why there is nothing to answer normally (the client closed, the bytes are not HTTP, a request-side
/// deadline passed, the client closed its side halfway through a request). Errors other than those (a reset
/// connection) are thrown: the connection is gone.
struct RequestReader {
    /// What came instead of, or as, the next request head.
    enum Head {
        case head(HTTPRequestHead)
        /// The client closed its side, or the connection closed, between requests.
        case end
        /// Bytes that are not HTTP/1.x.
        case malformed(HTTPParserError)
        /// The client closed its side with part of a head sent.
        case incomplete
        case timedOut(RequestTimedOut)
    }

    /// What came as the body of the request whose head was read last.
    enum Body {
        case complete(ByteBuffer)
        /// More than the limit: the rest is still to be drained.
        case tooLarge
        case malformed(HTTPParserError)
        /// The client closed its side (or the connection closed) with the body unfinished; what came of it.
        case incomplete(ByteBuffer)
        case timedOut(RequestTimedOut, ByteBuffer)
    }

    private var parts: NIOAsyncChannelInboundStream<HTTPServerRequestPart>.AsyncIterator

    init(_ inbound: NIOAsyncChannelInboundStream<HTTPServerRequestPart>) {
        self.parts = inbound.makeAsyncIterator()
    }

    mutating func nextHead() async throws -> Head {
        while true {
            let part: HTTPServerRequestPart?
            do {
                part = try await self.parts.next()
            } catch let error as HTTPParserError {
                return error == .invalidEOFState ? .incomplete : .malformed(error)
            } catch let timeout as RequestTimedOut {
                return .timedOut(timeout)
            }
            switch part {
            case .head(let head)?: return .head(head)
            // Left over from a request answered before its body was read (none is, today): skipped.
            case .body?, .end?: continue
            case nil: return .end
            }
        }
    }

    /// Reads the body up to its end, or until it passes `limit` bytes.
    mutating func body(limit: Int) async throws -> Body {
        var body = ByteBuffer()
        while true {
            let part: HTTPServerRequestPart?
            do {
                part = try await self.parts.next()
            } catch let error as HTTPParserError {
                return error == .invalidEOFState ? .incomplete(body) : .malformed(error)
            } catch let timeout as RequestTimedOut {
                return .timedOut(timeout, body)
            }
            switch part {
            case .body(var chunk)?:
                if body.readableBytes + chunk.readableBytes > limit { return .tooLarge }
                body.writeBuffer(&chunk)
            case .end?:
                return .complete(body)
            case .head?, nil:
                return .incomplete(body)
            }
        }
    }

    /// Reads and drops the rest of a rejected body before the connection closes. Closing at once would reset
    /// the connection under a client still sending, and it would see a broken pipe instead of the answer.
    /// Bounded, so a client cannot keep the connection busy forever.
    mutating func drainBody() async {
        var discarded = 0
        while discarded < 256 * 1024 * 1024, let part = try? await self.parts.next() {
            switch part {
            case .body(let chunk): discarded += chunk.readableBytes
            case .end, .head: return
            }
        }
    }
}
