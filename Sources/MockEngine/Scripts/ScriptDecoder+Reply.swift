import MessagesAPI

extension ScriptDecoder {
    static let messageKeys: Set = ["text", "content", "stop_reason", "stop_sequence", "usage", "fault", "stream"]

    mutating func reply(_ value: JSONValue, at field: String) -> ScriptReply? {
        guard let object = value.objectValue else {
            self.fail(field, "a reply must be a mapping with 'text', 'content', 'error' or 'raw'")
            return nil
        }
        if let error = object["error"] {
            for key in object.keys where key != "error" { self.fail("\(field).\(key)", "not allowed next to 'error'") }
            return self.errorReply(error, at: "\(field).error").map(ScriptReply.error)
        }
        if let raw = object["raw"] {
            for key in object.keys where !Self.rawKeys.contains(key) {
                self.fail("\(field).\(key)", "not allowed next to 'raw' (known: \(Self.rawKeys.sorted().joined(separator: ", ")))")
            }
            guard var transcript = self.rawReply(raw, at: "\(field).raw") else { return nil }
            (transcript.fault, transcript.shape) = self.faultAndShape(object, at: field)
            self.recorded(object, into: &transcript, at: field)
            return .raw(transcript)
        }
        return self.messageReply(object, at: field).map(ScriptReply.message)
    }

    mutating func messageReply(_ object: JSONObject, at field: String) -> MessageTemplate? {
        for key in object.keys where !Self.messageKeys.contains(key) {
            self.fail("\(field).\(key)", "unknown field (known: content, text, stop_reason, stop_sequence, usage, fault, stream, or error, raw)")
        }
        var blocks: [BlockTemplate] = []
        switch (object["text"], object["content"]) {
        case (let text?, nil):
            guard let string = text.stringValue else {
                self.fail("\(field).text", "must be a string")
                return nil
            }
            self.checkPlaceholders(string, at: "\(field).text")
            blocks = [.text(string)]
        case (nil, let content?):
            guard let items = content.arrayValue, !items.isEmpty else {
                self.fail("\(field).content", "must be a non-empty list of blocks")
                return nil
            }
            blocks = items.enumerated().compactMap { self.block($1, at: "\(field).content[\($0)]") }
            if blocks.count != items.count { return nil }
        case (.some, .some):
            self.fail(field, "give either 'text' or 'content', not both")
            return nil
        case (nil, nil):
            self.fail(field, "a reply needs 'text', 'content', 'error' or 'raw'")
            return nil
        }

        let hasToolUse = blocks.contains { if case .toolUse = $0 { return true } else { return false } }
        var template = MessageTemplate(content: blocks, stopReason: hasToolUse ? .toolUse : .endTurn)
        if let value = object["stop_reason"] {
            if let text = value.stringValue, let reason = StopReason(rawValue: text) {
                template.stopReason = reason
            } else {
                let known = StopReason.allCases.map(\.rawValue).joined(separator: ", ")
                self.fail("\(field).stop_reason", "must be one of: \(known)")
            }
        }
        if let value = object["stop_sequence"] {
            if let text = value.stringValue, template.stopReason == .stopSequence {
                template.stopSequence = text
            } else {
                self.fail("\(field).stop_sequence", "must be a string, with stop_reason: stop_sequence")
            }
        }
        if let usage = object["usage"] {
            let members = usage.objectValue ?? JSONObject()
            if usage.objectValue == nil { self.fail("\(field).usage", "must be a mapping") }
            for (key, value) in members.members {
                guard case .number(let n) = value, let count = n.integerValue, count >= 0 else {
                    self.fail("\(field).usage.\(key)", "must be a whole number of at least 0")
                    continue
                }
                switch key {
                case "input_tokens": template.inputTokens = count
                case "output_tokens": template.outputTokens = count
                default: self.fail("\(field).usage.\(key)", "unknown counter (known: input_tokens, output_tokens)")
                }
            }
        }
        (template.fault, template.shape) = self.faultAndShape(object, at: field)
        return template
    }

    /// The optional `fault` and `stream` texts of a reply.
    mutating func faultAndShape(_ object: JSONObject, at field: String) -> (FaultRule?, StreamShape?) {
        var rule: FaultRule?
        var shape: StreamShape?
        if let value = object["fault"] {
            do throws(FaultSyntax.Failure) {
                guard let text = value.stringValue else { throw FaultSyntax.Failure(message: "must be a string such as 'reset;after=5'") }
                rule = try FaultSyntax.fault(text)
            } catch {
                self.fail("\(field).fault", error.message)
            }
        }
        if let value = object["stream"] {
            do throws(FaultSyntax.Failure) {
                guard let text = value.stringValue else { throw FaultSyntax.Failure(message: "must be a string such as 'delay=50ms'") }
                shape = try FaultSyntax.shape(text)
            } catch {
                self.fail("\(field).stream", error.message)
            }
        }
        return (rule, shape)
    }

