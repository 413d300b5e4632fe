import MessagesAPI

/// Why a file could not be read.
public struct ScriptLoadError: Error, Sendable {
    public var reason: String
}

/// Loads every script file under a directory: `*.yaml`, `*.yml` and `*.json`, in path order (files sorted by
/// their path relative to the directory, then scripts in the order each file lists them). That order is the
/// order scripts are tried in. `.sse` files are read when a script's `raw` reply names them.
public enum ScriptLoader {
    /// Scripts and every problem found; any `.error` problem means the directory must not be served.
    public struct Result: Sendable {
        public var scripts: [Script]
        public var problems: [ScriptProblem]

        public init(scripts: [Script], problems: [ScriptProblem]) {
            self.scripts = scripts
            self.problems = problems
        }

        public var errors: [ScriptProblem] { self.problems.filter { $0.severity == .error } }
        public var warnings: [ScriptProblem] { self.problems.filter { $0.severity == .warning } }
    }

    public static func load(directory: String) -> Result {
        if let problem = FileSystem.directoryProblem(directory) {
            return Result(scripts: [], problems: [ScriptProblem(file: directory, problem)])
        }
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        var unreadable: [(path: String, reason: String)] = []
        let paths = FileSystem.files(under: base, unreadable: &unreadable)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json") }
            .sorted()
        var scripts: [Script] = []
        // A folder the server cannot list would otherwise look empty, and the mock would answer in echo mode.
        var problems = unreadable.map { ScriptProblem(file: $0.path, $0.reason) }
        for relative in paths {
            let path = "\(base)/\(relative)"
            let data: [UInt8]
            switch FileSystem.bytes(of: path) {
            case .success(let bytes): data = bytes
            case .failure(let failure):
                problems.append(ScriptProblem(file: path, "cannot be read (\(failure.reason))"))
                continue
            }
            let directoryOfFile = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
            let fileResult = self.load(bytes: data, file: path, baseDirectory: directoryOfFile)
            scripts += fileResult.scripts
            problems += fileResult.problems
        }
        return self.checked(Result(scripts: scripts, problems: problems))
    }

    /// The largest raw transcript read, as large as the largest request body.
    public static let maximumTranscriptSize = 32 * 1024 * 1024

    /// Loads the scripts of one file's contents; JSON when `json` says so or the name ends in `.json`, else
    /// YAML. `file` names the source in every problem. `confined` (scripts added at run time) keeps `raw`
    /// transcripts inside `baseDirectory`: a relative path without `..`, so the admin API cannot read any file
    /// the server can.
    public static func load(
        bytes: [UInt8], file: String, baseDirectory: String?, json: Bool? = nil, confined: Bool = false
    ) -> Result {
        let documents: [JSONValue]
        if json ?? file.hasSuffix(".json") {
            do {
                documents = [try JSONParser.parse(bytes)]
            } catch {
                return Result(scripts: [], problems: [ScriptProblem(file: file, "not valid JSON: \(error.message)")])
            }
        } else {
            do {
                documents = try YAMLDocuments.parse(String(decoding: bytes, as: UTF8.self))
            } catch {
                return Result(scripts: [], problems: [ScriptProblem(file: file, "not valid YAML: \(error.message)")])
            }
        }
        var decoder = ScriptDecoder(file: file) { path in
            guard let baseDirectory else {
                return .failure(ScriptLoadError(reason: "a raw transcript is read relative to --responses, and none is set"))
            }
            if confined, path.hasPrefix("/") || path.split(separator: "/").contains("..") {
                return .failure(ScriptLoadError(reason: "a script added at run time names a transcript inside --responses, by a relative path without '..'"))
            }
            let full = path.hasPrefix("/") ? path : "\(baseDirectory)/\(path)"
            switch FileSystem.bytes(of: full, limit: self.maximumTranscriptSize) {
            case .success(let data):
                return .success(data)
            case .failure(.system):
                return .failure(ScriptLoadError(reason: "no such readable file \(full)"))
            case .failure(let failure):
                return .failure(ScriptLoadError(reason: "\(full) is \(failure.reason)"))
            }
        }
        var scripts: [Script] = []
        for document in documents { scripts += decoder.scripts(in: document) }
        return Result(scripts: scripts, problems: decoder.problems)
    }

    /// Whole-set checks: names are unique; a script that can never match is worth a warning.
    public static func checked(_ result: Result) -> Result {
        var result = result
        var firstByName: [String: Script] = [:]
        var kept: [Script] = []
        for script in result.scripts {
            if let earlier = firstByName[script.name] {
                result.problems.append(
                    ScriptProblem(file: script.source, script: script.name, field: "name", "already used by a script in \(earlier.source)"))
                continue
            }
            firstByName[script.name] = script
            kept.append(script)
        }
        result.scripts = kept
        result.problems += self.shadowWarnings(kept)
        return result
    }
}
