import MockEngine

/// What one connection wrote for the response in progress, for the journal: each write with its time and
/// the SSE events in it, and the head's headers (how the answer ended is the writer's `AnswerOutcome`). One per
/// connection, reused request after request; only the connection's task touches it.
final class ResponseLog {
    private(set) var start = ContinuousClock.now
    private(set) var writes: [JournalWrite] = []
    private(set) var dropped = 0
    /// The response head's headers as sent (framing headers included).
    var headers: [(name: String, value: String)] = []
    /// Called once, just before the write that completes the answer (the last bytes a reader waits for), with
    /// the answer's outcome: the connection journals the answer there, so a client that has read it in full
    /// finds it in the journal.
    var beforeLastWrite: ((AnswerOutcome) -> Void)?
    /// False when the response is not journaled: writes are then not looked at.
    private(set) var isRecording = false
    /// Whether writes may carry SSE events worth naming (not for a JSON body).
    private var scansEvents = false

    /// Starts a new response, timed from `start` (the request head's arrival).
    func begin(at start: ContinuousClock.Instant, recording: Bool, stream: Bool) {
        self.scansEvents = stream
        self.start = start
        // The journal took an exact copy of the last answer's writes, so the buffer is reused.
        self.writes.removeAll(keepingCapacity: true)
        self.dropped = 0
        self.headers = []
        self.beforeLastWrite = nil
        self.isRecording = recording
    }

    func wrote(_ bytes: [UInt8]) {
        guard self.isRecording else { return }
        guard self.writes.count < JournalEntry.writeLimit else {
            self.dropped += 1
            return
        }
        self.writes.append(JournalWrite(offset: .now - self.start, bytes: bytes.count, events: self.scansEvents ? Self.eventNames(in: bytes) : []))
    }

    /// The names on lines starting `event: ` (HTTP framing and `data:` lines never start so). A write of one
    /// known event (the usual case) gets a shared array: a journal of streams holds no array per write then.
    static func eventNames(in bytes: [UInt8]) -> [String] {
        let names = self.scanEventNames(in: bytes)
        if names.count == 1, let shared = self.knownSingles[names[0]] { return shared }
        return names
    }

    private static func scanEventNames(in bytes: [UInt8]) -> [String] {
        var names: [String] = []
        let prefix = Self.eventPrefix
        var lineStart = 0
        while lineStart + prefix.count < bytes.count {
            var matches = true
            for (offset, byte) in prefix.enumerated() where bytes[lineStart + offset] != byte {
                matches = false
                break
            }
            var next = lineStart
            while next < bytes.count, bytes[next] != 0x0A { next += 1 }
            if matches {
                var end = next
                if end > lineStart + prefix.count, bytes[end - 1] == 0x0D { end -= 1 }
                names.append(Self.name(bytes[(lineStart + prefix.count)..<end]))
            }
            lineStart = next + 1
        }
        return names
    }

    private static let eventPrefix = Array("event: ".utf8)

    /// Known names are shared strings, so a busy journal does not allocate one per event.
    private static let knownNames: [(bytes: [UInt8], name: String)] = [
        "message_start", "ping", "content_block_start", "content_block_delta", "content_block_stop",
        "message_delta", "message_stop", "error",
    ].map { (Array($0.utf8), $0) }

    /// A one-name array for each known name, shared by every write that carries just that event.
    private static let knownSingles: [String: [String]] = Dictionary(
        uniqueKeysWithValues: ResponseLog.knownNames.map { ($0.name, [$0.name]) })

    private static func name(_ bytes: ArraySlice<UInt8>) -> String {
        for known in Self.knownNames where known.bytes.elementsEqual(bytes) { return known.name }
        return String(decoding: bytes, as: UTF8.self)
    }
}