    mutating func block(_ value: JSONValue, at field: String) -> BlockTemplate? {
        guard let object = value.objectValue, let type = object["type"]?.stringValue else {
            self.fail(field, "a block must be a mapping with a 'type'")
            return nil
        }
        let allowed: Set<String>
        let result: BlockTemplate?
        switch type {
        case "text":
            allowed = ["type", "text"]
            result = self.string(object, "text", at: field).map {
                self.checkPlaceholders($0, at: "\(field).text")
                return .text($0)
            }
        case "thinking":
            allowed = ["type", "thinking", "signature"]
            let signature = object["signature"].flatMap { value -> String? in
                if value.stringValue == nil { self.fail("\(field).signature", "must be a string") }
                return value.stringValue
            }
            result = self.string(object, "thinking", at: field).map {
                self.checkPlaceholders($0, at: "\(field).thinking")
                return .thinking($0, signature: signature)
            }
        case "redacted_thinking":
            allowed = ["type", "data"]
            result = self.string(object, "data", at: field).map { .redactedThinking(data: $0) }
        case "tool_use":
            allowed = ["type", "id", "name", "input", "partial_json"]
            result = self.toolUse(object, at: field)
        default:
            self.fail("\(field).type", "unknown block type '\(type)' (known: text, thinking, redacted_thinking, tool_use)")
            return nil
        }
        for key in object.keys where !allowed.contains(key) {
            self.fail("\(field).\(key)", "not a field of a \(type) block")
        }
        return result
    }

    private mutating func toolUse(_ object: JSONObject, at field: String) -> BlockTemplate? {
        guard let name = self.string(object, "name", at: field) else { return nil }
        var id: String?
        if let value = object["id"] {
            if let text = value.stringValue, !text.isEmpty,
                text.utf8.allSatisfy({ $0 == 0x5F || $0 == 0x2D || (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) })
            {
                id = text
            } else {
                self.fail("\(field).id", "must match ^[a-zA-Z0-9_-]+$")
            }
        }
        var input = JSONValue.object(JSONObject())
        if let value = object["input"] {
            if value.objectValue != nil { input = value } else { self.fail("\(field).input", "must be a mapping") }
        }
        var partial: String?
        if let value = object["partial_json"] {
            if let text = value.stringValue { partial = text } else { self.fail("\(field).partial_json", "must be a string") }
        }
        return .toolUse(id: id, name: name, input: input, partialJSON: partial)
    }

    private mutating func string(_ object: JSONObject, _ key: String, at field: String) -> String? {
        guard let value = object[key] else {
            self.fail("\(field).\(key)", "required")
            return nil
        }
        guard let text = value.stringValue else {
            self.fail("\(field).\(key)", "must be a string")
            return nil
        }
        return text
    }

    mutating func checkPlaceholders(_ text: String, at field: String) {
        for name in Placeholders.unknown(in: text) {
            self.fail(field, "unknown placeholder {{\(name)}} (known: \(Placeholders.known.joined(separator: ", ")))")
        }
    }

    mutating func errorReply(_ value: JSONValue, at field: String) -> APIError? {
        guard let object = value.objectValue else {
            self.fail(field, "must be a mapping with status and/or type, and optionally message and headers")
            return nil
        }
        for key in object.keys where !["status", "type", "message", "headers"].contains(key) {
            self.fail("\(field).\(key)", "unknown field (known: status, type, message, headers)")
        }
        var status: Int?
        if let value = object["status"] {
            if case .number(let n) = value, let code = n.integerValue, (400...599).contains(code) {
                status = code
            } else {
                self.fail("\(field).status", "must be an HTTP error status from 400 to 599")
                return nil
            }
        }
        var type: APIErrorType?
        if let value = object["type"] {
            guard let text = value.stringValue, let parsed = APIErrorType(rawValue: text) else {
                let known = APIErrorType.allCases.map(\.rawValue).joined(separator: ", ")
                self.fail("\(field).type", "must be one of: \(known)")
                return nil
            }
            type = parsed
        }
        guard status != nil || type != nil else {
            self.fail(field, "give a status, a type, or both")
            return nil
        }
        let resolvedType = type ?? APIErrorType.forStatus(status!)
        var message: String?
        if let value = object["message"] {
            if let text = value.stringValue { message = text } else { self.fail("\(field).message", "must be a string") }
        }
        let headers = object["headers"].map { self.headerFields($0, at: "\(field).headers") } ?? []
        return APIError(status: status, type: resolvedType, message: message, headers: headers)
    }

    mutating func rawReply(_ value: JSONValue, at field: String) -> RawTranscript? {
        guard let path = value.stringValue, !path.isEmpty else {
            self.fail(field, "must be the path of a .sse file, relative to this file")
            return nil
        }
        switch self.readRaw(path) {
        case .success(let bytes):
            if bytes.isEmpty { self.fail(field, "'\(path)' is empty") }
            return RawTranscript(file: path, bytes: bytes)
        case .failure(let error):
            self.fail(field, "cannot read '\(path)': \(error.reason)")
            return nil
        }
    }
}
