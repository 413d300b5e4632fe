#if canImport(Glibc)
import Glibc
import Testing

@testable import MockServer

/// What a trim does on glibc: memory freed in the middle of the heap (where the allocator cannot shrink the heap
/// from its top) stays resident until `MemoryReturn.trimHeap` hands it back to the system.
@Suite struct HeapTrimTests {
    /// A sanitizer's runtime brings its own allocator, which glibc's trim does not reach.
    @Test(.disabled(if: ChildProcess.sanitizerScale > 1, "a sanitizer replaces the allocator"))
    func trimHeap_returnsFreedMemoryToTheSystem() throws {
        let blockSize = 4096
        let blocks = (0..<32_768).map { _ -> UnsafeMutableRawPointer in
            let block = malloc(blockSize)!
            memset(block, 1, blockSize)
            return block
        }
        // One block in 16 stays, so the freed runs (60 kB each) lie between live blocks, never at the heap's top.
        let kept = stride(from: 0, to: blocks.count, by: 16).map { blocks[$0] }
        defer { kept.forEach { free($0) } }
        for (index, block) in blocks.enumerated() where index % 16 != 0 { free(block) }
        let before = try Self.residentKilobytes()
        MemoryReturn.trimHeap()
        let after = try Self.residentKilobytes()
        #expect(before - after > 64 * 1024, "120 MB freed; resident before the trim \(before) kB, after \(after) kB")
    }

    /// Resident memory of this process, from `/proc/self/statm` (its second field, in pages).
    static func residentKilobytes() throws -> Int {
        let descriptor = open("/proc/self/statm", O_RDONLY)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = read(descriptor, &buffer, buffer.count)
        try #require(count > 0)
        let fields = String(decoding: buffer[..<count], as: UTF8.self).split(separator: " ")
        let pages = try #require(fields.count > 1 ? Int(fields[1]) : nil)
        return pages * sysconf(Int32(_SC_PAGESIZE)) / 1024
    }
}
#endif
