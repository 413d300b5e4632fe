import MessagesAPI

/// JSON with two-space indents, one member or item per line, for files people read and edit. Arrays of plain
/// values (numbers, booleans) stay on one line, so a long timing list does not run down the page.
enum PrettyJSON {
    static func bytes(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        self.write(value, indent: 0, to: &out)
        out.append(0x0A)
        return out
    }

    private static func write(_ value: JSONValue, indent: Int, to out: inout [UInt8]) {
        switch value {
        case .array(let items) where !items.isEmpty && items.allSatisfy(\.isFlat):
            out += JSONWriter.encode(value)
        case .array(let items) where !items.isEmpty:
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                self.newline(indent + 2, to: &out)
                self.write(item, indent: indent + 2, to: &out)
                if index < items.count - 1 { out.append(UInt8(ascii: ",")) }
            }
            self.newline(indent, to: &out)
            out.append(UInt8(ascii: "]"))
        case .object(let object) where !object.isEmpty:
            out.append(UInt8(ascii: "{"))
            for (index, member) in object.members.enumerated() {
                self.newline(indent + 2, to: &out)
                JSONWriter.appendQuoted(member.key, to: &out)
                out += Array(": ".utf8)
                self.write(member.value, indent: indent + 2, to: &out)
                if index < object.members.count - 1 { out.append(UInt8(ascii: ",")) }
            }
            self.newline(indent, to: &out)
            out.append(UInt8(ascii: "}"))
        default:
            out += JSONWriter.encode(value)
        }
    }

    private static func newline(_ indent: Int, to out: inout [UInt8]) {
        out.append(0x0A)
        out += [UInt8](repeating: 0x20, count: indent)
    }
}

extension JSONValue {
    /// A number, boolean or null.
    fileprivate var isFlat: Bool {
        switch self {
        case .number, .bool, .null: return true
        default: return false
        }
    }
}
