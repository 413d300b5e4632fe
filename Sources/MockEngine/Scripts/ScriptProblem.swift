/// A mistake (or a doubt) found in a script file, named by file, script and field so it can be fixed
/// without hunting: `responses/weather.yaml: script 'weather': replies[1].content[0].type: unknown block type 'txt'`.
public struct ScriptProblem: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: Sendable, Equatable {
        case error
        /// Loading goes on; the script probably does not do what its author meant.
        case warning
    }

    public var severity: Severity
    public var file: String
    public var script: String?
    public var field: String?
    public var message: String

    public init(_ severity: Severity = .error, file: String, script: String? = nil, field: String? = nil, _ message: String) {
        self.severity = severity
        self.file = file
        self.script = script
        self.field = field
        self.message = message
    }

    public var description: String {
        var text = self.severity == .warning ? "warning: \(self.file): " : "\(self.file): "
        if let script = self.script { text += "script '\(script)': " }
        if let field = self.field, !field.isEmpty { text += "\(field): " }
        return text + self.message
    }
}
