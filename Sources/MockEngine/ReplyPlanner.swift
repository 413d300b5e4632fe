import MessagesAPI

/// Decides the answer to a request: the first script that matches it, else echo mode.
public struct ReplyPlanner: Sendable {
    /// Settings that shape every answer.
    public struct Configuration: Sendable {
        /// How streamed text and thinking are cut into deltas.
        public var textChunking: TextChunking
        /// The stream shape of every answer unless a header or script says otherwise (`--stream`).
        public var shape: StreamShape
        /// A fault applied to every answer unless a header or script says otherwise (`--fault`).
        public var fault: FaultRule?
        /// A server-wide request-rate limit (`--rate-limit N/s`).
        public var rateLimit: RateLimiter?
        /// A request no script answers gets a 404 naming the nearest scripts instead of an echo (`--strict`).
        public var strict: Bool
        /// Find the nearest scripts for a request no script answers, for the journal (implied by `strict`).
        public var reportNearMisses: Bool

        public init(
            textChunking: TextChunking = .characters(8),
            shape: StreamShape = StreamShape(),
            fault: FaultRule? = nil,
            rateLimit: RateLimiter? = nil,
            strict: Bool = false,
            reportNearMisses: Bool = false
        ) {
            self.textChunking = textChunking
            self.shape = shape
            self.fault = fault
            self.rateLimit = rateLimit
            self.strict = strict
            self.reportNearMisses = reportNearMisses
        }
    }

    /// The request headers that select a fault or a stream shape for one request.
    public static let faultHeader = "x-mock-fault"
    public static let streamHeader = "x-mock-stream"

    public var configuration: Configuration
    public var scripts: ScriptBook
    public var faults: FaultBook

    public init(configuration: Configuration = Configuration(), scripts: ScriptBook = ScriptBook(), faults: FaultBook = FaultBook()) {
        self.configuration = configuration
        self.scripts = scripts
        self.faults = faults
    }

    /// Validates a raw body and plans the answer, errors included.
    public func plan(body: some Collection<UInt8>, headers: [(name: String, value: String)] = []) -> ResponsePlan {
        switch RequestValidator.validate(body: body) {
        case .success(let request): return self.plan(for: request, headers: headers)
        case .failure(let error): return .error(error, source: .validation)
        }
    }

    /// The plan for a validated request: the answer (script or echo), then the stream shape and fault that
    /// apply to it, each taken from the request's header, else the script's reply, else the server's default.
    public func plan(for request: MessagesRequest, headers: [(name: String, value: String)] = []) -> ResponsePlan {
        if let limited = self.configuration.rateLimit?.check() { return .error(limited, source: .rateLimit) }
        var nearMisses = NearMissReport.none
        let session = headers.firstValue(named: ScriptBook.sessionHeader) ?? ""
        var scriptFault: FaultRule?
        var scriptShape: StreamShape?
        var answer: (entry: ScriptBook.Entry, reply: ScriptReply)?
        // Strict mode names the near misses in its answer; the journal shows them only when someone reads it.
        let mode: ScriptBook.NearMissMode =
            self.configuration.strict ? .now : self.configuration.reportNearMisses ? .deferred : .none
        let (decision, facts) = self.scripts.decide(for: request, headers: headers, session: session, nearMisses: mode)
        switch decision {
        case .answer(let entry, let reply):
            answer = (entry, reply)
            switch reply {
            case .message(let template): (scriptFault, scriptShape) = (template.fault, template.shape)
            case .raw(let transcript): (scriptFault, scriptShape) = (transcript.fault, transcript.shape)
            case .error: break
            }
        case .rateLimited(let entry, let limited):
            var plan = ResponsePlan.error(limited, source: .rateLimit)
            plan.script = .init(name: entry.script.name, scope: entry.scope)
            return plan
        case .noMatch(let misses):
            nearMisses = misses
        }

        var shape = scriptShape ?? self.configuration.shape
        if let text = headers.firstValue(named: Self.streamHeader) {
            do {
                shape = try FaultSyntax.shape(text)
            } catch {
                return .error(APIError(type: .invalidRequest, message: "\(Self.streamHeader): \(error.message)"), source: .header)
            }
        }
        var rule: (FaultRule, key: String, origin: FaultOrigin)? =
            scriptFault.map { ($0, "script '\(answer?.entry.script.name ?? "")'", .script) }
            ?? self.configuration.fault.map { ($0, "server", .server) }
        if let text = headers.firstValue(named: Self.faultHeader) {
            do {
                // `none` turns off the script's or the server's fault for this request.
                rule = text.trimmingWhitespace().lowercased() == "none" ? nil : (try FaultSyntax.fault(text), "header \(text)", .header)
            } catch {
                return .error(APIError(type: .invalidRequest, message: "\(Self.faultHeader): \(error.message)"), source: .header)
            }
        }
        let fault = rule.flatMap { self.faults.applies($0.0, key: $0.key, session: session) ? $0.0.fault : nil }
        let reference = answer.map { ResponsePlan.ScriptReference(name: $0.entry.script.name, scope: $0.entry.scope) }
        if case .httpError(let error)? = fault {
            var plan = ResponsePlan.error(error, source: .fault)
            plan.shape = shape
            plan.fault = fault
            plan.faultOrigin = rule?.origin
            plan.script = reference
            plan.nearMisses = nearMisses
            return plan
        }

        var plan: ResponsePlan
        switch answer {
        case nil where self.configuration.strict:
            // Strict mode answers a miss like a scripted error: faults still apply to it.
            plan = .error(Self.strictMiss(nearMisses.found, session: session), source: .strict)
        case nil:
            plan = self.plan(self.echoMessage(for: request), for: request, source: .echo, chunking: shape.chunking)
        case let (entry, reply)?:
            let source = AnswerSource.script(entry.script.name)
            // A script answered, so its facts were worked out.
            let facts = facts ?? RequestFacts(request: request, headers: headers)
            switch reply {
            case .message(let template):
                let message = template.render(for: request, facts: facts, session: session)
                plan = self.plan(message, for: request, source: source, chunking: shape.chunking)
            case .error(let error):
                plan = .error(error, source: source)
            case .raw(let transcript):
                plan = transcript.plan(source: source)
                if transcript.timing != nil { plan.recording = entry.script.source }
            }
        }
        plan.shape = shape
        plan.fault = fault
        plan.faultOrigin = fault == nil ? nil : rule?.origin
        plan.script = reference
        plan.nearMisses = nearMisses
        return plan
    }

