import MessagesAPI

/// Reads scripts from parsed YAML or JSON, collecting every problem with its file, script and field.
/// Unknown keys are errors, so a typo never silently turns a condition off.
struct ScriptDecoder {
    let file: String
    /// Reads a `.sse` file named by a `raw` reply, relative to the script's file.
    let readRaw: (String) -> Result<[UInt8], ScriptLoadError>
    var problems: [ScriptProblem] = []
    private var scriptName: String?

    init(file: String, readRaw: @escaping (String) -> Result<[UInt8], ScriptLoadError>) {
        self.file = file
        self.readRaw = readRaw
    }

    mutating func fail(_ field: String, _ message: String) {
        self.problems.append(ScriptProblem(file: self.file, script: self.scriptName, field: field, message))
    }

    /// A document is one script, a list of scripts, or `{scripts: [...]}`.
    mutating func scripts(in document: JSONValue) -> [Script] {
        switch document {
        case .array(let items):
            return items.enumerated().compactMap { self.script($1, position: "[\($0)]") }
        case .object(let object) where object["scripts"] != nil && object["name"] == nil:
            guard let items = object["scripts"]?.arrayValue else {
                self.fail("scripts", "must be a list of scripts")
                return []
            }
            for key in object.keys where key != "scripts" { self.fail(key, "unknown field next to 'scripts'") }
            return items.enumerated().compactMap { self.script($1, position: "scripts[\($0)]") }
        case .null:
            return []
        default:
            return self.script(document, position: "").map { [$0] } ?? []
        }
    }

    static let scriptKeys: Set = ["name", "description", "match", "reply", "replies", "after_last", "times", "rate_limit"]

    mutating func script(_ value: JSONValue, position: String) -> Script? {
        self.scriptName = nil
        guard let object = value.objectValue else {
            self.fail(position, "a script must be a mapping with at least 'name' and 'reply' or 'replies'")
            return nil
        }
        guard let name = object["name"]?.stringValue, !name.isEmpty else {
            self.fail(position.isEmpty ? "name" : "\(position).name", "required, a non-empty string")
            return nil
        }
        self.scriptName = name
        let before = self.problems.count
        for key in object.keys where !Self.scriptKeys.contains(key) {
            self.fail(key, "unknown field (known: \(Self.scriptKeys.sorted().joined(separator: ", ")))")
        }
        if let description = object["description"], description.stringValue == nil {
            self.fail("description", "must be a string")
        }
        let match = object["match"].map { self.matchRule($0) } ?? MatchRule()

        var replies: [ScriptReply] = []
        switch (object["reply"], object["replies"]) {
        case (nil, nil):
            self.fail("replies", "required: give 'reply' (one answer) or 'replies' (a list used in turn)")
        case (.some, .some):
            self.fail("replies", "give either 'reply' or 'replies', not both")
        case (let one?, nil):
            if let reply = self.reply(one, at: "reply") { replies = [reply] }
        case (nil, let many?):
            if let items = many.arrayValue, !items.isEmpty {
                replies = items.enumerated().compactMap { self.reply($1, at: "replies[\($0)]") }
            } else {
                self.fail("replies", "must be a non-empty list of replies")
            }
        }

        var afterLast = Script.AfterLast.repeatLast
        if let value = object["after_last"] {
            if let text = value.stringValue, let parsed = Script.AfterLast(rawValue: text) {
                afterLast = parsed
            } else {
                self.fail("after_last", "must be one of: last, cycle, stop")
            }
        }
        var times: Int?
        if let value = object["times"] {
            if case .number(let n) = value, let count = n.integerValue, count >= 1 {
                times = count
            } else {
                self.fail("times", "must be a whole number of at least 1")
            }
        }
        var rateLimit: RateLimiter?
        if let value = object["rate_limit"] {
            rateLimit = value.stringValue.flatMap(RateLimiter.init(text:))
            if rateLimit == nil { self.fail("rate_limit", "must be N/s with N at least 1, e.g. 5/s") }
        }
        guard self.problems.count == before else { return nil }
        var script = Script(name: name, source: self.file, match: match, replies: replies, afterLast: afterLast, times: times)
        script.rateLimit = rateLimit
        return script
    }
}
