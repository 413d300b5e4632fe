import MockEngine

/// libFuzzer entry for the fault and stream-shape syntax (`x-mock-fault`, `x-mock-stream`, `--fault`,
/// `--stream` and the `fault`/`stream` fields of scripts): `FaultSyntax.fault`, `FaultSyntax.shape` and
/// `FaultSyntax.duration` on the same text.
///
/// A fault that reads must also read back from the text the journal writes for it (`Fault.description`),
/// to the same text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFaultSyntax(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? FaultSyntax.shape(text)
    _ = FaultSyntax.duration(text)
    guard let rule = try? FaultSyntax.fault(text) else { return 0 }
    let written = rule.fault.description
    guard let reread = try? FaultSyntax.fault(written), reread.fault.description == written else {
        fatalError("fault '\(text)' is journaled as '\(written)', which does not read back the same")
    }
    return 0
}
