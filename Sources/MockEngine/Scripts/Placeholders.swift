import MessagesAPI

/// `{{name}}` placeholders in scripted text, filled from the request. Deliberately few; no expressions.
public enum Placeholders {
    /// The names a script may use.
    public static let known = ["last_user_text", "model", "system", "turn", "session"]

    /// Placeholder names used in `text`, in order.
    static func names(in text: String) -> [String] {
        text.matches(of: /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/).map { String($0.1) }
    }

    /// Names in `text` that are not known: each one is a script mistake.
    public static func unknown(in text: String) -> [String] {
        self.names(in: text).filter { !self.known.contains($0) }
    }

    /// `text` with every known placeholder replaced.
    public static func fill(_ text: String, facts: RequestFacts, session: String) -> String {
        guard text.contains("{{") else { return text }
        return text.replacing(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/) { match in
            switch match.1 {
            case "last_user_text": return facts.lastUserText
            case "model": return facts.model
            case "system": return facts.systemText
            case "turn": return String(facts.turn)
            case "session": return session
            default: return String(match.0)
            }
        }
    }
}
