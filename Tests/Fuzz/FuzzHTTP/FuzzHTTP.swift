#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MessagesAPI
import MockEngine
import MockServer
import NIOCore
import NIOEmbedded
import NIOHTTP1

/// The shipped example scripts (`responses/`, or `FIREWORKS_MOCK_RESPONSES`), read once: a request that
/// names one of their scenarios is answered by it, as on a server started in the repository.
let responsesDirectory: String = {
    if let given = getenv("FIREWORKS_MOCK_RESPONSES") { return String(cString: given) }
    // This file is Tests/Fuzz/FuzzHTTP/FuzzHTTP.swift; the repository root is four levels up.
    return #filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast(4).joined(separator: "/") + "/responses"
}()
let shippedScripts = ScriptLoader.load(directory: responsesDirectory).scripts

/// libFuzzer entry for the HTTP edge without a socket: the input is the bytes a client sends on one
/// connection. They go through NIO's `HTTPRequestDecoder` as the server's pipeline has it, each complete
/// request through `Router.respond(to:)` (messages, health, admin API, 404/405) with a fresh script book and
/// journal, and each plan is written out as `HTTPExchange.render` does (see there for what it leaves out).
///
/// Besides not trapping, the bytes written back must be well-formed HTTP/1.1 responses, one per answered
/// request, as NIO's `HTTPResponseDecoder` reads them.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTP(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let router = Router(
        configuration: Router.Configuration(
            planner: ReplyPlanner(scripts: ScriptBook(scripts: shippedScripts)), journal: Journal(capacity: 8),
            responsesDirectory: responsesDirectory))
    let responses = HTTPExchange.answer(bytes, router: router)
    for response in responses {
        HTTPExchange.checkWellFormed(response)
    }
    return 0
}
