import MessagesAPI

/// libFuzzer entry for `JSONParser`, which reads every request body and every JSON script file.
///
/// Besides not trapping, a document that parses must come back unchanged through `JSONWriter` (what the
/// journal and admin API write out is read back by clients), and Python-style rendering of it, used in
/// validation messages, must not trap either.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let value = try? JSONParser.parse(bytes) else { return 0 }
    let written = JSONWriter.encode(value)
    guard let reread = try? JSONParser.parse(written), reread == value else {
        fatalError("JSONWriter output does not read back as the same document: \(String(decoding: written, as: UTF8.self))")
    }
    _ = PythonRepr.render(value)
    return 0
}
