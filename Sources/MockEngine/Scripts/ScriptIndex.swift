/// Which scripts of a list can answer a request, worked out from its headers alone: the list's positions of
/// scripts with no header condition, and of those whose first header condition the request can meet. A book
/// of a thousand scripts each gated by `x-mock-scenario` then costs one header lookup for a request without
/// the header, not a thousand tries.
struct ScriptIndex: Sendable {
    /// The scripts that need one header (the first header condition each has).
    struct Gate: Sendable {
        var name: String
        /// Scripts that want exactly this value, by value.
        var byValue: [String: [Int]] = [:]
        /// Scripts with any other condition on the header (contains, glob, regex).
        var anyValue: [Int] = []
    }

    /// Positions of scripts without a header condition.
    private(set) var open: [Int] = []
    private(set) var gates: [Gate] = []
    /// Every script's conditions, by position, apart from the rest of each script. Tried through a buffer
    /// pointer, a rule is used in place; read out of its script (or out of the array), it was copied, every
    /// string in it retained and released, which cost more than the try itself.
    let rules: [MatchRule]

    init(_ entries: [ScriptBook.Entry]) {
        self.rules = entries.map(\.script.match)
        var gateOf: [String: Int] = [:]
        for (position, entry) in entries.enumerated() {
            guard let first = entry.script.match.headers.first else {
                self.open.append(position)
                continue
            }
            let gate: Int
            if let known = gateOf[first.name] {
                gate = known
            } else {
                gate = self.gates.count
                gateOf[first.name] = gate
                self.gates.append(Gate(name: first.name))
            }
            if case .equals(let value) = first.condition {
                self.gates[gate].byValue[value, default: []].append(position)
            } else {
                self.gates[gate].anyValue.append(position)
            }
        }
    }

    /// Positions of the scripts worth trying, in list order; `header` gives a request header's first value by
    /// lower-cased name. Every other script fails a header condition, so it cannot answer.
    func candidates(header: (String) -> String?) -> [Int] {
        var found = self.open
        var added = false
        for gate in self.gates {
            guard let value = header(gate.name) else { continue }
            found += gate.anyValue
            found += gate.byValue[value] ?? []
            added = true
        }
        // Each part is in order; together they need sorting back into trial order.
        if added { found.sort() }
        return found
    }
}
