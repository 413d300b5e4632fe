import MessagesAPI

extension ScriptDecoder {
    /// The fields a `raw` reply takes: the file, a fault and stream shape, and what a recording adds.
    static let rawKeys: Set = ["raw", "fault", "stream", "status", "headers", "timing"]

    /// A recording's `status`, `headers` and `timing` next to `raw`.
    mutating func recorded(_ object: JSONObject, into transcript: inout RawTranscript, at field: String) {
        if let value = object["status"] {
            if case .number(let n) = value, let code = n.integerValue, (200...599).contains(code) {
                transcript.status = code
            } else {
                self.fail("\(field).status", "must be an HTTP status from 200 to 599")
            }
        }
        if let value = object["headers"] {
            transcript.headers = self.headerFields(value, at: "\(field).headers")
        }
        if let value = object["timing"] {
            transcript.timing = self.timing(value, pieces: transcript.isStream ? transcript.chunks.count : 0, at: "\(field).timing")
        }
    }

    /// `timing: {headers_ms: N, events_ms: [N, …]}`: milliseconds from the request, one per event of the file.
    mutating func timing(_ value: JSONValue, pieces: Int, at field: String) -> ReplayTiming? {
        guard let object = value.objectValue else {
            self.fail(field, "must be a mapping with headers_ms and events_ms")
            return nil
        }
        for key in object.keys where !["headers_ms", "events_ms"].contains(key) {
            self.fail("\(field).\(key)", "unknown field (known: headers_ms, events_ms)")
        }
        guard let headers = self.milliseconds(object["headers_ms"] ?? .number(JSONNumber(0)), at: "\(field).headers_ms") else { return nil }
        var events: [Duration] = []
        if let list = object["events_ms"] {
            guard let items = list.arrayValue else {
                self.fail("\(field).events_ms", "must be a list of milliseconds, one per event")
                return nil
            }
            for (index, item) in items.enumerated() {
                guard let offset = self.milliseconds(item, at: "\(field).events_ms[\(index)]") else { return nil }
                if let last = events.last, offset < last {
                    self.fail("\(field).events_ms[\(index)]", "must not be earlier than the event before it")
                    return nil
                }
                events.append(offset)
            }
            if items.count != pieces {
                self.fail("\(field).events_ms", "has \(items.count) times for \(pieces) events in the file")
                return nil
            }
        }
        return ReplayTiming(headers: headers, events: events)
    }

    private mutating func milliseconds(_ value: JSONValue, at field: String) -> Duration? {
        guard case .number(let n) = value, let ms = Double(n.text), ms.isFinite, ms >= 0 else {
            self.fail(field, "must be a number of milliseconds, 0 or more")
            return nil
        }
        return .microseconds(Int64((ms * 1000).rounded()))
    }

    /// A mapping of header name to value (strings, numbers or booleans), names in lower case.
    mutating func headerFields(_ value: JSONValue, at field: String) -> [(name: String, value: String)] {
        guard let members = value.objectValue?.members else {
            self.fail(field, "must be a mapping of name to value")
            return []
        }
        var headers: [(name: String, value: String)] = []
        for (name, headerValue) in members {
            let text: String
            switch headerValue {
            case .string(let s): text = s
            case .number(let n): text = n.text
            case .bool(let b): text = b ? "true" : "false"
            default:
                self.fail("\(field).\(name)", "must be a string, number or boolean")
                continue
            }
            if let problem = HeaderField.problem(name: name, value: text) {
                self.fail("\(field).\(name)", problem)
            } else {
                headers.append((name.lowercased(), text))
            }
        }
        return headers
    }
}
