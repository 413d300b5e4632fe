import MessagesAPI
import MockEngine
import Testing

/// Script files arrive over the admin API too, so the YAML reader must stay safe on any text: nesting is
/// refused past the JSON parser's limit instead of overflowing the stack, and large files are read in time
/// proportional to their size (each case below crashed or took minutes before; found by fuzzing). The time
/// limit guards against a hang; it measures nothing.
@Suite(.timeLimit(.minutes(1))) struct YAMLParserLimitsTests {
    static let tooDeep = "nesting deeper than \(JSONParser.defaultMaximumDepth) levels"

    /// `line N: message` of the error reading `yaml` gives, or nil when it reads.
    static func error(_ yaml: String) -> String? {
        do {
            _ = try YAMLParser.documents(yaml)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func deepFlowCollections_areRefused() {
        let depth = 100_000
        let yaml = "a: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
        #expect(Self.error(yaml) == "line 1: \(Self.tooDeep)")
    }

    @Test func deepBlockSequences_areRefused() {
        let yaml = String(repeating: "- ", count: 20_000) + "x\n"
        #expect(Self.error(yaml) == "line 1: \(Self.tooDeep)")
    }

    @Test func deepBlockMappings_areRefused() {
        let depth = JSONParser.defaultMaximumDepth + 1
        let yaml = (0..<depth).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n") + " x\n"
        #expect(Self.error(yaml) == "line \(depth): \(Self.tooDeep)")
    }

    @Test func nestingUpToTheLimit_isRead() throws {
        let depth = JSONParser.defaultMaximumDepth
        let flow = "a: " + String(repeating: "[", count: depth - 1) + String(repeating: "]", count: depth - 1) + "\n"
        #expect(try YAMLParser.documents(flow).count == 1)
        let block = String(repeating: "- ", count: depth) + "x\n"
        #expect(try YAMLParser.documents(block).count == 1)
    }

    @Test func aFlowCollectionOverManyLines_isReadOnce() throws {
        let count = 20_000
        let yaml = "a: [\n" + String(repeating: "  x,\n", count: count) + "  y]\nb: 1\n"
        let document = try #require(try YAMLParser.documents(yaml).first)
        #expect(document["a"]?.arrayValue?.count == count + 1)
        #expect(document["b"] == .number(JSONNumber(1)))
    }

    @Test func aFlowCollectionOverManyLines_keepsItsErrors() {
        #expect(Self.error("a: [\n  x,\n  'open\n  ]\n")?.hasPrefix("line 1: unterminated single-quoted string") == true)
        #expect(Self.error("a: [\n  x,\n  y\n") == "line 1: a flow collection is not closed")
        #expect(Self.error("a: [x,\n  y] z\n")?.hasPrefix("line 1: unexpected text after a flow collection") == true)
    }

    @Test func manyKeys_andALateDuplicate() {
        let count = 60_000
        let block = (0..<count).map { "k\($0): v" }.joined(separator: "\n") + "\nk0: again\n"
        #expect(Self.error(block) == "line \(count + 1): duplicate key 'k0'")
        let flow = "a: {" + (0..<count).map { "k\($0): 1" }.joined(separator: ", ") + ", k0: 2}\n"
        #expect(Self.error(flow) == "line 1: duplicate key 'k0'")
    }
}
