import NIOCore

extension Channel {
    /// Closes the connection without letting the TLS handler (if any) send close_notify first: the close starts
    /// at the TLS handler's place in the pipeline and goes toward the socket, so the handler only learns that
    /// the connection is gone. Without TLS it is a plain close. Used where the peer must see a network
    /// failure rather than an orderly end (the `reset` fault, a handshake that timed out).
    func closeBeneathTLS(promise: EventLoopPromise<Void>?) {
        self.eventLoop.execute {
            do {
                let context = try self.pipeline.syncOperations.context(name: MockHTTPServer.tlsHandlerName)
                context.close(promise: promise)
            } catch {
                self.close(promise: promise)
            }
        }
    }

    /// `closeBeneathTLS(promise:)`, awaited.
    func closeBeneathTLS() async throws {
        let promise = self.eventLoop.makePromise(of: Void.self)
        self.closeBeneathTLS(promise: promise)
        try await promise.futureResult.get()
    }
}
