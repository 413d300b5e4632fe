import MockEngine
import Testing

/// The duration words every flag and fault option takes.
@Suite struct DurationSyntaxTests {
    @Test(arguments: [
        ("0", Duration.zero), ("250ms", .milliseconds(250)), ("1.5s", .milliseconds(1500)), ("30s", .seconds(30)),
        ("5m", .seconds(300)), ("1h", .seconds(3600)), ("0.5h", .seconds(1800)),
    ])
    func readsEachUnit(text: String, expected: Duration) {
        #expect(FaultSyntax.duration(text) == expected)
    }

    @Test(arguments: ["", "5", "ms", "-1s", "1d", "abc", "nans", "infh", "1e300s", "9999999999h", "1 s"])
    func refusesWhatIsNotADurationOrTooLong(text: String) {
        #expect(FaultSyntax.duration(text) == nil)
    }

    @Test func aFaultOptionTakesTheNewUnits() throws {
        #expect(try FaultSyntax.fault("stall;for=2m").fault == .stall(afterEvents: 0, duration: .seconds(120)))
    }

    @Test(arguments: [
        (Duration.zero, "0"), (.milliseconds(250), "250ms"), (.milliseconds(1500), "1500ms"), (.seconds(30), "30s"),
        (.seconds(300), "5m"), (.seconds(5400), "90m"), (.seconds(7200), "2h"),
    ])
    func writesTheShortestTextThatReadsBack(duration: Duration, expected: String) {
        #expect(FaultSyntax.text(duration) == expected)
        #expect(FaultSyntax.duration(expected) == duration)
    }
}
