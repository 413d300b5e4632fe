import MessagesAPI
import MockEngine

/// An admin API over a journal with a few entries and one script, so that filters have something to match.
let admin: AdminAPI = {
    let journal = Journal(capacity: 8)
    for (index, path) in ["/v1/messages", "/inference/v1/messages", "/v1/messages"].enumerated() {
        _ = journal.record(
            JournalEntry(
                epochMicroseconds: 1_700_000_000_000_000 + Int64(index), requestID: "req_\(index)",
                session: index == 2 ? "s1" : "", method: "POST", path: path, query: index == 1 ? "beta=true" : "",
                headers: [("x-api-key", "k")], body: Array(#"{"model":"m"}"#.utf8), status: index == 0 ? 400 : 200,
                responseHeaders: [("content-type", "application/json")], source: index == 0 ? .validation : .echo))
    }
    let script = Script(name: "weather", source: "fuzz.yaml", replies: [.message(MessageTemplate(content: [.text("sunny")]))])
    return AdminAPI(scripts: ScriptBook(scripts: [script]), faults: FaultBook(), journal: journal)
}()

/// libFuzzer entry for the admin API's request target: the input is used as the query string of
/// `GET /_mock/journal` (`QueryString.parse`, then `JournalFilter.parse`), and also, split at its first `?`,
/// as a path and query under `/_mock/` (percent-decoded path segments). Only GET is used, so no input
/// changes what the next one sees.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQueryString(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = admin.respond(to: AdminAPI.Call(method: "GET", path: "/_mock/journal", query: text, headers: [], body: []))
    let (path, query) = text.firstIndex(of: "?").map { (text[..<$0], text[text.index(after: $0)...]) } ?? (text[...], "")
    _ = admin.respond(to: AdminAPI.Call(method: "GET", path: "/_mock/\(path)", query: String(query), headers: [], body: []))
    return 0
}
