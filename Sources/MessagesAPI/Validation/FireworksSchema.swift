/// The request body Fireworks' `/v1/messages` accepts, after its published schema: only custom tools, only
/// the content blocks it lists, every object closed. Features it documents as unsupported (`service_tier`,
/// `inference_geo`, `container`, adaptive thinking, `output_config.speed`, server tools, `caller`, and the five
/// extra tool fields) are simply absent here, so they fail the way undeclared members fail.
public enum FireworksSchema {
    static let cacheControl: Schema = .object([
        .init("type", .literal("ephemeral"), required: true),
        .init("ttl", .literal("5m", "1h")),
    ])

    static let textBlock = ObjectSchema([
        .init("text", .string(StringRule(minimumLength: 1)), required: true),
        .init("cache_control", cacheControl),
        .init("citations", .array(.any)),
    ])

    static let imageSource: Schema = .tagged(
        discriminator: "type",
        choices: [
            (
                "base64",
                ObjectSchema([
                    .init(
                        "media_type", .literal("image/jpeg", "image/png", "image/gif", "image/webp"), required: true),
                    .init("data", .string(), required: true),
                ])
            ),
            ("url", ObjectSchema([.init("url", .string(), required: true)])),
        ])

    static let imageBlock = ObjectSchema([
        .init("source", imageSource, required: true),
        .init("cache_control", cacheControl),
    ])

    static let documentSource: Schema = .tagged(
        discriminator: "type",
        choices: [
            (
                "base64",
                ObjectSchema([
                    .init("media_type", .literal("application/pdf"), required: true),
                    .init("data", .string(), required: true),
                ])
            ),
            (
                "text",
                ObjectSchema([
                    .init("media_type", .literal("text/plain"), required: true),
                    .init("data", .string(), required: true),
                ])
            ),
            (
                "content",
                ObjectSchema([
                    .init(
                        "content",
                        .stringOrList(
                            .tagged(discriminator: "type", choices: [("text", textBlock), ("image", imageBlock)])),
                        required: true)
                ])
            ),
            ("url", ObjectSchema([.init("url", .string(), required: true)])),
        ])

    static let documentBlock = ObjectSchema([
        .init("source", documentSource, required: true),
        .init("cache_control", cacheControl),
        .init("citations", .object([.init("enabled", .boolean)])),
        .init("context", .string()),
        .init("title", .string(StringRule(minimumLength: 1, maximumLength: 500))),
    ])

    static let toolResultContent: Schema = .tagged(
        discriminator: "type",
        choices: [("text", textBlock), ("image", imageBlock), ("document", documentBlock)])

    /// Every block a message may carry, tagged by `type`.
    public static let contentBlock: Schema = .tagged(
        discriminator: "type",
        choices: [
            ("text", textBlock),
            ("image", imageBlock),
            ("document", documentBlock),
            (
                "thinking",
                ObjectSchema([
                    .init("thinking", .string(), required: true),
                    .init("signature", .string(), required: true),
                ])
            ),
            ("redacted_thinking", ObjectSchema([.init("data", .string(), required: true)])),
            (
                "tool_use",
                ObjectSchema([
                    .init("id", .string(StringRule(pattern: ("^[a-zA-Z0-9_-]+$", isIdentifier))), required: true),
                    .init("name", .string(StringRule(minimumLength: 1, maximumLength: 200)), required: true),
                    .init("input", .dictionary, required: true),
                    .init("cache_control", cacheControl),
                ])
            ),
            (
                "tool_result",
                ObjectSchema([
                    .init("tool_use_id", .string(), required: true),
                    .init("content", .stringOrList(toolResultContent)),
                    .init("is_error", .boolean),
                    .init("cache_control", cacheControl),
                ])
            ),
        ])

    static let message: Schema = .object([
        .init("role", .literal("user", "assistant"), required: true),
        .init("content", .stringOrList(contentBlock), required: true),
    ])

    static let tool: Schema = .object([
        .init("type", .literal("custom")),
        .init(
            "name",
            .string(StringRule(pattern: ("^[a-zA-Z0-9_-]{1,128}$", { isIdentifier($0) && $0.utf8.count <= 128 }))),
            required: true),
        .init("description", .string()),
        .init("input_schema", .object([.init("type", .literal("object"), required: true)], closed: false), required: true),
        .init("strict", .boolean),
    ])

    static let disableParallel = ObjectSchema.Field("disable_parallel_tool_use", .boolean)

    static let toolChoice: Schema = .tagged(
        discriminator: "type",
        choices: [
            ("auto", ObjectSchema([disableParallel])),
            ("any", ObjectSchema([disableParallel])),
            ("tool", ObjectSchema([.init("name", .string(), required: true), disableParallel])),
            ("none", ObjectSchema([])),
        ])

    static let thinking: Schema = .tagged(
        discriminator: "type",
        choices: [
            ("enabled", ObjectSchema([.init("budget_tokens", .integer(minimum: 1024), required: true)])),
            ("disabled", ObjectSchema([])),
        ])

    static let outputConfig: Schema = .object([
        // `xhigh` is not in the published enum, but the live endpoint has been seen accepting it.
        .init("effort", .literal("low", "medium", "high", "xhigh", "max")),
        .init(
            "format",
            .object([
                .init("type", .literal("json_schema"), required: true),
                .init("schema", .dictionary, required: true),
            ])),
    ])

    /// The top-level request object.
    public static let request: Schema = .object([
        .init("model", .string(), required: true),
        .init("messages", .array(message, minimumCount: 1), required: true),
        .init("max_tokens", .integer(minimum: 1)),
        .init("metadata", .object([.init("user_id", .string(StringRule(maximumLength: 256)))])),
        .init("stop_sequences", .array(.string())),
        .init("stream", .boolean),
        .init("system", .stringOrList(.tagged(discriminator: "type", choices: [("text", textBlock)]))),
        .init("temperature", .number(minimum: 0, maximum: 1)),
        .init("thinking", thinking),
        .init("tool_choice", toolChoice),
        .init("tools", .array(tool)),
        .init("top_k", .integer(minimum: 0)),
        .init("top_p", .number(minimum: 0, maximum: 1)),
        .init("output_config", outputConfig),
        .init("raw_output", .boolean),
    ])

    @Sendable static func isIdentifier(_ s: String) -> Bool {
        !s.isEmpty
            && s.utf8.allSatisfy { c in
                (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F
                    || c == 0x2D
            }
    }
}
