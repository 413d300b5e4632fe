import MessagesAPI
import MockEngine
import NIOCore

/// Writes a `ResponsePlan` to a connection: the head, then a `content-length` body in the same write, or one
/// chunk per SSE event, each written (and so flushed) on its own.
struct PlanWriter {
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>

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
        var headers = plan.headers
        headers.append(("request-id", requestID))
        switch plan.body {
        case .complete(let body):
            headers.append(("content-length", String(body.count)))
            Self.appendConnectionHeader(to: &headers, version: version, keepAlive: keepAlive)
            var bytes = HTTPWire.head(status: plan.status, headers: headers, version: version)
            if !omitBody { bytes.append(contentsOf: body) }
            try await self.outbound.write(ByteBuffer(bytes: bytes))
            return keepAlive

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
        try await self.outbound.write(ByteBuffer(bytes: HTTPWire.head(status: plan.status, headers: headers, version: version)))
        if omitBody { return stayOpen }
        var written = 0
        for payload in payloads {
            try await self.outbound.write(ByteBuffer(bytes: chunked ? HTTPWire.chunk(payload) : payload))
            written += 1
            // A write that does not suspend keeps the thread; yield now and then so one long stream to a
            // fast reader cannot hold back the other connections.
            if written % 64 == 0 { await Task.yield() }
        }
        if chunked { try await self.outbound.write(ByteBuffer(bytes: HTTPWire.lastChunk)) }
        return stayOpen
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
