// MARK: - Pace: how many mini-batches per second the trainer may run

/// An upper bound on the mini-batches trained per second, so a run can be slowed down to be watched and
/// talked over (the dashboard's `<` and `>`, `--pace N`, config key `pace`). The trainer waits before a
/// mini-batch until `interval` seconds have passed since the previous one started; the wait is a timed
/// wait on the control's condition (no busy loop) and is counted in neither the training time nor
/// images/s.
public struct TrainingPace: Sendable, Hashable, CustomStringConvertible {
    /// Mini-batches per second, or 0 for full speed (no waiting).
    public let batchesPerSecond: Int

    /// The allowed paces, fastest first: full speed (0), then 200, 50, 10, 2 and 1 mini-batches per second.
    public static let allowed = [0, 200, 50, 10, 2, 1]

    /// No waiting: every mini-batch starts as soon as the previous one ended.
    public static let fullSpeed = TrainingPace(uncheckedBatchesPerSecond: 0)

    /// The pace of `batchesPerSecond` mini-batches per second (0 = full speed), or nil when it is not one
    /// of `allowed`.
    public init?(batchesPerSecond: Int) {
        guard Self.allowed.contains(batchesPerSecond) else { return nil }
        self.batchesPerSecond = batchesPerSecond
    }

    private init(uncheckedBatchesPerSecond: Int) {
        batchesPerSecond = uncheckedBatchesPerSecond
    }

    /// Whether the trainer runs without waiting.
    public var isFullSpeed: Bool { batchesPerSecond == 0 }

    /// Seconds from the start of one mini-batch to the earliest start of the next (nil at full speed).
    public var interval: Double? { isFullSpeed ? nil : 1 / Double(batchesPerSecond) }

    /// The next slower pace in `allowed` (`<`); the slowest, 1 per second, stays.
    public var slower: TrainingPace { step(by: 1) }

    /// The next faster pace in `allowed` (`>`); full speed stays.
    public var faster: TrainingPace { step(by: -1) }

    private func step(by offset: Int) -> TrainingPace {
        let index = Self.allowed.firstIndex(of: batchesPerSecond) ?? 0
        let next = min(max(index + offset, 0), Self.allowed.count - 1)
        return TrainingPace(uncheckedBatchesPerSecond: Self.allowed[next])
    }

    /// `full speed`, or `10/s` (mini-batches per second), as a header shows it.
    public var description: String { isFullSpeed ? "full speed" : "\(batchesPerSecond)/s" }

    /// The allowed values as error messages list them: `0 (full speed), 200, 50, 10, 2 or 1`.
    public static var allowedText: String {
        let names = allowed.map { $0 == 0 ? "0 (full speed)" : String($0) }
        return names.dropLast().joined(separator: ", ") + " or " + names.last!
    }
}
