import MockEngine
import Testing

/// Fireworks' mapping of `output_config.effort` to `reasoning_effort`.
@Suite struct ReasoningEffortTests {
    @Test(arguments: [("low", "low"), ("medium", "medium"), ("high", "high"), ("max", "high"), ("xhigh", "high")])
    func mapping(effort: String, expected: String) {
        #expect(ReasoningEffort.fireworksValue(for: effort) == expected)
    }
}
