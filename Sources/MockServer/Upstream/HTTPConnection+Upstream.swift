import AsyncHTTPClient
import Logging
import MessagesAPI
import MockEngine
import NIOCore
import NIOHTTP1

extension HTTPConnection {
    /// Forwards a request to the upstream and passes its answer through as it arrives: the head as soon as it
    /// comes, then each piece of the body the moment it is read (so time to first byte and pacing reach the
    /// client unchanged). An upstream that cannot be asked gets a 502 naming it and the cause; one that dies
    /// mid-body ends the client's body the same way (closed, unfinished). Journaled, and recorded with
    /// `--record`. Returns whether the connection stays open.
    func forward(
        _ request: RequestContext, _ plan: ResponsePlan, to upstream: Upstream, _ writer: PlanWriter, requestID: String,
        keepAlive: Bool, arrived: Arrival
    ) async throws -> Bool {
        let url = upstream.url(for: request.path)
        // Only a recording needs the body parsed.
        let parsed = upstream.recorder == nil ? .null : (try? JSONParser.parse(request.body)) ?? .null
        var exchange = RecordedExchange(url: url, epochMicroseconds: arrived.wallClock, request: parsed)
        let response: HTTPClientResponse
        do {
            response = try await upstream.client.execute(upstream.request(for: request), timeout: .hours(24))
        } catch {
            self.logger.warning("upstream not reached", metadata: ["upstream": "\(url)", "error": "\(Upstream.describe(error))"])
            var failed = ResponsePlan.error(upstream.unreachable(url, error), source: .upstream)
            failed.upstream = UpstreamReport(url: url, status: nil, firstByte: nil, recording: nil)
            return try await self.answer(request, failed, writer, requestID: requestID, keepAlive: keepAlive, arrived: arrived)
        }
        exchange.status = Int(response.status.code)
        exchange.headers = response.headers.map { ($0.name, $0.value) }
        exchange.headersAt = .now - arrived.instant

        let journal = self.configuration.router.configuration.journal
        let journaled = journal.isEnabled && Router.isJournaled(path: request.path)
        writer.log.begin(at: arrived.instant, recording: journaled, stream: exchange.isStream)
        let version = request.version
        let declaredLength = response.headers.first(name: "content-length").flatMap(Int.init)
        // A body of known length keeps it; any other goes chunked (HTTP/1.1), or until close (HTTP/1.0).
        let chunked = declaredLength == nil && version == .http11
        let stayOpen = keepAlive && (declaredLength != nil || chunked)
        var headers = response.headers.compactMap { header -> (name: String, value: String)? in
            Upstream.droppedResponseHeaders.contains(header.name.lowercased()) ? nil : (header.name, header.value)
        }
        if !headers.contains(where: { $0.name.lowercased() == "request-id" }) { headers.append(("request-id", requestID)) }
        if let declaredLength { headers.append(("content-length", String(declaredLength))) }
        if chunked { headers.append(("transfer-encoding", "chunked")) }
        PlanWriter.appendConnectionHeader(to: &headers, version: version, keepAlive: stayOpen)
        writer.log.headers = Upstream.withoutSecrets(headers)

        var journalPlan = ResponsePlan(status: exchange.status, headers: [], body: .rawStream([]), source: .upstream)
        journalPlan.upstream = UpstreamReport(url: url, status: exchange.status, firstByte: exchange.headersAt, recording: nil)
        let head = HTTPWire.head(status: exchange.status, headers: headers, version: version)
        var ending = AnswerOutcome.answered(stayOpen: stayOpen)
        var sent = 0
        let omitBody = request.method == "HEAD"
        // Records and journals the exchange, once: just before the write that completes the answer, so a client
        // that has read it all finds both; or when the body ends otherwise.
        var concluded = false
        func conclude() {
            guard !concluded else { return }
            concluded = true
            if !exchange.isStream { journalPlan.body = .complete(exchange.body) }
            journalPlan.upstream?.recording = upstream.recorder?.record(exchange)
            guard journaled else { return }
            var entry = JournalEntry(request, journalPlan, requestID: requestID, at: arrived.wallClock, log: writer.log, outcome: ending)
            entry.headers = Upstream.withoutSecrets(entry.headers)
            journal.record(entry)
        }
        do {
            try await writer.write(head)
            if !omitBody {
                for try await buffer in response.body {
                    let bytes = Array(buffer.readableBytesView)
                    exchange.pieces.append((.now - arrived.instant, bytes))
                    sent += bytes.count
                    if let declaredLength, sent >= declaredLength {
                        // The last piece of a body of known length completes the answer.
                        try await writer.writeLast(bytes, before: conclude)
                    } else {
                        try await writer.write(chunked ? HTTPWire.chunk(bytes) : bytes)
                    }
                }
            }
        } catch let error where !(error is CancellationError) && !Task.isCancelled && writer.channel.isActive {
            // The upstream went away mid-body: the client's body ends unfinished, as the upstream's did.
            self.logger.warning("upstream ended mid-body", metadata: ["upstream": "\(url)", "error": "\(Upstream.describe(error))"])
            exchange.complete = false
            ending = AnswerOutcome(.closedMidResponse)
        }
        // The HTTP client ends a chunked body at the upstream's close as if it were complete; a stream that stops
        // short of `message_stop` (or an `error` event) is how that shows.
        if !concluded, exchange.complete, exchange.isStream, !omitBody, !exchange.streamFinished {
            self.logger.warning("upstream stream ended before message_stop", metadata: ["upstream": "\(url)"])
            exchange.complete = false
            ending = AnswerOutcome(.closedMidResponse)
        }
        if let declaredLength, sent < declaredLength, !omitBody { ending = AnswerOutcome(.closedMidResponse) }
        if ending.stayOpen || ending.ending == .closed, chunked, !omitBody {
            try await writer.writeLast(HTTPWire.lastChunk, before: conclude)
        } else {
            conclude()
        }
        return ending.stayOpen
    }
}
