extension ReplyPlanner {
    /// Drops what every named session idle since `cutoff` holds (its scripts, sequence counts and fault counts);
    /// returns the sessions dropped, sorted. A dropped session that comes back starts afresh.
    public func expireSessions(idleSince cutoff: ContinuousClock.Instant) -> [String] {
        let dropped = Set(self.scripts.expireSessions(idleSince: cutoff))
            .union(self.faults.expireSessions(idleSince: cutoff))
        return dropped.sorted()
    }
}
