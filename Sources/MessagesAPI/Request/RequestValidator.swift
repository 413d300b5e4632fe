/// Turns a request body into a `MessagesRequest` or the error the real endpoint answers with, in its order:
/// body parse, schema (all issues at once), cross-field rules, then the model lookup.
public enum RequestValidator {
    public static func validate(body: some Collection<UInt8>) -> Result<MessagesRequest, APIError> {
        let json: JSONValue
        do {
            json = try JSONParser.parse(body)
        } catch {
            return .failure(self.invalidBody(error))
        }
        return self.validate(json: json)
    }

    public static func validate(json: JSONValue) -> Result<MessagesRequest, APIError> {
        let issues = SchemaValidator.validate(json, against: FireworksSchema.request)
        if !issues.isEmpty {
            return .failure(APIError(type: .invalidRequest, message: ValidationIssue.summary(issues)))
        }
        let request = MessagesRequest(validated: json)
        if let error = self.crossFieldError(request) {
            return .failure(error)
        }
        if !ModelID.isFireworksModel(request.model) {
            return .failure(.modelNotFound)
        }
        return .success(request)
    }

    static func invalidBody(_ failure: JSONParser.Failure) -> APIError {
        if failure.message.hasPrefix("Invalid UTF-8") || failure.message.hasPrefix("Nesting") {
            return APIError(type: .invalidRequest, message: "Invalid request body: \(failure.message)")
        }
        return APIError(
            type: .invalidRequest,
            message: "1 request validation error: JSON decode error (\(failure.message)), field: 'body'"
        )
    }

    /// Rules that span fields and so are not part of the schema.
    static func crossFieldError(_ request: MessagesRequest) -> APIError? {
        if case .enabled(let budget) = request.thinking, let maxTokens = request.maxTokens, budget >= maxTokens {
            return APIError(type: .invalidRequest, message: "`max_tokens` must be greater than `thinking.budget_tokens`.")
        }
        // Looked up once: a body may repeat a member many times, and each lookup reads them all.
        let rawMessages = request.json["messages"]?.arrayValue ?? []
        for (index, message) in request.messages.enumerated() {
            let isFinalAssistant = index == request.messages.count - 1 && message.role == .assistant
            if message.content.isEmpty && !isFinalAssistant {
                return APIError(
                    type: .invalidRequest,
                    message:
                        "messages[\(index)]: all messages must have non-empty content except for the optional final assistant message"
                )
            }
            if index < rawMessages.count, case .string(let s)? = rawMessages[index]["content"], s.isEmpty,
                !isFinalAssistant
            {
                return APIError(
                    type: .invalidRequest,
                    message:
                        "messages[\(index)]: all messages must have non-empty content except for the optional final assistant message"
                )
            }
        }
        return nil
    }
}
