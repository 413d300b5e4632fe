import MessagesAPI

/// The journal's JSON form, as the admin API serves it.
extension JournalEntry {
    /// Appends this entry as one JSON object.
    public func write(to json: inout JSONWriter, bodyLimit: Int) {
        json.beginObject()
        json.key("id"); json.int(self.id)
        json.key("time"); json.string(Timestamp.rfc3339(epochMicroseconds: self.epochMicroseconds))
        json.key("request_id"); json.string(self.requestID)
        json.key("session"); json.string(self.session)
        json.key("method"); json.string(self.method)
        json.key("path"); json.string(self.path)
        json.key("query"); json.string(self.query)
        json.key("headers"); Self.write(self.headers, to: &json)
        Self.writeBody(self.body, size: self.bodySize, key: "body", to: &json)
        json.key("request")
        // A whole body that parses as JSON is shown parsed too, byte for byte as sent.
        if self.body.count == self.bodySize, (try? JSONParser.parse(self.body)) != nil {
            json.raw(self.body)
        } else {
            json.null()
        }

        json.key("answer")
        json.beginObject()
        json.key("kind"); json.string(self.answerKind.rawValue)
        json.key("source"); json.string(self.source.description)
        json.key("script"); self.script.map { json.string($0.name) } ?? json.null()
        json.key("scope"); self.script.map { json.string($0.scope.name) } ?? json.null()
        json.key("recording"); self.recording.map { json.string($0) } ?? json.null()
        json.endObject()
        json.key("upstream")
        if let upstream = self.upstream {
            json.beginObject()
            json.key("url"); json.string(upstream.url)
            json.key("status"); upstream.status.map { json.int($0) } ?? json.null()
            json.key("first_byte_ms"); upstream.firstByte.map { json.raw(Timestamp.milliseconds($0).utf8) } ?? json.null()
            json.key("recorded_to"); upstream.recording.map { json.string($0) } ?? json.null()
            json.endObject()
        } else {
            json.null()
        }
        json.key("near_misses")
        json.beginArray()
        for miss in self.nearMisses { miss.write(to: &json) }
        json.endArray()
        json.key("fault"); self.fault.map { json.string($0.description) } ?? json.null()
        json.key("fault_origin"); self.faultOrigin.map { json.string($0.rawValue) } ?? json.null()
        json.key("fault_applied"); self.fault == nil ? json.null() : json.bool(self.faultNotApplied == nil)
        json.key("fault_not_applied"); self.faultNotApplied.map { json.string($0) } ?? json.null()

        json.key("response")
        json.beginObject()
        json.key("status"); json.int(self.status)
        json.key("headers"); Self.write(self.responseHeaders, to: &json)
        if let body = self.responseBody {
            Self.writeBody(body, size: self.responseBodySize, key: "body", to: &json)
        } else {
            json.key("body"); json.null()
        }
        json.key("events"); json.strings(self.writes.lazy.flatMap(\.events))
        json.key("bytes"); json.int(self.writes.reduce(0) { $0 + $1.bytes })
        json.key("writes")
        json.beginArray()
        for write in self.writes {
            json.beginObject()
            json.key("at_ms"); json.raw(Timestamp.milliseconds(write.offset).utf8)
            json.key("bytes"); json.int(write.bytes)
            json.key("events"); json.strings(write.events)
            json.endObject()
        }
        json.endArray()
        json.key("writes_dropped"); json.int(self.writesDropped)
        json.endObject()

        json.key("duration_ms"); json.raw(Timestamp.milliseconds(self.duration).utf8)
        json.key("connection"); json.string(self.ending.rawValue)
        json.endObject()
    }

    /// Headers as an object by lower-cased name; repeated headers are joined with ", " as HTTP allows.
    static func write(_ headers: [(name: String, value: String)], to json: inout JSONWriter) {
        var order: [String] = []
        var values: [String: String] = [:]
        for (name, value) in headers {
            let key = name.lowercased()
            if let earlier = values[key] {
                values[key] = earlier + ", " + value
            } else {
                order.append(key)
                values[key] = value
            }
        }
        json.beginObject()
        for key in order {
            json.key(key)
            json.string(values[key] ?? "")
        }
        json.endObject()
    }

    /// `<key>` as text (invalid UTF-8 replaced), with a marker at the end when it was cut, then
    /// `<key>_bytes` (the full size) and `<key>_truncated`.
    static func writeBody(_ body: [UInt8], size: Int, key: String, to json: inout JSONWriter) {
        let truncated = body.count < size
        var text = String(decoding: body, as: UTF8.self)
        if truncated { text += "…[truncated: \(body.count) of \(size) bytes kept]" }
        json.key(key); json.string(text)
        json.key("\(key)_bytes"); json.int(size)
        json.key("\(key)_truncated"); json.bool(truncated)
    }
}

extension NearMiss {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.key("script"); json.string(self.script)
        json.key("scope"); json.string(self.scope.name)
        json.key("source"); json.string(self.source.description)
        json.key("failed"); json.strings(self.reasons)
        json.endObject()
    }
}

extension ScriptBook.Scope {
    /// `global`, or `session` for a session's own script.
    public var name: String {
        switch self {
        case .global: return "global"
        case .session: return "session"
        }
    }
}
