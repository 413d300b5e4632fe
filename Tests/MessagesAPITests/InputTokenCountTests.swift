import MessagesAPI
import Testing

@Suite struct InputTokenCountTests {
    static func count(_ json: String) throws -> Int {
        InputTokenCount.count(try RequestValidator.validate(body: Array(json.utf8)).get())
    }

    @Test func systemMessagesAndTools() throws {
        #expect(try Self.count(#"{"model":"accounts/a/models/b","messages":[{"role":"user","content":"Say hello"}]}"#) == 6)
        #expect(try Self.count(#"{"model":"accounts/a/models/b","system":"Be brief","messages":[{"role":"user","content":"Hi"}]}"#) == 3 + 3 + 1)
        let tools = #"{"model":"accounts/a/models/b","tools":[{"name":"get","description":"Gets","input_schema":{"type":"object"}}],"messages":[{"role":"user","content":"Hi"}]}"#
        // tool: 3 + "get" 1 + "Gets" 1 + {"type":"object"}: 7 symbols, type 1, object 2
        #expect(try Self.count(tools) == 4 + 3 + 1 + 1 + 10)
    }

    @Test func blockKinds() throws {
        let json = #"{"model":"accounts/a/models/b","messages":[{"role":"user","content":[{"type":"image","source":{"type":"url","url":"http://x"}},{"type":"text","text":"see"}]},{"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"look","input":{}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"done"}]}]}"#
        // user: 3 + image 256 + see 1; assistant: 3 + look 1 + {} 2; user: 3 + done 1
        #expect(try Self.count(json) == 3 + 256 + 1 + 3 + 1 + 2 + 3 + 1)
    }
}
