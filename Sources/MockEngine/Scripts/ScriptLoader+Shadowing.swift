/// Finding scripts that can never match because an earlier one takes every request they would answer.
extension ScriptLoader {
    /// A warning for each script that an earlier one shadows: the earlier script never stops matching, and its
    /// conditions are none or the very same. One pass over the scripts, keeping the first never-stopping
    /// script of each set of conditions; comparing every script with every earlier one was quadratic, which a
    /// file of a few thousand scripts made take minutes.
    static func shadowWarnings(_ scripts: [Script]) -> [ScriptProblem] {
        var warnings: [ScriptProblem] = []
        var firstUnconditional: (index: Int, script: Script)?
        var firstByConditions: [MatchRule.Conditions: (index: Int, script: Script)] = [:]
        for (index, script) in scripts.enumerated() {
            let conditions = script.match.conditions
            // The earliest of the two that shadow it, as trying scripts in order would find.
            let shadows = [firstUnconditional, firstByConditions[conditions]].compactMap { $0 }
            if let shadow = shadows.min(by: { $0.index < $1.index })?.script {
                warnings.append(
                    ScriptProblem(
                        .warning, file: script.source, script: script.name,
                        "can never match: script '\(shadow.name)' (\(shadow.source)) comes first, matches every request this one does, and never stops matching"
                    ))
            }
            guard script.times == nil, script.afterLast != .stop else { continue }
            if script.match.conditionCount == 0, firstUnconditional == nil { firstUnconditional = (index, script) }
            if firstByConditions[conditions] == nil { firstByConditions[conditions] = (index, script) }
        }
        return warnings
    }
}

extension MatchRule {
    /// Every condition of a rule, as one value: two rules with equal `conditions` match the same requests.
    struct Conditions: Hashable {
        var model: TextCondition?
        var lastUser: TextCondition?
        var system: TextCondition?
        var anyMessage: TextCondition?
        var tools: ToolCondition?
        var toolResult: ToolCondition?
        var turn: Int?
        var stream: Bool?
        var headerNames: [String]
        var headerConditions: [TextCondition]
    }

    var conditions: Conditions {
        Conditions(
            model: self.model, lastUser: self.lastUser, system: self.system, anyMessage: self.anyMessage,
            tools: self.tools, toolResult: self.toolResult, turn: self.turn, stream: self.stream,
            headerNames: self.headers.map(\.name), headerConditions: self.headers.map(\.condition))
    }
}
