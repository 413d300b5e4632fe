/// Finding scripts that can never match because an earlier one takes every request they would answer.
extension ScriptLoader {
    /// A warning for each script that an earlier one shadows: the earlier script never stops matching, and its
    /// conditions are none or the very same (equal `MatchRule`s: equality compares every condition). One pass
    /// over the scripts, keeping the first never-stopping script of each rule; comparing every script with
    /// every earlier one was quadratic, which a file of a few thousand scripts made take minutes.
    static func shadowWarnings(_ scripts: [Script]) -> [ScriptProblem] {
        var warnings: [ScriptProblem] = []
        var firstUnconditional: (index: Int, script: Script)?
        var firstByRule: [MatchRule: (index: Int, script: Script)] = [:]
        for (index, script) in scripts.enumerated() {
            // The earliest of the two that shadow it, as trying scripts in order would find.
            let shadows = [firstUnconditional, firstByRule[script.match]].compactMap { $0 }
            if let shadow = shadows.min(by: { $0.index < $1.index })?.script {
                warnings.append(
                    ScriptProblem(
                        .warning, file: script.source, script: script.name,
                        "can never match: script '\(shadow.name)' (\(shadow.source)) comes first, matches every request this one does, and never stops matching"
                    ))
            }
            guard script.times == nil, script.afterLast != .stop else { continue }
            if script.match.conditionCount == 0, firstUnconditional == nil { firstUnconditional = (index, script) }
            if firstByRule[script.match] == nil { firstByRule[script.match] = (index, script) }
        }
        return warnings
    }
}
