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
        /// The latest s-key save: the line to show, or why it failed.
        var saved: Result<SavedWeights, SaveFailure>?
        /// The number of the latest confusion-cell request (`requestExamples`); 0 for none.
        var latestRequest = 0
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

    /// Numbers a new confusion-cell request, which makes every earlier one stale: with the weights moving
    /// each mini-batch, each request classifies the whole test set, so cells opened in quick succession
    /// (Enter, Esc, an arrow, Enter, or clicks) would otherwise queue one pass each, answered late, and
    /// closing the dashboard would wait for all of them.
    /// - Returns: the request's number, for `isLatestRequest`.
    func requestExamples() -> Int {
        queue.withLock { queue in
            queue.latestRequest += 1
            return queue.latestRequest
        }
    }

    /// Whether request `number` is still worth answering: no newer request came and the dashboard is open.
    func isLatestRequest(_ number: Int) -> Bool {
        queue.withLock { $0.accepting && $0.latestRequest == number }
    }

    /// Hands over the outcome of an s-key save written off the dashboard's thread. Dropped after the
    /// dashboard closed.
    public func deliverSaveResult(_ result: Result<SavedWeights, SaveFailure>) {
        queue.withLock { if $0.accepting { $0.saved = result } }
    }

    /// Takes the save outcome delivered since the last call, if any.
    func takeSaveResult() -> Result<SavedWeights, SaveFailure>? {
        queue.withLock { queue in
            defer { queue.saved = nil }
            return queue.saved
        }
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

/// Why a checkpoint could not be saved: the one line the save handler threw.
public struct SaveFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// The one line to show after "save failed: ".
    public let description: String

    public init(description: String) { self.description = description }
}
