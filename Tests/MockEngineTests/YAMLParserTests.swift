import MessagesAPI
import MockEngine
import Testing

/// The YAML subset reads like a full YAML 1.2 reader on what script files use (expected values were produced
/// by a reference YAML library), and refuses what it does not support with the line it is on.
@Suite struct YAMLParserTests {
    static let cases: [(String, String)] = [
        ("a: 1\nb: two\nc: 'three'\nd: \"four\\n\"\ne: null\nf: true\ng: ~\nh: 1.5\ni: -7\n", "{\"a\":1,\"b\":\"two\",\"c\":\"three\",\"d\":\"four\\n\",\"e\":null,\"f\":true,\"g\":null,\"h\":1.5,\"i\":-7}"),
        ("list:\n  - 1\n  - two\n  - {x: 1, y: [a, b]}\n", "{\"list\":[1,\"two\",{\"x\":1,\"y\":[\"a\",\"b\"]}]}"),
        ("list:\n- a\n- b\nnext: c\n", "{\"list\":[\"a\",\"b\"],\"next\":\"c\"}"),
        ("- name: a\n  reply: {text: hi}\n- name: b\n  match:\n    turn: 2\n  reply:\n    text: ho\n", "[{\"name\":\"a\",\"reply\":{\"text\":\"hi\"}},{\"name\":\"b\",\"match\":{\"turn\":2},\"reply\":{\"text\":\"ho\"}}]"),
        ("text: |\n  line one\n  line two\n\n  after blank\nnext: x\n", "{\"text\":\"line one\\nline two\\n\\nafter blank\\n\",\"next\":\"x\"}"),
        ("text: |-\n  keep\n  no final\nz: 1\n", "{\"text\":\"keep\\nno final\",\"z\":1}"),
        ("text: >\n  folded\n  into one\n\n  para\nz: 2\n", "{\"text\":\"folded into one\\npara\\n\",\"z\":2}"),
        ("text: >-\n  folded\n  strip\n", "{\"text\":\"folded strip\"}"),
        ("text: |+\n  keep all\n\nz: 3\n", "{\"text\":\"keep all\\n\\n\",\"z\":3}"),
        ("text: |\n  code:\n    indented\n  back\nz: 4\n", "{\"text\":\"code:\\n  indented\\nback\\n\",\"z\":4}"),
        ("desc: a plain\n  scalar that\n  continues\nk: v\n", "{\"desc\":\"a plain scalar that continues\",\"k\":\"v\"}"),
        ("url: http://example.com:8080/path # comment\nquote: 'it''s'\nhash: 'a # b'\n", "{\"url\":\"http://example.com:8080/path\",\"quote\":\"it's\",\"hash\":\"a # b\"}"),
        ("nested:\n  deeper:\n    - - x\n      - y\n    - z\n", "{\"nested\":{\"deeper\":[[\"x\",\"y\"],\"z\"]}}"),
        ("flow: {a: [1, 2, {b: c}], 'q k': \"v, w\"}\n", "{\"flow\":{\"a\":[1,2,{\"b\":\"c\"}],\"q k\":\"v, w\"}}"),
        ("multi: [a,\n  b,\n  c]\n", "{\"multi\":[\"a\",\"b\",\"c\"]}"),
        ("# leading comment\n\nkey: value   # trailing\n\n# end\n", "{\"key\":\"value\"}"),
        ("empty_map: {}\nempty_list: []\nempty_val:\nother: 1\n", "{\"empty_map\":{},\"empty_list\":[],\"empty_val\":null,\"other\":1}"),
        ("unicode: \"\\u00e9\\t\\\\\"\nplain: café ☕\n", "{\"unicode\":\"é\\t\\\\\",\"plain\":\"café ☕\"}"),
        ("- - a\n  - b\n- c\n", "[[\"a\",\"b\"],\"c\"]"),
        ("input: {location: \"Paris, France\", unit: celsius}\n", "{\"input\":{\"location\":\"Paris, France\",\"unit\":\"celsius\"}}"),
        ("partial_json: '{\"location\": \"San Fra'\n", "{\"partial_json\":\"{\\\"location\\\": \\\"San Fra\"}"),
        ("a:\n  b:\n    c: 1\n  d: 2\ne: 3\n", "{\"a\":{\"b\":{\"c\":1},\"d\":2},\"e\":3}"),
        ("- a: 1\n  b:\n    - x\n- c: 2\n", "[{\"a\":1,\"b\":[\"x\"]},{\"c\":2}]"),
        ("x: 0x1F\ny: +5\nz: -0.25\nw: '007'\nv: 007x\n", "{\"x\":31,\"y\":5,\"z\":-0.25,\"w\":\"007\",\"v\":\"007x\"}"),
    ]

