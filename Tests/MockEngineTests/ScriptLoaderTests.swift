import MessagesAPI
import MockEngine
import Testing

/// Script files: every accepted form, and every mistake named by file, script and field.
@Suite struct ScriptLoaderTests {
    static func load(_ yaml: String, file: String = "t.yaml") -> ScriptLoader.Result {
        ScriptLoader.checked(ScriptLoader.load(bytes: Array(yaml.utf8), file: file, baseDirectory: nil))
    }

    static func messages(_ yaml: String, file: String = "t.yaml") -> [String] {
        self.load(yaml, file: file).problems.map(\.description)
    }

    @Test func singleScript_listOfScripts_scriptsKey_andDocuments() {
        #expect(Self.load("name: a\nreply: {text: hi}").scripts.map(\.name) == ["a"])
        #expect(Self.load("- name: a\n  reply: {text: hi}\n- name: b\n  reply: {text: ho}").scripts.map(\.name) == ["a", "b"])
        #expect(Self.load("scripts:\n  - name: a\n    reply: {text: hi}").scripts.map(\.name) == ["a"])
        #expect(Self.load("name: a\nreply: {text: hi}\n---\nname: b\nreply: {text: ho}").scripts.map(\.name) == ["a", "b"])
    }

    @Test func json_isAcceptedToo() {
        let result = ScriptLoader.load(
            bytes: Array(#"{"name":"j","match":{"turn":2},"replies":[{"text":"x"}]}"#.utf8), file: "s.json",
            baseDirectory: nil)
        #expect(result.problems.isEmpty)
        #expect(result.scripts.first?.match.turn == 2)
    }

    @Test func syntaxErrors_nameTheFile() {
        #expect(Self.messages("name: [unclosed").first?.hasPrefix("t.yaml: not valid YAML: ") == true)
        let json = ScriptLoader.load(bytes: Array("{".utf8), file: "s.json", baseDirectory: nil)
        #expect(json.problems.map(\.description) == ["s.json: not valid JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"])
    }

    @Test(arguments: [
        ("reply: {text: hi}", "t.yaml: name: required, a non-empty string"),
        ("name: a", "t.yaml: script 'a': replies: required: give 'reply' (one answer) or 'replies' (a list used in turn)"),
        ("name: a\nreply: {text: x}\nreplies: [{text: y}]", "t.yaml: script 'a': replies: give either 'reply' or 'replies', not both"),
        ("name: a\nreplies: []", "t.yaml: script 'a': replies: must be a non-empty list of replies"),
        ("name: a\nreply: {text: x}\nrepeat: 3", "t.yaml: script 'a': repeat: unknown field (known: after_last, description, match, name, rate_limit, replies, reply, times)"),
        ("name: a\nreply: {text: x}\nafter_last: never", "t.yaml: script 'a': after_last: must be one of: last, cycle, stop"),
        ("name: a\nreply: {text: x}\ntimes: 0", "t.yaml: script 'a': times: must be a whole number of at least 1"),
        ("name: a\nreply: {txt: x}", "t.yaml: script 'a': reply.txt: unknown field (known: content, text, stop_reason, stop_sequence, usage, fault, stream, or error, raw)"),
        ("name: a\nreply: {}", "t.yaml: script 'a': reply: a reply needs 'text', 'content', 'error' or 'raw'"),
        ("name: a\nreply: {text: x, content: [{type: text, text: y}]}", "t.yaml: script 'a': reply: give either 'text' or 'content', not both"),
        ("name: a\nreply: {content: [{type: txt, text: y}]}", "t.yaml: script 'a': reply.content[0].type: unknown block type 'txt' (known: text, thinking, redacted_thinking, tool_use)"),
        ("name: a\nreply: {content: [{type: text}]}", "t.yaml: script 'a': reply.content[0].text: required"),
        ("name: a\nreply: {content: [{type: text, text: x, extra: 1}]}", "t.yaml: script 'a': reply.content[0].extra: not a field of a text block"),
        ("name: a\nreply: {content: [{type: tool_use, name: t, input: [1]}]}", "t.yaml: script 'a': reply.content[0].input: must be a mapping"),
        ("name: a\nreply: {content: [{type: tool_use, name: t, id: 'bad id'}]}", "t.yaml: script 'a': reply.content[0].id: must match ^[a-zA-Z0-9_-]+$"),
        ("name: a\nreply: {text: x, stop_reason: done}", "t.yaml: script 'a': reply.stop_reason: must be one of: end_turn, max_tokens, stop_sequence, tool_use, pause_turn, refusal"),
        ("name: a\nreply: {text: x, stop_sequence: END}", "t.yaml: script 'a': reply.stop_sequence: must be a string, with stop_reason: stop_sequence"),
        ("name: a\nreply: {text: x, usage: {input_tokens: -1}}", "t.yaml: script 'a': reply.usage.input_tokens: must be a whole number of at least 0"),
        ("name: a\nreply: {text: x, usage: {total: 1}}", "t.yaml: script 'a': reply.usage.total: unknown counter (known: input_tokens, output_tokens)"),
        ("name: a\nreply: {text: 'hi {{user}}'}", "t.yaml: script 'a': reply.text: unknown placeholder {{user}} (known: last_user_text, model, system, turn, session)"),
        ("name: a\nreply: {error: {message: x}}", "t.yaml: script 'a': reply.error: give a status, a type, or both"),
        ("name: a\nreply: {error: {status: 200}}", "t.yaml: script 'a': reply.error.status: must be an HTTP error status from 400 to 599"),
        ("name: a\nreply: {error: {type: nope}}", "t.yaml: script 'a': reply.error.type: must be one of: invalid_request_error, authentication_error, billing_error, permission_error, not_found_error, request_too_large, rate_limit_error, api_error, timeout_error, overloaded_error"),
        ("name: a\nreply: {error: {status: 529}, text: x}", "t.yaml: script 'a': reply.text: not allowed next to 'error'"),
        ("name: a\nreply: {raw: x.sse}", "t.yaml: script 'a': reply.raw: cannot read 'x.sse': a raw transcript is read relative to --responses, and none is set"),
        ("name: a\nmatch: {model: x, lastuser: y}\nreply: {text: x}", "t.yaml: script 'a': match.lastuser: unknown condition (known: model, last_user, system, any_message, headers, tools, tool_result, turn, stream, request)"),
        ("name: a\nmatch: {last_user: {regex: '('}}\nreply: {text: x}", "t.yaml: script 'a': match.last_user.regex: not a valid regular expression"),
        ("name: a\nmatch: {last_user: {like: x}}\nreply: {text: x}", "t.yaml: script 'a': match.last_user.like: unknown test (known: equals, contains, glob, regex)"),
        ("name: a\nmatch: {turn: 0}\nreply: {text: x}", "t.yaml: script 'a': match.turn: must be a whole number of at least 1 (the count of user messages)"),
        ("name: a\nmatch: {stream: maybe}\nreply: {text: x}", "t.yaml: script 'a': match.stream: must be true or false"),
        ("name: a\nmatch: {tools: 3}\nreply: {text: x}", "t.yaml: script 'a': match.tools: must be true, false or a tool name"),
        ("name: a\nmatch: {headers: [x]}\nreply: {text: x}", "t.yaml: script 'a': match.headers: must be a mapping of header name to value"),
        ("name: a\nmatch: nothing\nreply: {text: x}", "t.yaml: script 'a': match: must be a mapping of conditions"),
    ])
    func eachMistake_hasItsMessage(yaml: String, expected: String) {
        let messages = Self.messages(yaml)
        #expect(messages.contains { $0.hasPrefix(expected) }, "got \(messages)")
    }

    @Test func everyMistakeIsReported_notJustTheFirst() {
        let messages = Self.messages("name: a\nreply: {text: x, stop_reason: done, usage: {total: 1}}\ntimes: 0")
        #expect(messages.count == 3)
        #expect(Self.load("name: a\nreply: {text: x, stop_reason: done}").scripts.isEmpty)
    }

    @Test func duplicateNames_areErrors() {
        let result = Self.load("- name: a\n  reply: {text: x}\n- name: a\n  reply: {text: y}")
        #expect(result.errors.map(\.description) == ["t.yaml: script 'a': name: already used by a script in t.yaml"])
    }

    @Test func shadowedScripts_areWarnings() {
        let catchAll = Self.load("- name: all\n  reply: {text: x}\n- name: later\n  match: {turn: 1}\n  reply: {text: y}")
        #expect(catchAll.errors.isEmpty)
        #expect(
            catchAll.warnings.map(\.description) == [
                "warning: t.yaml: script 'later': can never match: script 'all' (t.yaml) comes first, matches every request this one does, and never stops matching"
            ])
        let same = Self.load("- name: a\n  match: {turn: 1}\n  reply: {text: x}\n- name: b\n  match: {turn: 1}\n  reply: {text: y}")
        #expect(same.warnings.count == 1)
        let limited = Self.load("- name: a\n  times: 1\n  reply: {text: x}\n- name: b\n  reply: {text: y}")
        #expect(limited.warnings.isEmpty)
        let different = Self.load("- name: a\n  match: {turn: 1}\n  reply: {text: x}\n- name: b\n  match: {turn: 2}\n  reply: {text: y}")
        #expect(different.warnings.isEmpty)
    }

    @Test func yamlScalars_keepTheirTypes() throws {
        let result = Self.load(
            "name: a\nreply:\n  content:\n    - type: tool_use\n      name: t\n      input: {n: 3, f: 1.5, b: true, z: null, s: '3', q: \"true\"}")
        let script = try #require(result.scripts.first)
        guard case .message(let template) = script.replies[0], case .toolUse(_, _, let input, _) = template.content[0] else {
            Issue.record("not a tool_use")
            return
        }
        #expect(String(decoding: JSONWriter.encode(input), as: UTF8.self) == #"{"n":3,"f":1.5,"b":true,"z":null,"s":"3","q":"true"}"#)
    }

    @Test func shippedResponses_loadCleanly() {
        let result = ScriptLoader.load(directory: "responses")
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(result.scripts.count >= 8)
    }

    @Test func missingDirectory_isAnError() {
        #expect(ScriptLoader.load(directory: "/no/such/dir").errors.map(\.description) == ["/no/such/dir: does not exist"])
        #expect(ScriptLoader.load(directory: "/etc/hostname").errors.map(\.description) == ["/etc/hostname: not a directory"])
    }
}
