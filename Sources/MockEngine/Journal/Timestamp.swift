/// Time as the journal writes it, without Foundation.
enum Timestamp {
    /// `2026-11-25T09:41:07.123456Z` from microseconds since 1970 (UTC).
    static func rfc3339(epochMicroseconds: Int64) -> String {
        let micros = Int(epochMicroseconds % 1_000_000)
        let seconds = Int(epochMicroseconds / 1_000_000)
        let days = seconds / 86_400
        let secondOfDay = seconds % 86_400
        let (year, month, day) = self.civil(daysSinceEpoch: days)
        return "\(self.pad(year, 4))-\(self.pad(month, 2))-\(self.pad(day, 2))T\(self.pad(secondOfDay / 3600, 2)):"
            + "\(self.pad(secondOfDay / 60 % 60, 2)):\(self.pad(secondOfDay % 60, 2)).\(self.pad(micros, 6))Z"
    }

    /// Year, month and day of a day count since 1970-01-01 in the proleptic Gregorian calendar
    /// (the era-based method: 400-year eras of 146,097 days, years starting in March).
    static func civil(daysSinceEpoch: Int) -> (Int, Int, Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// A duration in milliseconds with three decimals, as a JSON number: `12.345`.
    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let micros = seconds * 1_000_000 + attoseconds / 1_000_000_000_000
        let sign = micros < 0 ? "-" : ""
        let magnitude = abs(micros)
        return "\(sign)\(magnitude / 1000).\(self.pad(Int(magnitude % 1000), 3))"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
