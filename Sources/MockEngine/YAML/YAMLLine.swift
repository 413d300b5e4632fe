/// One physical line of a YAML text: its 1-based number, its indentation, and the text after it.
struct YAMLLine {
    var number: Int
    var indent: Int
    var text: Substring

    /// Splits a text into lines; tabs may not indent (YAML forbids them there).
    static func lines(of text: String) throws(YAMLError) -> [YAMLLine] {
        var result: [YAMLLine] = []
        var number = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            var line = raw
            if line.last == "\r" { line.removeLast() }
            let indent = line.prefix(while: { $0 == " " }).count
            let rest = line.dropFirst(indent)
            if rest.first == "\t" && !rest.allSatisfy({ $0 == "\t" || $0 == " " }) {
                throw YAMLError(line: number, "tabs cannot indent; use spaces")
            }
            result.append(YAMLLine(number: number, indent: indent, text: rest))
        }
        return result
    }

    /// Blank, or only a comment.
    var isBlank: Bool {
        let trimmed = self.text.drop(while: { $0 == " " || $0 == "\t" })
        return trimmed.isEmpty || trimmed.first == "#"
    }

    /// A `- ` sequence entry (or a lone `-`).
    var isSequenceEntry: Bool {
        self.text == "-" || self.text.hasPrefix("- ") || self.text.hasPrefix("-\t")
    }
}

/// A YAML text that could not be read, with the line it was found on.
public struct YAMLError: Error, Equatable, CustomStringConvertible {
    public var line: Int
    public var message: String

    init(line: Int, _ message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(self.line): \(self.message)" }
}