    @Test(arguments: 0..<YAMLParserTests.cases.count)
    func readsLikeAReferenceParser(index: Int) throws {
        let (yaml, expected) = Self.cases[index]
        let documents = try YAMLParser.documents(yaml)
        #expect(documents.count == 1)
        let json = String(decoding: JSONWriter.encode(documents[0]), as: UTF8.self)
        // Compare parsed values, so number spellings (1.5 vs 1.50) do not matter.
        #expect(try JSONParser.parse(json) == JSONParser.parse(expected), "\(yaml)")
    }

    @Test func documents_areSeparatedByDashes() throws {
        let documents = try YAMLParser.documents("a: 1\n---\nb: 2\n...\n---\n- x\n")
        #expect(documents.map { String(decoding: JSONWriter.encode($0), as: UTF8.self) } == [#"{"a":1}"#, #"{"b":2}"#, #"["x"]"#])
        #expect(try YAMLParser.documents("# only a comment\n").isEmpty)
    }

    @Test(arguments: [
        ("a: 1\n\tb: 2\n", "line 2: tabs cannot indent; use spaces"),
        ("a: &anchor 1\n", "line 1: anchors and aliases are not supported"),
        ("a: *anchor\n", "line 1: anchors and aliases are not supported"),
        ("a: !!str 1\n", "line 1: tags are not supported"),
        ("? complex\n: key\n", "line 1: complex keys are not supported"),
        ("a: 1\na: 2\n", "line 2: duplicate key 'a'"),
        ("a: 'open\n", "line 1: unterminated single-quoted string (quoted strings must end on their line)"),
        ("a: [1, 2\n", "line 1: a flow collection is not closed"),
        ("a: {b: 1} extra\n", "line 1: unexpected text after a flow collection: ' extra'"),
        ("a: 1\n  b: 2\n", "line 2: unexpected indentation in a mapping"),
        ("a:\n  - x\n  y: 1\n", "line 3: unexpected indentation in a mapping"),
        ("a: \"\\q\"\n", "line 1: unknown escape \\q"),
        ("just text\nkey: value\n", "line 2: unexpected text at this indentation: 'key: value'"),
    ])
    func refusesWithLine(yaml: String, message: String) {
        #expect(throws: YAMLError.self) { try YAMLParser.documents(yaml) }
        do {
            _ = try YAMLParser.documents(yaml)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func shippedExamples_parse() throws {
        let weather = try YAMLParser.documents(
            "scripts:\n  - name: w\n    match:\n      headers: {x-mock-scenario: weather}\n    reply:\n      content:\n        - type: text\n          text: \"I'll check.\"\n        - type: tool_use\n          name: get_weather\n          input: {location: \"Paris, France\", unit: celsius}\n"
        )
        #expect(
            String(decoding: JSONWriter.encode(weather[0]), as: UTF8.self)
                == #"{"scripts":[{"name":"w","match":{"headers":{"x-mock-scenario":"weather"}},"reply":{"content":[{"type":"text","text":"I'll check."},{"type":"tool_use","name":"get_weather","input":{"location":"Paris, France","unit":"celsius"}}]}}]}"#
        )
    }
}
