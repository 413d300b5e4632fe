import MessagesAPI
import Testing

/// The request schema, one rule per case, through the validator, with the whole message the endpoint sends.
@Suite struct FireworksSchemaTests {
    static func one(_ issue: String) -> String { "1 request validation error: " + issue }

    // MARK: Required members and their types

    @Test func missingModel() {
        #expect(Wire.message(#"{"messages":\#(Wire.hello)}"#) == Self.one("Field required, field: 'model'"))
    }

    @Test func missingMessages() {
        #expect(Wire.message(#"{"model":"\#(Wire.model)"}"#) == Self.one("Field required, field: 'messages'"))
    }

    @Test func missingBoth() {
        #expect(Wire.message("{}") == "2 request validation errors: Field required, field: 'model'; Field required, field: 'messages'")
    }

    @Test func modelNotAString() {
        #expect(Wire.message(#"{"model":5,"messages":\#(Wire.hello)}"#) == Self.one("Input should be a valid string, field: 'model', value: 5"))
        #expect(Wire.message(#"{"model":null,"messages":\#(Wire.hello)}"#) == Self.one("Input should be a valid string, field: 'model', value: None"))
    }

    @Test func messagesNotAList() {
        #expect(Wire.message(#"{"model":"\#(Wire.model)","messages":"hi"}"#) == Self.one("Input should be a valid list, field: 'messages', value: 'hi'"))
    }

    @Test func emptyMessages() {
        #expect(
            Wire.message(#"{"model":"\#(Wire.model)","messages":[]}"#)
                == Self.one("List should have at least 1 item after validation, not 0, field: 'messages', value: []"))
    }

    @Test func bodyNotAnObject() {
        #expect(Wire.message("[1]") == Self.one("Input should be a valid dictionary or object to extract fields from, field: '', value: [1]"))
        #expect(Wire.message(#""text""#) == Self.one("Input should be a valid dictionary or object to extract fields from, field: '', value: 'text'"))
    }

    // MARK: Scalars, strict and lax

    @Test(arguments: [
        #""max_tokens":"64""#, #""max_tokens":64.0"#, #""max_tokens":1e3"#, #""max_tokens":null"#,
        #""stream":"true""#, #""stream":"false""#, #""stream":1"#, #""stream":0"#, #""stream":"yes""#, #""stream":false"#,
        #""stream":null"#, #""temperature":"0.5""#, #""temperature":0"#, #""temperature":1"#, #""top_k":"5""#,
        #""raw_output":"on""#, #""max_tokens":1"#,
    ])
    func laxScalars_areAccepted(member: String) {
        #expect(Wire.error(Wire.request(member, maxTokens: nil)) == nil)
    }

