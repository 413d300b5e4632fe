import MessagesAPI

/// The first way an assistant turn sent back differs from the answer it came from, as a path and both values:
/// `content[1].signature: sent "…", got "…"`.
enum TurnDifference {
    /// nil when the turn equals the answer. Thinking left out is a difference only when `thinkingRequired`.
    static func first(sent: [TurnBlock], got: [TurnBlock], thinkingRequired: Bool) -> String? {
        var sent = sent
        if !thinkingRequired, !got.contains(where: Self.isThinking) { sent.removeAll(where: Self.isThinking) }
        for index in 0..<max(sent.count, got.count) {
            guard index < got.count, !Self.isThinking(sent[index]) || Self.isThinking(got[index]) else {
                let missing = sent[index]
                let why = Self.isThinking(missing) ? " (a tool loop must send it back unmodified, with its signature)" : ""
                return "content[\(index)]: the \(missing.typeName) block sent is missing\(why)"
            }
            guard index < sent.count else { return "content[\(index)]: a \(got[index].typeName) block the mock never sent" }
            if let difference = self.compare(sent[index], got[index]) { return "content[\(index)]\(difference)" }
        }
        return nil
    }

    private static func isThinking(_ block: TurnBlock) -> Bool {
        switch block {
        case .thinking, .redactedThinking: return true
        default: return false
        }
    }

    private static func compare(_ sent: TurnBlock, _ got: TurnBlock) -> String? {
        switch (sent, got) {
        case (.text(let a), .text(let b)):
            return a == b ? nil : Self.field("text", a, b)
        case (.thinking(let a, let signatureA), .thinking(let b, let signatureB)):
            if a != b { return Self.field("thinking", a, b) }
            guard let signatureB else { return ".signature: sent \(Quote(signatureA ?? "")), got none" }
            return signatureA == signatureB ? nil : Self.field("signature", signatureA ?? "", signatureB)
        case (.redactedThinking(let a), .redactedThinking(let b)):
            return a == b ? nil : Self.field("data", a, b)
        case (.toolUse(let idA, let nameA, let inputA), .toolUse(let idB, let nameB, let inputB)):
            if idA != idB { return Self.field("id", idA, idB) }
            if nameA != nameB { return Self.field("name", nameA, nameB) }
            guard Self.sameJSON(inputA, inputB) else {
                return ".input: sent \(String(decoding: CanonicalJSON.text(inputA), as: UTF8.self)), got \(String(decoding: CanonicalJSON.text(inputB), as: UTF8.self))"
            }
            return nil
        default:
            return ": sent a \(sent.typeName) block, got a \(got.typeName) block"
        }
    }

    private static func field(_ name: String, _ sent: String, _ got: String) -> String {
        ".\(name): sent \(Quote(sent)), got \(Quote(got))"
    }

    /// JSON equality as a client's round trip keeps it: key order aside, and numbers by value (`1e3` is `1000.0`).
    static func sameJSON(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)):
            return x.text == y.text || x.doubleValue == y.doubleValue
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy(Self.sameJSON)
        case (.object(let x), .object(let y)):
            guard x.members.count == y.members.count else { return false }
            return x.members.allSatisfy { member in y[member.key].map { Self.sameJSON(member.value, $0) } ?? false }
        default:
            return a == b
        }
    }
}