    /// The strict-mode answer when no script matches: 404, naming the nearest scripts and why each missed.
    static func strictMiss(_ misses: [NearMiss], session: String) -> APIError {
        let scope = session.isEmpty ? "" : " in session '\(session)'"
        let detail = misses.isEmpty
            ? "no scripts are loaded"
            : "nearest: " + misses.map(\.summary).joined(separator: " | ")
        return APIError(status: 404, type: .notFound, message: "No script matched this request\(scope) (strict mode); \(detail)")
    }

    /// A message as a JSON answer, or as its stream when the request asked for one.
    func plan(_ message: ResponseMessage, for request: MessagesRequest, source: AnswerSource, chunking: TextChunking? = nil) -> ResponsePlan {
        if request.stream {
            let encoder = StreamEncoder(textChunking: chunking ?? self.configuration.textChunking)
            return .stream(encoder.events(for: message), source: source)
        }
        // Fireworks reports the prompt size in headers on non-streaming answers only.
        var plan = ResponsePlan.json(
            message.encodedBody(),
            headers: [
                ("fireworks-prompt-tokens", String(message.usage.inputTokens)),
                ("fireworks-cached-prompt-tokens", "0"),
            ],
            source: source
        )
        plan.message = message
        return plan
    }

    /// The message echo mode answers `request` with: a thinking block first when thinking is enabled, then
    /// the echoed text, cut by `stop_sequences` and by what is left of `max_tokens`.
    public func echoMessage(for request: MessagesRequest, id: String = IDGenerator.messageID()) -> ResponseMessage {
        let source = EchoReply.sourceText(of: request)
        var blocks: [OutputBlock] = []
        var budget = request.maxTokens
        if case .enabled = request.thinking {
            let thinking = EchoThinking.text(echoing: source)
            blocks.append(.thinking(thinking: thinking, signature: EchoThinking.signature(for: thinking)))
            budget = budget.map { max(0, $0 - TokenCounter.count(thinking)) }
        }
        let limited = EchoReply.limit(source, maxTokens: budget, stopSequences: request.stopSequences)
        blocks.append(.text(limited.text))
        return ResponseMessage(
            id: id,
            model: request.model,
            content: blocks,
            stopReason: limited.stopReason,
            stopSequence: limited.stopSequence,
            usage: Usage(
                inputTokens: InputTokenCount.count(request),
                outputTokens: blocks.reduce(0) { $0 + $1.tokenCount }
            ),
            rawOutput: request.rawOutput ? RawOutputBuilder.make(request: request, reply: blocks) : nil
        )
    }
}
