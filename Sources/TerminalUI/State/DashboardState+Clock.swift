import LeNetTraining

// MARK: - The run's wall-clock time

extension DashboardState {
    /// Advances the run's clock to `now`: the nanoseconds since the previous reading count when the run is
    /// training now (phase running, not paused), waits for its pace included, so under `--pace 10` a
    /// minute reads as a minute. Pass a clock that stands still while the process is suspended
    /// (`SuspensionClock.process.now()`), so Ctrl-Z is left out as a pause is. The first reading only
    /// starts the clock. A state change between two readings is seen at the second (the dashboard reads
    /// the clock about 10 times a second).
    /// - Parameter now: monotonic nanoseconds.
    /// - Returns: whether the header's elapsed time (whole seconds) changed.
    public mutating func noteClock(now: UInt64) -> Bool {
        defer { clockReading = now }
        guard let last = clockReading, now > last, phase == .running, !isPaused else { return false }
        let before = Int(runSeconds)
        runNanoseconds += now - last
        return Int(runSeconds) != before
    }

    /// Wall-clock seconds the run has been training, waits for the pace included, pauses and suspensions
    /// left out (`noteClock`): the header's `elapsed`. Restarts with a rewind. The trainer's training time
    /// (`elapsedSeconds`: mini-batches only) is what `metrics.csv` and the epoch log count.
    public var runSeconds: Double { Double(runNanoseconds) / 1e9 }
}