    @Test(arguments: [
        (#""max_tokens":64.5"#, "Input should be a valid integer, got a number with a fractional part, field: 'max_tokens', value: 64.5"),
        (#""max_tokens":"abc""#, "Input should be a valid integer, unable to parse string as an integer, field: 'max_tokens', value: 'abc'"),
        (#""max_tokens":"64.5""#, "Input should be a valid integer, unable to parse string as an integer, field: 'max_tokens', value: '64.5'"),
        (#""max_tokens":[64]"#, "Input should be a valid integer, field: 'max_tokens', value: [64]"),
        (#""max_tokens":0"#, "Input should be greater than or equal to 1, field: 'max_tokens', value: 0"),
        (#""max_tokens":-5"#, "Input should be greater than or equal to 1, field: 'max_tokens', value: -5"),
        (#""stream":"maybe""#, "Input should be a valid boolean, unable to interpret input, field: 'stream', value: 'maybe'"),
        (#""stream":[]"#, "Input should be a valid boolean, field: 'stream', value: []"),
        (#""stream":0.5"#, "Input should be a valid boolean, field: 'stream', value: 0.5"),
        (#""temperature":1.5"#, "Input should be less than or equal to 1, field: 'temperature', value: 1.5"),
        (#""temperature":-0.1"#, "Input should be greater than or equal to 0, field: 'temperature', value: -0.1"),
        (#""temperature":"hot""#, "Input should be a valid number, unable to parse string as a number, field: 'temperature', value: 'hot'"),
        (#""top_p":-0.1"#, "Input should be greater than or equal to 0, field: 'top_p', value: -0.1"),
        (#""top_p":2"#, "Input should be less than or equal to 1, field: 'top_p', value: 2"),
        (#""top_k":-1"#, "Input should be greater than or equal to 0, field: 'top_k', value: -1"),
        (#""top_k":1.5"#, "Input should be a valid integer, got a number with a fractional part, field: 'top_k', value: 1.5"),
        (#""raw_output":"maybe""#, "Input should be a valid boolean, unable to interpret input, field: 'raw_output', value: 'maybe'"),
        (#""stop_sequences":"END""#, "Input should be a valid list, field: 'stop_sequences', value: 'END'"),
        (#""stop_sequences":["END",1]"#, "Input should be a valid string, field: 'stop_sequences[1]', value: 1"),
    ])
    func scalarRules(member: String, issue: String) {
        #expect(Wire.message(Wire.request(member, maxTokens: nil)) == Self.one(issue))
    }

    @Test func maxTokens_asAStringWithAZeroFraction() {
        #expect(Wire.error(Wire.request(#""max_tokens":"64.0""#, maxTokens: nil)) == nil)
    }

    @Test func stream_integralNumberOtherThanZeroOrOne() {
        #expect(
            Wire.message(Wire.request(#""stream":2"#))
                == Self.one("Input should be a valid boolean, unable to interpret input, field: 'stream', value: 2"))
    }

    @Test(arguments: [
        #""system":null"#, #""tools":null"#, #""stop_sequences":null"#, #""temperature":null"#, #""top_p":null"#,
        #""top_k":null"#, #""metadata":null"#, #""thinking":null"#, #""tool_choice":null"#, #""output_config":null"#,
        #""raw_output":null"#, #""stream":null"#, #""metadata":{"user_id":null}"#,
        #""output_config":{"effort":null,"format":null}"#,
    ])
    func nullOptionalMembers_areAccepted(member: String) {
        #expect(Wire.error(Wire.request(member)) == nil)
    }

    // MARK: metadata, system

    @Test func metadata() {
        #expect(Wire.error(Wire.request(#""metadata":{"user_id":"\#(String(repeating: "u", count: 256))"}"#)) == nil)
        #expect(
            Wire.message(Wire.request(#""metadata":{"user_id":"u","tier":"gold"}"#))
                == Self.one("Extra inputs are not permitted, field: 'metadata.tier', value: 'gold'"))
        #expect(
            Wire.message(Wire.request(#""metadata":"x""#))
                == Self.one("Input should be a valid dictionary or object to extract fields from, field: 'metadata', value: 'x'"))
    }

    @Test func metadataUserID_longerThan256_isCutInTheMessage() {
        let message = Wire.message(Wire.request(#""metadata":{"user_id":"\#(String(repeating: "u", count: 257))"}"#))
        // 'uuu…' is 259 characters of repr; the first 200 are kept.
        #expect(message == Self.one("String should have at most 256 characters, field: 'metadata.user_id', value: '" + String(repeating: "u", count: 199) + "..."))
    }

    @Test func system() {
        #expect(Wire.error(Wire.request(#""system":"Be brief""#)) == nil)
        #expect(Wire.error(Wire.request(#""system":[{"type":"text","text":"A","cache_control":{"type":"ephemeral","ttl":"1h"}}]"#)) == nil)
        #expect(
            Wire.message(Wire.request(#""system":5"#))
                == "2 request validation errors: Input should be a valid string, field: 'system.str', value: 5; Input should be a valid list, field: 'system.list', value: 5")
        #expect(
            Wire.message(Wire.request(#""system":[{"type":"image","source":{"type":"url","url":"u"}}]"#))
                == Self.one("Input tag 'image' found using 'type' does not match any of the expected tags: 'text', field: 'system[0]'"))
        #expect(
            Wire.message(Wire.request(#""system":[{"type":"text","text":""}]"#))
                == Self.one("String should have at least 1 character, field: 'system[0].text.text', value: ''"))
        #expect(
            Wire.message(Wire.request(#""system":[{"type":"text","text":"A","cache_control":{"type":"ephemeral","ttl":"2h"}}]"#))
                == Self.one("Input should be '5m' or '1h', field: 'system[0].text.cache_control.ttl', value: '2h'"))
    }

    // MARK: Unknown members: how unsupported features fail

    @Test(arguments: [
        (#""service_tier":"auto""#, "Extra inputs are not permitted, field: 'service_tier', value: 'auto'"),
        (#""inference_geo":"us""#, "Extra inputs are not permitted, field: 'inference_geo', value: 'us'"),
        (#""container":"container_1""#, "Extra inputs are not permitted, field: 'container', value: 'container_1'"),
        (#""container":{"id":"c"}"#, "Extra inputs are not permitted, field: 'container'"),
        (#""cache_control":{"type":"ephemeral"}"#, "Extra inputs are not permitted, field: 'cache_control'"),
        (#""mcp_servers":[]"#, "Extra inputs are not permitted, field: 'mcp_servers', value: []"),
        (#""speed":"fast""#, "Extra inputs are not permitted, field: 'speed', value: 'fast'"),
        (#""output_config":{"speed":"fast"}"#, "Extra inputs are not permitted, field: 'output_config.speed', value: 'fast'"),
    ])
    func unknownTopLevelMembers(member: String, issue: String) {
        #expect(Wire.message(Wire.request(member)) == Self.one(issue))
    }

    // MARK: output_config, thinking, tool_choice

    @Test func outputConfig() {
        for effort in ["low", "medium", "high", "xhigh", "max"] {
            #expect(Wire.error(Wire.request(#""output_config":{"effort":"\#(effort)"}"#)) == nil)
        }
        #expect(Wire.error(Wire.request(#""output_config":{"format":{"type":"json_schema","schema":{"type":"object"}}}"#)) == nil)
        #expect(
            Wire.message(Wire.request(#""output_config":{"effort":"huge"}"#))
                == Self.one("Input should be 'low', 'medium', 'high', 'xhigh' or 'max', field: 'output_config.effort', value: 'huge'"))
        #expect(
            Wire.message(Wire.request(#""output_config":{"format":{"type":"json_schema"}}"#))
                == Self.one("Field required, field: 'output_config.format.schema'"))
        #expect(
            Wire.message(Wire.request(#""output_config":{"format":{"type":"text","schema":{}}}"#))
                == Self.one("Input should be 'json_schema', field: 'output_config.format.type', value: 'text'"))
    }

    @Test(arguments: [
        (#""thinking":{"type":"adaptive"}"#, "Input tag 'adaptive' found using 'type' does not match any of the expected tags: 'enabled', 'disabled', field: 'thinking'"),
        (#""thinking":{"budget_tokens":2000}"#, "Unable to extract tag using discriminator 'type', field: 'thinking'"),
        (#""thinking":{"type":"enabled","budget_tokens":1023}"#, "Input should be greater than or equal to 1024, field: 'thinking.enabled.budget_tokens', value: 1023"),
        (#""thinking":{"type":"enabled"}"#, "Field required, field: 'thinking.enabled.budget_tokens'"),
        (#""thinking":{"type":"enabled","budget_tokens":1024,"display":"omitted"}"#, "Extra inputs are not permitted, field: 'thinking.enabled.display', value: 'omitted'"),
        (#""thinking":{"type":"disabled","budget_tokens":1024}"#, "Extra inputs are not permitted, field: 'thinking.disabled.budget_tokens', value: 1024"),
        (#""thinking":"on""#, "Input should be a valid dictionary or object to extract fields from, field: 'thinking', value: 'on'"),
    ])
    func thinking(member: String, issue: String) {
        #expect(Wire.message(Wire.request(member)) == Self.one(issue))
    }

    @Test func thinking_valid() {
        #expect(Wire.error(Wire.request(#""thinking":{"type":"enabled","budget_tokens":1024}"#)) == nil)
        #expect(Wire.error(Wire.request(#""thinking":{"type":"enabled","budget_tokens":"1500"}"#)) == nil)
        #expect(Wire.error(Wire.request(#""thinking":{"type":"disabled"}"#)) == nil)
    }

    @Test(arguments: [
        (#""tool_choice":{"type":"some"}"#, "Input tag 'some' found using 'type' does not match any of the expected tags: 'auto', 'any', 'tool', 'none', field: 'tool_choice'"),
        (#""tool_choice":{"type":"tool"}"#, "Field required, field: 'tool_choice.tool.name'"),
        (#""tool_choice":{"type":"none","disable_parallel_tool_use":true}"#, "Extra inputs are not permitted, field: 'tool_choice.none.disable_parallel_tool_use', value: True"),
        (#""tool_choice":{"type":"auto","disable_parallel_tool_use":"maybe"}"#, "Input should be a valid boolean, unable to interpret input, field: 'tool_choice.auto.disable_parallel_tool_use', value: 'maybe'"),
        (#""tool_choice":"auto""#, "Input should be a valid dictionary or object to extract fields from, field: 'tool_choice', value: 'auto'"),
    ])
    func toolChoice(member: String, issue: String) {
        #expect(Wire.message(Wire.request(member)) == Self.one(issue))
    }

    @Test func toolChoice_valid() {
        for choice in [#"{"type":"auto"}"#, #"{"type":"any","disable_parallel_tool_use":true}"#, #"{"type":"tool","name":"t"}"#, #"{"type":"none"}"#] {
            #expect(Wire.error(Wire.request(#""tool_choice":\#(choice)"#)) == nil)
        }
    }

    // MARK: Tools

    static func tools(_ tools: String) -> String? {
        Wire.message(Wire.request(#""tools":\#(tools)"#))
    }

    static let baseTool = #""name":"get_weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}"#

    @Test func tool_valid() {
        #expect(Self.tools("[{\(Self.baseTool)}]") == nil)
        #expect(Self.tools(#"[{"type":"custom","description":"Weather","strict":true,\#(Self.baseTool)}]"#) == nil)
        #expect(Self.tools(#"[{"type":null,\#(Self.baseTool)}]"#) == nil)
        #expect(Self.tools("[]") == nil)
    }

    @Test(arguments: [
        (#""cache_control":{"type":"ephemeral"}"#, "Extra inputs are not permitted, field: 'tools[0].cache_control'"),
        (#""eager_input_streaming":true"#, "Extra inputs are not permitted, field: 'tools[0].eager_input_streaming', value: True"),
        (#""allowed_callers":["direct"]"#, "Extra inputs are not permitted, field: 'tools[0].allowed_callers', value: ['direct']"),
        (#""defer_loading":true"#, "Extra inputs are not permitted, field: 'tools[0].defer_loading', value: True"),
        (#""input_examples":[{"city":"Paris"}]"#, "Extra inputs are not permitted, field: 'tools[0].input_examples', value: [{'city': 'Paris'}]"),
    ])
    func tool_unsupportedMembers(member: String, issue: String) {
        #expect(Self.tools("[{\(Self.baseTool),\(member)}]") == Self.one(issue))
    }

    @Test func tool_allFiveUnsupportedMembers_inRequestOrder() {
        let tool = #"{"eager_input_streaming":true,\#(Self.baseTool),"input_examples":[],"cache_control":{"type":"ephemeral"},"defer_loading":false,"allowed_callers":["direct"]}"#
        #expect(
            Self.tools("[\(tool)]")
                == "5 request validation errors: "
                + "Extra inputs are not permitted, field: 'tools[0].eager_input_streaming', value: True; "
                + "Extra inputs are not permitted, field: 'tools[0].input_examples', value: []; "
                + "Extra inputs are not permitted, field: 'tools[0].cache_control'; "
                + "Extra inputs are not permitted, field: 'tools[0].defer_loading', value: False; "
                + "Extra inputs are not permitted, field: 'tools[0].allowed_callers', value: ['direct']")
    }

    @Test func serverTool() {
        #expect(
            Self.tools(#"[{"type":"web_search_20250305","name":"web_search","max_uses":5}]"#)
                == "3 request validation errors: Input should be 'custom', field: 'tools[0].type', value: 'web_search_20250305'; "
                + "Field required, field: 'tools[0].input_schema'; "
                + "Extra inputs are not permitted, field: 'tools[0].max_uses', value: 5")
    }

    @Test func tool_name() {
        #expect(
            Self.tools(#"[{"name":"bad name","input_schema":{"type":"object"}}]"#)
                == Self.one("String should match pattern '^[a-zA-Z0-9_-]{1,128}$', field: 'tools[0].name', value: 'bad name'"))
        #expect(
            Self.tools(#"[{"name":"","input_schema":{"type":"object"}}]"#)
                == Self.one("String should match pattern '^[a-zA-Z0-9_-]{1,128}$', field: 'tools[0].name', value: ''"))
        let long = String(repeating: "a", count: 129)
        #expect(
            Self.tools(#"[{"name":"\#(long)","input_schema":{"type":"object"}}]"#)
                == Self.one("String should match pattern '^[a-zA-Z0-9_-]{1,128}$', field: 'tools[0].name', value: '\(long)'"))
        #expect(Self.tools(#"[{"name":"\#(String(repeating: "a", count: 128))","input_schema":{"type":"object"}}]"#) == nil)
        #expect(Self.tools(#"[{"name":"A-z_0-9","input_schema":{"type":"object"}}]"#) == nil)
        #expect(Self.tools(#"[{"input_schema":{"type":"object"}}]"#) == Self.one("Field required, field: 'tools[0].name'"))
    }

    @Test func tool_inputSchema() {
        #expect(
            Self.tools(#"[{"name":"t","input_schema":{"properties":{}}}]"#)
                == Self.one("Field required, field: 'tools[0].input_schema.type'"))
        #expect(
            Self.tools(#"[{"name":"t","input_schema":{"type":"array"}}]"#)
                == Self.one("Input should be 'object', field: 'tools[0].input_schema.type', value: 'array'"))
        #expect(
            Self.tools(#"[{"name":"t","input_schema":"object"}]"#)
                == Self.one("Input should be a valid dictionary or object to extract fields from, field: 'tools[0].input_schema', value: 'object'"))
    }

    @Test func tool_otherTypes() {
        #expect(
            Self.tools(#"[{"name":"t","description":5,"input_schema":{"type":"object"}}]"#)
                == Self.one("Input should be a valid string, field: 'tools[0].description', value: 5"))
        #expect(
            Self.tools(#"[{"name":"t","strict":"maybe","input_schema":{"type":"object"}}]"#)
                == Self.one("Input should be a valid boolean, unable to interpret input, field: 'tools[0].strict', value: 'maybe'"))
        #expect(Self.tools(#"{"name":"t"}"#) == Self.one("Input should be a valid list, field: 'tools'"))
    }

    @Test func tool_issuesNameTheirIndex() {
        #expect(
            Self.tools(#"[{\#(Self.baseTool)},{"name":"t2","input_schema":{"type":"object"},"defer_loading":true}]"#)
                == Self.one("Extra inputs are not permitted, field: 'tools[1].defer_loading', value: True"))
    }

    // MARK: Messages and content blocks

    static func messages(_ messages: String) -> String? {
        Wire.message(Wire.request(messages: messages))
    }

    @Test(arguments: [
        (#"[{"role":"system","content":"x"}]"#, "Input should be 'user' or 'assistant', field: 'messages[0].role', value: 'system'"),
        (#"[{"role":"User","content":"x"}]"#, "Input should be 'user' or 'assistant', field: 'messages[0].role', value: 'User'"),
        (#"[{"content":"hi"}]"#, "Field required, field: 'messages[0].role'"),
        (#"[{"role":"user"}]"#, "Field required, field: 'messages[0].content'"),
        (#"[{"role":"user","content":"hi","name":"bob"}]"#, "Extra inputs are not permitted, field: 'messages[0].name', value: 'bob'"),
        (#"["hi"]"#, "Input should be a valid dictionary or object to extract fields from, field: 'messages[0]', value: 'hi'"),
    ])
    func messageShape(messages: String, issue: String) {
        #expect(Self.messages(messages) == Self.one(issue))
    }

    @Test func content_neitherStringNorList() {
        #expect(
            Self.messages(#"[{"role":"user","content":5}]"#)
                == "2 request validation errors: Input should be a valid string, field: 'messages[0].content.str', value: 5; Input should be a valid list, field: 'messages[0].content.list', value: 5")
        #expect(
            Self.messages(#"[{"role":"user","content":null}]"#)
                == "2 request validation errors: Input should be a valid string, field: 'messages[0].content.str', value: None; Input should be a valid list, field: 'messages[0].content.list', value: None")
        #expect(
            Self.messages(#"[{"role":"user","content":{"type":"text","text":"hi"}}]"#)
                == "2 request validation errors: Input should be a valid string, field: 'messages[0].content.str'; Input should be a valid list, field: 'messages[0].content.list'")
    }

    @Test(arguments: [
        (#"[{"role":"user","content":[{"type":"text","text":""}]}]"#, "String should have at least 1 character, field: 'messages[0].content[0].text.text', value: ''"),
        (#"[{"role":"user","content":[{"type":"text"}]}]"#, "Field required, field: 'messages[0].content[0].text.text'"),
        (#"[{"role":"user","content":[{"text":"hi"}]}]"#, "Unable to extract tag using discriminator 'type', field: 'messages[0].content[0]'"),
        (#"[{"role":"user","content":[{"type":"search_result"}]}]"#, "Input tag 'search_result' found using 'type' does not match any of the expected tags: 'text', 'image', 'document', 'thinking', 'redacted_thinking', 'tool_use', 'tool_result', field: 'messages[0].content[0]'"),
        (#"[{"role":"user","content":[{"type":"mid_conv_system","content":[]}]}]"#, "Input tag 'mid_conv_system' found using 'type' does not match any of the expected tags: 'text', 'image', 'document', 'thinking', 'redacted_thinking', 'tool_use', 'tool_result', field: 'messages[0].content[0]'"),
        (#"[{"role":"user","content":[{"type":"text","text":"a","cache_control":{"type":"persistent"}}]}]"#, "Input should be 'ephemeral', field: 'messages[0].content[0].text.cache_control.type', value: 'persistent'"),
        (#"[{"role":"user","content":[{"type":"text","text":"a","citations":"x"}]}]"#, "Input should be a valid list, field: 'messages[0].content[0].text.citations', value: 'x'"),
        (#"[{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/bmp","data":"x"}}]}]"#, "Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp', field: 'messages[0].content[0].image.source.base64.media_type', value: 'image/bmp'"),
        (#"[{"role":"user","content":[{"type":"image","source":{"type":"url"}}]}]"#, "Field required, field: 'messages[0].content[0].image.source.url.url'"),
        (#"[{"role":"user","content":[{"type":"image","source":{"type":"file","file_id":"f"}}]}]"#, "Input tag 'file' found using 'type' does not match any of the expected tags: 'base64', 'url', field: 'messages[0].content[0].image.source'"),
        (#"[{"role":"user","content":[{"type":"document","source":{"type":"base64","media_type":"text/plain","data":"x"}}]}]"#, "Input should be 'application/pdf', field: 'messages[0].content[0].document.source.base64.media_type', value: 'text/plain'"),
        (#"[{"role":"user","content":[{"type":"document","source":{"type":"text","media_type":"text/plain","data":"x"},"title":""}]}]"#, "String should have at least 1 character, field: 'messages[0].content[0].document.title', value: ''"),
    ])
    func userBlocks(messages: String, issue: String) {
        #expect(Self.messages(messages) == Self.one(issue))
    }

    @Test func userBlocks_valid() {
        let blocks = [
            #"{"type":"text","text":"a","cache_control":{"type":"ephemeral","ttl":"5m"},"citations":[]}"#,
            #"{"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBOR"}}"#,
            #"{"type":"image","source":{"type":"url","url":"https://example.com/a.png"}}"#,
            #"{"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBER"}}"#,
            #"{"type":"document","source":{"type":"text","media_type":"text/plain","data":"plain"},"title":"T","context":"c","citations":{"enabled":true}}"#,
            #"{"type":"document","source":{"type":"content","content":[{"type":"text","text":"inner"}]}}"#,
            #"{"type":"document","source":{"type":"url","url":"https://example.com/a.pdf"}}"#,
        ]
        #expect(Self.messages(#"[{"role":"user","content":[\#(blocks.joined(separator: ","))]}]"#) == nil)
    }

    static func afterToolUse(_ block: String) -> String {
        #"[{"role":"user","content":"hi"},{"role":"assistant","content":[\#(block)]}]"#
    }

    @Test func toolUseBlocks() {
        #expect(Self.messages(Self.afterToolUse(#"{"type":"tool_use","id":"toolu_01-A_b","name":"x","input":{}}"#)) == nil)
        #expect(
            Self.messages(Self.afterToolUse(#"{"type":"tool_use","id":"t1","name":"x","input":{},"caller":{"type":"direct"}}"#))
                == Self.one("Extra inputs are not permitted, field: 'messages[1].content[0].tool_use.caller'"))
        #expect(
            Self.messages(Self.afterToolUse(#"{"type":"tool_use","id":"bad id!","name":"x","input":{}}"#))
                == Self.one("String should match pattern '^[a-zA-Z0-9_-]+$', field: 'messages[1].content[0].tool_use.id', value: 'bad id!'"))
        #expect(
            Self.messages(Self.afterToolUse(#"{"type":"tool_use","id":"t1","name":"x","input":"x"}"#))
                == Self.one("Input should be a valid dictionary, field: 'messages[1].content[0].tool_use.input', value: 'x'"))
        #expect(
            Self.messages(Self.afterToolUse(#"{"type":"tool_use","id":"t1","name":"","input":{}}"#))
                == Self.one("String should have at least 1 character, field: 'messages[1].content[0].tool_use.name', value: ''"))
        #expect(
            Self.messages(Self.afterToolUse(#"{"type":"tool_use","id":"t1","name":"x"}"#))
                == Self.one("Field required, field: 'messages[1].content[0].tool_use.input'"))
    }

    @Test func thinkingBlocks() {
        #expect(Self.messages(Self.afterToolUse(#"{"type":"thinking","thinking":"t","signature":"s"},{"type":"redacted_thinking","data":"d"}"#)) == nil)
        #expect(
            Self.messages(Self.afterToolUse(#"{"type":"thinking","thinking":"t"}"#))
                == Self.one("Field required, field: 'messages[1].content[0].thinking.signature'"))
        #expect(
            Self.messages(Self.afterToolUse(#"{"type":"redacted_thinking"}"#))
                == Self.one("Field required, field: 'messages[1].content[0].redacted_thinking.data'"))
    }

    @Test func toolResultBlocks() {
        func result(_ block: String) -> String {
            #"[{"role":"user","content":"hi"},{"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"x","input":{}}]},{"role":"user","content":[\#(block)]}]"#
        }
        #expect(Self.messages(result(#"{"type":"tool_result","tool_use_id":"t1","content":"ok","is_error":false}"#)) == nil)
        #expect(Self.messages(result(#"{"type":"tool_result","tool_use_id":"t1"}"#)) == nil)
        #expect(Self.messages(result(#"{"type":"tool_result","tool_use_id":"t1","content":[{"type":"text","text":"ok"},{"type":"image","source":{"type":"url","url":"u"}}]}"#)) == nil)
        #expect(
            Self.messages(result(#"{"type":"tool_result","tool_use_id":"t1","content":[{"type":"search_result"}]}"#))
                == Self.one("Input tag 'search_result' found using 'type' does not match any of the expected tags: 'text', 'image', 'document', field: 'messages[2].content[0].tool_result.content[0]'"))
        #expect(
            Self.messages(result(#"{"type":"tool_result","tool_use_id":"t1","is_error":"maybe"}"#))
                == Self.one("Input should be a valid boolean, unable to interpret input, field: 'messages[2].content[0].tool_result.is_error', value: 'maybe'"))
        #expect(
            Self.messages(result(#"{"type":"tool_result","content":"ok"}"#))
                == Self.one("Field required, field: 'messages[2].content[0].tool_result.tool_use_id'"))
    }

    // MARK: Several problems at once

    @Test func severalProblems_declaredFieldsFirstThenExtrasInRequestOrder() {
        let json = #"{"zeta":1,"messages":[{"role":"bot","content":"x"}],"alpha":2,"model":7}"#
        #expect(
            Wire.message(json)
                == "4 request validation errors: Input should be a valid string, field: 'model', value: 7; "
                + "Input should be 'user' or 'assistant', field: 'messages[0].role', value: 'bot'; "
                + "Extra inputs are not permitted, field: 'zeta', value: 1; "
                + "Extra inputs are not permitted, field: 'alpha', value: 2")
    }

    @Test func severalProblems_declarationOrderNotRequestOrder() {
        // The request writes top_k before max_tokens; the schema declares max_tokens first.
        let json = #"{"top_k":-1,"model":"\#(Wire.model)","service_tier":"auto","max_tokens":0,"messages":\#(Wire.hello),"temperature":9}"#
        #expect(
            Wire.message(json)
                == "4 request validation errors: Input should be greater than or equal to 1, field: 'max_tokens', value: 0; "
                + "Input should be less than or equal to 1, field: 'temperature', value: 9; "
                + "Input should be greater than or equal to 0, field: 'top_k', value: -1; "
                + "Extra inputs are not permitted, field: 'service_tier', value: 'auto'")
    }

    @Test func severalProblems_acrossTools() {
        let tools = #"[{\#(Self.baseTool),"eager_input_streaming":true},{\#(Self.baseTool),"cache_control":{"type":"ephemeral"},"eager_input_streaming":true}]"#
        #expect(
            Self.tools(tools)
                == "3 request validation errors: Extra inputs are not permitted, field: 'tools[0].eager_input_streaming', value: True; "
                + "Extra inputs are not permitted, field: 'tools[1].cache_control'; "
                + "Extra inputs are not permitted, field: 'tools[1].eager_input_streaming', value: True")
    }

    @Test func severalProblems_areAllA400() {
        let error = Wire.error(#"{"model":1,"messages":2}"#)
        #expect(error?.status == 400)
        #expect(error?.type == .invalidRequest)
    }
}
