import Logging
import MessagesAPI
import MockEngine

/// Writes each forwarded exchange into the `--record` directory as a script (see `RecordingFile`). The same
/// request recorded again becomes the next reply of the same script, so repeated requests replay in order.
/// Every file is written whole or not at all.
final class Recorder: Sendable {
    let directory: String
    let redaction: RecordingRedaction
    let logger: Logger
    /// The recordings of this run by their request's canonical form, and how many were named.
    private let state = Locked<(files: [String: RecordingFile], named: Int)>(([:], 0))

    init(directory: String, redaction: RecordingRedaction, logger: Logger) {
        self.directory = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
        self.redaction = redaction
        self.logger = logger
    }

    /// Records one exchange; returns the script file's path, or nil when it could not be written (logged).
    func record(_ exchange: RecordedExchange) -> String? {
        let key = RequestCondition(values: RecordingFile.matchValues(of: self.redaction.apply(to: exchange.request))).canonical
        let result: (path: String, failure: String?) = self.state.withLock { state in
            var file: RecordingFile
            if let existing = state.files[key] {
                file = existing
            } else {
                state.named += 1
                file = RecordingFile(name: self.freshName(exchange, count: state.named), exchange: exchange, redaction: self.redaction)
            }
            file.add(exchange)
            state.files[key] = file
            let path = "\(self.directory)/\(file.name).json"
            if let problem = FileSystem.makeDirectory(self.directory) { return (path, problem) }
            // The body first, so the script never names a file that is not there yet.
            let last = file.replies[file.replies.count - 1]
            if let problem = FileSystem.writeAtomically(last.body, to: "\(self.directory)/\(last.file)") { return (path, problem) }
            return (path, FileSystem.writeAtomically(file.scriptBytes, to: path))
        }
        if let failure = result.failure {
            self.logger.error("recording not written", metadata: ["reason": "\(failure)"])
            return nil
        }
        self.logger.info("recorded", metadata: ["file": "\(result.path)", "status": "\(exchange.status)"])
        return result.path
    }

    /// `recording-20261207-010203-1`, unused in the directory.
    private func freshName(_ exchange: RecordedExchange, count: Int) -> String {
        let base = RecordingFile.name(epochMicroseconds: exchange.epochMicroseconds, count: count)
        var name = base
        var suffix = 1
        while FileSystem.exists("\(self.directory)/\(name).json") {
            suffix += 1
            name = "\(base)-\(suffix)"
        }
        return name
    }
}
