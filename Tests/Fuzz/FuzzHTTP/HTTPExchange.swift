import MessagesAPI
import MockEngine
import MockServer
import NIOCore
import NIOEmbedded
import NIOHTTP1

/// One connection's worth of request bytes answered in memory, the way `HTTPConnection` answers them on a
/// socket: the same decoder, the same `RequestContext`, the same router, the same head and chunk bytes.
///
/// What it leaves out is what needs time or a socket: stream shapes and faults are not applied while
/// writing (the plan, fault included, is still made), and there are no deadlines or size limits (inputs are
/// far below 32 MiB).
enum HTTPExchange {
    /// One response as written, and the method of the request it answers (a malformed request counts as GET).
    struct Response {
        var method: HTTPMethod
        var bytes: [UInt8]
    }

    /// Answers the requests in `bytes` in order; one element per response written, a malformed request's
    /// 400 included. Stops where the server would close the connection.
    static func answer(_ bytes: [UInt8], router: Router) -> [Response] {
        let channel = EmbeddedChannel()
        defer { _ = try? channel.finish() }
        try! channel.pipeline.syncOperations.addHandler(
            ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .dropBytes)))
        var responses: [Response] = []
        var head: HTTPRequestHead?
        var body: [UInt8] = []
        do {
            try channel.writeInbound(ByteBuffer(bytes: bytes))
            while let part = try channel.readInbound(as: HTTPServerRequestPart.self) {
                switch part {
                case .head(let next):
                    head = next
                    body = []
                case .body(let buffer):
                    body += buffer.readableBytesView
                case .end:
                    guard let complete = head else { fatalError("the decoder ended a request it never began") }
                    let (response, keepAlive) = self.respond(complete, body: body, router: router)
                    responses.append(Response(method: complete.method, bytes: response))
                    head = nil
                    if !keepAlive { return responses }
                }
            }
        } catch {
            // Malformed HTTP: 400, then the connection closes (HTTPConnection.rejectMalformed).
            let plan = ResponsePlan.error(APIError(type: .invalidRequest, message: "Malformed HTTP request: \(error)"))
            responses.append(
                Response(method: .GET, bytes: self.render(plan, version: .http11, keepAlive: false, omitBody: false)))
        }
        return responses
    }

    /// The answer to one complete request, and whether the connection stays open after it.
    static func respond(_ head: HTTPRequestHead, body: [UInt8], router: Router) -> ([UInt8], Bool) {
        let (path, query) = RequestContext.split(target: head.uri)
        let version: HTTPVersionKind = head.version.major == 1 && head.version.minor == 0 ? .http10 : .http11
        let request = RequestContext(
            method: head.method.rawValue, path: path, query: query,
            headers: head.headers.map { (name: $0.name, value: $0.value) }, body: body, version: version)
        let plan = router.respond(to: request)
        var response: [UInt8] = []
        if head.headers.first(name: "expect")?.lowercased() == "100-continue", version == .http11 {
            response += Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
        }
        var keepAlive = head.isKeepAlive
        if case .complete = plan.body {} else { keepAlive = keepAlive && version == .http11 }
        response += self.render(plan, version: version, keepAlive: keepAlive, omitBody: request.method == "HEAD")
        return (response, keepAlive)
    }

    /// A plan's bytes as `PlanWriter` writes a plain answer: head with `request-id`, then a `content-length`
    /// body, or each event (or raw piece) as its own chunk and the last chunk (HTTP/1.0: bare, until close).
    static func render(_ plan: ResponsePlan, version: HTTPVersionKind, keepAlive: Bool, omitBody: Bool) -> [UInt8] {
        var headers = plan.headers + [("request-id", "req_fuzz")]
        let payloads: [[UInt8]]
        switch plan.body {
        case .complete(let body):
            headers.append(("content-length", String(body.count)))
            payloads = [body]
        case .events(let events):
            payloads = events.map(\.bytes)
        case .rawStream(let chunks):
            payloads = chunks
        }
        let chunked: Bool
        if case .complete = plan.body { chunked = false } else { chunked = version == .http11 }
        if chunked { headers.append(("transfer-encoding", "chunked")) }
        if !keepAlive {
            headers.append(("connection", "close"))
        } else if version == .http10 {
            headers.append(("connection", "keep-alive"))
        }
        var out = HTTPWire.head(status: plan.status, headers: headers, version: version)
        if omitBody { return out }
        for payload in payloads { out += chunked ? HTTPWire.chunk(payload) : payload }
        if chunked { out += HTTPWire.lastChunk }
        return out
    }

    /// Traps unless `response` reads as one complete HTTP/1.x response (an interim 100 may come first), with
    /// nothing left over, to a client that sent a request with the same method (so HEAD answers have no body).
    static func checkWellFormed(_ response: Response) {
        let channel = EmbeddedChannel()
        try! channel.pipeline.syncOperations.addHandlers([
            HTTPRequestEncoder(),
            ByteToMessageHandler(HTTPResponseDecoder(leftOverBytesStrategy: .fireError)),
        ])
        var heads = 0
        var ends = 0
        do {
            try channel.writeOutbound(HTTPClientRequestPart.head(HTTPRequestHead(version: .http1_1, method: response.method, uri: "/")))
            try channel.writeOutbound(HTTPClientRequestPart.end(nil))
            try channel.writeInbound(ByteBuffer(bytes: response.bytes))
            // The end of input ends a body that runs until the connection closes (HTTP/1.0 streams).
            channel.pipeline.fireChannelInactive()
            while let part = try channel.readInbound(as: HTTPClientResponsePart.self) {
                switch part {
                case .head(let head) where head.status.code == 100: continue
                case .head: heads += 1
                case .body: continue
                case .end: ends += 1
                }
            }
        } catch {
            fatalError("the mock wrote a response HTTP clients cannot read (\(error)): \(Self.printable(response.bytes))")
        }
        _ = try? channel.finish()
        guard heads == 1, ends == 1 else {
            fatalError("expected one whole response, read \(heads) heads and \(ends) ends: \(Self.printable(response.bytes))")
        }
    }

    static func printable(_ bytes: [UInt8]) -> String {
        String(decoding: bytes.prefix(2000), as: UTF8.self).debugDescription
    }
}
