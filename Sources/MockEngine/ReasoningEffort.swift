/// Fireworks' mapping of Anthropic `output_config.effort` to its `reasoning_effort`: low→low,
/// medium→medium, high→high, max→high. `xhigh`, accepted though not documented, maps to high as well.
public enum ReasoningEffort {
    public static func fireworksValue(for effort: String) -> String {
        switch effort {
        case "low": return "low"
        case "medium": return "medium"
        default: return "high"
        }
    }
}
