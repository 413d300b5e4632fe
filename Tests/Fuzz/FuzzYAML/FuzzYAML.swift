import MessagesAPI
import MockEngine

/// libFuzzer entry for the YAML reader of script files (`YAMLParser.documents`).
///
/// Besides not trapping, every document it reads must be a value JSON can carry unchanged: the admin API
/// lists scripts as JSON, and YAML and JSON files must decode alike.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let documents = try? YAMLParser.documents(text) else { return 0 }
    for document in documents {
        let written = JSONWriter.encode(document)
        // No depth limit on the way back: the YAML reader sets none, and nesting is not what is checked here.
        guard let reread = try? JSONParser.parse(written, maximumDepth: .max), reread == document else {
            fatalError("a YAML document does not survive JSON: \(String(decoding: written, as: UTF8.self))")
        }
    }
    return 0
}
