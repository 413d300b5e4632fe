import MessagesAPI

/// `/_mock/scripts`: list (GET), add (POST a script file), remove all (DELETE); `/_mock/scripts/{name}`:
/// show (GET), add or replace (PUT), remove (DELETE). A session (`?session=` or `x-mock-session`) scopes
/// every change to that session; without one, changes are global.
extension AdminAPI {
    func scriptsRoute(_ call: Call) -> ResponsePlan {
        if let problem = Self.onlySession(call) { return problem }
        let scope: ScriptBook.Scope = call.session.map { .session($0) } ?? .global
        switch call.segments.count {
        case 1:
            return self.allow(call, "GET", "POST", "DELETE") {
                switch call.method {
                case "GET": return self.list(session: call.session, name: nil)
                case "POST": return self.add(call, scope: scope)
                default:
                    let removed = self.scripts.deleteAll(from: scope)
                    return Self.json { json in
                        json.key("deleted"); json.int(removed)
                        Self.writeScope(scope, to: &json)
                    }
                }
            }
        case 2:
            let name = call.segments[1]
            return self.allow(call, "GET", "PUT", "DELETE") {
                switch call.method {
                case "GET": return self.list(session: call.session, name: name)
                case "PUT": return self.put(call, name: name, scope: scope)
                default:
                    guard self.scripts.delete(name: name, from: scope) else { return self.missing(name, scope) }
                    return Self.json { json in
                        json.key("deleted"); json.string(name)
                        Self.writeScope(scope, to: &json)
                    }
                }
            }
        default:
            return Self.badRequest("script paths are /_mock/scripts and /_mock/scripts/{name}")
        }
    }

    private func list(session: String?, name: String?) -> ResponsePlan {
        var listing = self.scripts.listing(session: session)
        if let name {
            listing = listing.filter { $0.entry.script.name == name }
            guard !listing.isEmpty else { return self.missing(name, session.map { .session($0) } ?? .global) }
        }
        return Self.json { json in
            json.key("scripts")
            json.beginArray()
            for item in listing { Self.write(item, session: session, to: &json) }
            json.endArray()
        }
    }

    private func add(_ call: Call, scope: ScriptBook.Scope) -> ResponsePlan {
        let loaded: ScriptLoader.Result
        switch self.load(call) {
        case .scripts(let result): loaded = result
        case .refused(let refusal): return refusal
        }
        if case .failure(.nameTaken(let names)) = self.scripts.add(loaded.scripts, to: scope) {
            let list = names.map { "'\($0)'" }.joined(separator: ", ")
            return .error(
                APIError(
                    status: 409, type: .invalidRequest,
                    message: "script name \(list) already used in this scope; PUT /_mock/scripts/{name} replaces a script"),
                source: .admin)
        }
        let warnings = ScriptLoader.checked(.init(scripts: self.scripts.entries(in: scope).map(\.script), problems: []))
            .warnings.filter { warning in loaded.scripts.contains { $0.name == warning.script } }
        return Self.json(status: 201) { json in
            json.key("added"); json.strings(loaded.scripts.map(\.name))
            Self.writeScope(scope, to: &json)
            json.key("warnings"); json.strings((loaded.warnings + warnings).map(\.description))
        }
    }

    private func put(_ call: Call, name: String, scope: ScriptBook.Scope) -> ResponsePlan {
        let loaded: ScriptLoader.Result
        switch self.load(call) {
        case .scripts(let result): loaded = result
        case .refused(let refusal): return refusal
        }
        guard loaded.scripts.count == 1, let script = loaded.scripts.first, script.name == name else {
            return Self.badRequest(
                "PUT /_mock/scripts/\(name) takes exactly one script named '\(name)'; the body has "
                    + (loaded.scripts.map { "'\($0.name)'" }.joined(separator: ", ").nonEmpty ?? "none"))
        }
        let replaced = self.scripts.replace(with: script, in: scope)
        return Self.json(status: replaced ? 200 : 201) { json in
            json.key(replaced ? "replaced" : "added"); json.string(name)
            Self.writeScope(scope, to: &json)
        }
    }

    /// Reads the body as a script file (JSON when `content-type` says so or it starts with `{` or `[`,
    /// else YAML), with the same checks and messages as files at start.
    private func load(_ call: Call) -> Loaded {
        let contentType = call.header("content-type")?.lowercased() ?? ""
        let first = call.body.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        let json = contentType.contains("json") || first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
        let result = ScriptLoader.checked(
            ScriptLoader.load(
                bytes: call.body, file: json ? "request body (JSON)" : "request body (YAML)",
                baseDirectory: self.responsesDirectory, json: json, confined: true))
        if !result.errors.isEmpty {
            return .refused(Self.badRequest(result.errors.map(\.description).joined(separator: "\n")))
        }
        if result.scripts.isEmpty { return .refused(Self.badRequest("the body holds no script")) }
        return .scripts(result)
    }

    /// A body read as scripts, or the answer refusing it.
    private enum Loaded {
        case scripts(ScriptLoader.Result)
        case refused(ResponsePlan)
    }

    private func missing(_ name: String, _ scope: ScriptBook.Scope) -> ResponsePlan {
        let place: String
        switch scope {
        case .global: place = "among the global scripts"
        case .session(let session): place = "for session '\(session)'"
        }
        return .error(APIError(type: .notFound, message: "No script '\(name)' \(place)"), source: .admin)
    }

    static func writeScope(_ scope: ScriptBook.Scope, to json: inout JSONWriter) {
        json.key("scope"); json.string(scope.name)
        json.key("session")
        if case .session(let session) = scope { json.string(session) } else { json.null() }
    }

    private static func write(_ item: ScriptBook.Listing, session: String?, to json: inout JSONWriter) {
        let script = item.entry.script
        json.beginObject()
        json.key("name"); json.string(script.name)
        self.writeScope(item.entry.scope, to: &json)
        json.key("source"); json.string(script.source)
        json.key("added_at_run_time"); json.bool(item.entry.addedAtRunTime)
        json.key("conditions"); json.int(script.match.conditionCount)
        json.key("replies"); json.int(script.replies.count)
        json.key("times"); script.times.map { json.int($0) } ?? json.null()
        json.key("after_last"); json.string(script.afterLast.rawValue)
        json.key("matches"); json.int(item.matches)
        json.endObject()
    }
}

extension String {
    fileprivate var nonEmpty: String? { self.isEmpty ? nil : self }
}
