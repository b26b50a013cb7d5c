// MARK: - Chart points

/// One or more consecutive sparkline points (`BatchSampler`) of the training loss and accuracy, summed, with
/// the epochs they come from: a point of the recent window, a slot of the whole run, or a chart column.
public struct ChartSlot: Sendable, Equatable {
    /// Sums over the slot's points: loss in nats, accuracy as a fraction 0...1.
    public var lossSum: Double
    public var accuracySum: Double
    /// Points summed.
    public var count: Int
    /// Epochs of the first and the last point.
    public var firstEpoch: Int
    public var lastEpoch: Int
    /// Whether the first point is the first of `firstEpoch` (so `firstEpoch` starts in this slot).
    public var startsEpoch: Bool

    /// One point.
    public init(loss: Double, accuracy: Double, epoch: Int, startsEpoch: Bool) {
        lossSum = loss
        accuracySum = accuracy
        count = 1
        firstEpoch = epoch
        lastEpoch = epoch
        self.startsEpoch = startsEpoch
    }

    /// Mean loss (nats) and accuracy (0...1) of the slot's points.
    public var loss: Double { lossSum / Double(count) }
    public var accuracy: Double { accuracySum / Double(count) }

    /// The epochs that start inside the slot: every epoch after its first, and the first when it starts here.
    public var startingEpochs: ClosedRange<Int>? {
        let first = startsEpoch ? firstEpoch : firstEpoch + 1
        return first <= lastEpoch ? first...lastEpoch : nil
    }

    /// Adds the points of `next`, which follow this slot's.
    public mutating func absorb(_ next: ChartSlot) {
        lossSum += next.lossSum
        accuracySum += next.accuracySum
        count += next.count
        lastEpoch = next.lastEpoch
    }
}

// MARK: - Chart history

/// The sparklines' memory: the most recent points one by one (the recent window), and the whole run at a
/// resolution that halves whenever it fills (pairs of slots merge), so a run of any length costs at most
/// `wholeCapacity` slots.
public struct ChartHistory: Sendable, Equatable {
    /// Points kept one by one (more than the widest sparkline shows).
    public let recentCapacity: Int
    /// Slots of the whole run at most; at 40 points per epoch, 2,048 slots hold 51 epochs point by point.
    public let wholeCapacity: Int
    /// The newest points, oldest first.
    public private(set) var recent: [ChartSlot] = []
    /// The whole run, oldest first: full slots of `pointsPerSlot` points each.
    public private(set) var whole: [ChartSlot] = []
    /// Points per slot of `whole` (1, then 2, 4, ... as the run outgrows the capacity).
    public private(set) var pointsPerSlot = 1
    /// The whole run's slot being filled (fewer than `pointsPerSlot` points).
    public private(set) var filling: ChartSlot?
    /// Points appended since the run started.
    public private(set) var count = 0

    public init(recentCapacity: Int = 512, wholeCapacity: Int = 2048) {
        self.recentCapacity = max(1, recentCapacity)
        self.wholeCapacity = max(2, wholeCapacity / 2 * 2)
    }

    /// Appends one finished point.
    public mutating func append(_ point: ChartSlot) {
        count += 1
        if recent.count == recentCapacity { recent.removeFirst() }
        recent.append(point)
        if var slot = filling { slot.absorb(point); filling = slot } else { filling = point }
        guard let slot = filling, slot.count >= pointsPerSlot else { return }
        whole.append(slot)
        filling = nil
        if whole.count == wholeCapacity {
            whole = stride(from: 0, to: whole.count, by: 2).map { i in
                var pair = whole[i]
                pair.absorb(whole[i + 1])
                return pair
            }
            pointsPerSlot *= 2
        }
    }

    /// The recent window's last `width` points, with `pending` (the unfinished point) last.
    public func recentSlots(width: Int, pending: ChartSlot?) -> [ChartSlot] {
        guard width > 0 else { return [] }
        let all = pending.map { Array(recent.suffix(width - 1)) + [$0] } ?? recent
        return Array(all.suffix(width))
    }

    /// The whole run's slots, the unfinished one (`filling` with `pending`) last.
    public func wholeSlots(pending: ChartSlot?) -> [ChartSlot] {
        var tail = filling
        if let pending { if tail == nil { tail = pending } else { tail!.absorb(pending) } }
        return tail.map { whole + [$0] } ?? whole
    }
}

// MARK: - Chart columns

/// What a sparkline panel draws: a value per column and where the epochs start and end.
public struct ChartColumns: Sendable, Equatable {
    /// Mean training loss (nats) and accuracy (0...1) per column, oldest first.
    public var loss: [Double] = []
    public var accuracy: [Double] = []
    /// The columns where an epoch starts, with its number, left to right.
    public var epochStarts: [(column: Int, epoch: Int)] = []
    /// For each epoch shown, the last column holding its points.
    public var epochEnds: [Int: Int] = [:]

    public init() {}

    /// The columns for `slots` in `width` columns: one column per slot when they fit, else `width` columns
    /// of consecutive slots, merged (column c holds slots c·n/width up to (c+1)·n/width).
    public init(slots: [ChartSlot], width: Int) {
        guard width > 0, !slots.isEmpty else { return }
        let n = slots.count
        let columns = min(n, width)
        for c in 0..<columns {
            let range = n <= width ? c..<(c + 1) : (c * n / width)..<((c + 1) * n / width)
            var column = slots[range.lowerBound]
            for slot in slots[range].dropFirst() { column.absorb(slot) }
            // Starts come from the slots, so an epoch starting mid-column is marked where it starts.
            for slot in slots[range] {
                guard let starting = slot.startingEpochs else { continue }
                for epoch in starting where epochStarts.last?.epoch != epoch { epochStarts.append((c, epoch)) }
            }
            loss.append(column.loss)
            accuracy.append(column.accuracy)
            for epoch in column.firstEpoch...max(column.firstEpoch, column.lastEpoch) { epochEnds[epoch] = c }
        }
    }

    public static func == (a: ChartColumns, b: ChartColumns) -> Bool {
        a.loss == b.loss && a.accuracy == b.accuracy && a.epochEnds == b.epochEnds
            && a.epochStarts.map(\.column) == b.epochStarts.map(\.column)
            && a.epochStarts.map(\.epoch) == b.epochStarts.map(\.epoch)
    }
}
