import MessagesAPI
import MockEngine

/// Echo mode with no scripts: the planner the server uses when nothing is configured.
let planner = ReplyPlanner()

/// libFuzzer entry for request validation: `RequestValidator` (JSON, schema, lax scalars, cross-field rules,
/// model names), then, for a valid request, the echo answer it gets (token counting, text chunking, the
/// message or the whole event stream), as `POST /v1/messages` would produce it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRequest(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let plan = planner.plan(body: bytes)
    switch plan.body {
    case .complete(let body):
        // Every answer, error or message, is JSON a client can read.
        if (try? JSONParser.parse(body)) == nil {
            fatalError("answer is not JSON: \(String(decoding: body, as: UTF8.self))")
        }
    case .events(let events):
        for event in events where (try? JSONParser.parse(event.data)) == nil {
            fatalError("event '\(event.name)' carries data that is not JSON: \(event.dataText)")
        }
    case .rawStream(let chunks):
        _ = chunks.count
    }
    return 0
}
