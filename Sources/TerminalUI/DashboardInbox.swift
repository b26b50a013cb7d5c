import LeNetEngine
import LeNetTraining

// MARK: - The dashboard's inbox

/// The dashboard's thread-safe side: what reaches it from other threads, queued until its run loop takes
/// it on its own thread: the trainer's events, and the answer of work the dashboard handed to a background
/// queue (the confusion browser's test images). Everything else of the dashboard (`DashboardState`, the
/// driver, the use of the pad's predictors) stays on the dashboard's thread.
public final class DashboardInbox: Sendable {
    private struct Queued {
        var events: [TrainingEvent] = []
        /// The latest classified confusion cell; an older answer is of no use once a newer one arrived.
        var examples: (found: ConfusionCellExamples, cell: ConfusionCell)?
        var accepting = true
    }

    private let queue = Locked(Queued())

    public init() {}

    /// Queues a trainer event. Cheap; call it from the trainer's queue. Dropped after the dashboard closed.
    @Sendable public func post(_ event: TrainingEvent) {
        queue.withLock { if $0.accepting { $0.events.append(event) } }
    }

    /// Hands over the test images of confusion cell `cell`, classified off the dashboard's thread (it
    /// shows "classifying…" until they arrive). Dropped after the dashboard closed.
    public func deliver(_ found: ConfusionCellExamples, for cell: ConfusionCell) {
        queue.withLock { if $0.accepting { $0.examples = (found, cell) } }
    }

    /// Takes the queued trainer events, oldest first.
    func drain() -> [TrainingEvent] {
        queue.withLock { queue in
            let events = queue.events
            queue.events.removeAll(keepingCapacity: true)
            return events
        }
    }

    /// Takes the confusion cell's images delivered since the last call, if any.
    func takeExamples() -> (found: ConfusionCellExamples, cell: ConfusionCell)? {
        queue.withLock { queue in
            defer { queue.examples = nil }
            return queue.examples
        }
    }

    /// Stops accepting and drops what is queued (the dashboard has closed).
    func close() {
        queue.withLock { $0 = Queued(accepting: false) }
    }
}
