import Dispatch
import LeNetEngine
import LeNetFormats
import LeNetTraining

/// Writes a run's result files (`TrainingResults.record`: metrics.csv, training_curve.svg,
/// filters_by_epoch.svg, each fsync'd and renamed into place by `AtomicFile`) on its own serial queue, so
/// the trainer's thread goes on with the next epoch instead of waiting for the disk. Epochs are written in
/// the order they were queued; `waitUntilWritten()` blocks until every queued write is done, which the run
/// calls before the process may exit.
public final class ResultsWriter: Sendable {
    /// The files' writer.
    public let results: TrainingResults
    private let queue = DispatchQueue(label: "lenet-tui.results-writer", qos: .utility)

    /// - Parameter results: the run's result files.
    public init(results: TrainingResults) {
        self.results = results
    }

    /// Queues epoch `metrics` and the weights at its end (c1's filters for filters_by_epoch.svg); returns
    /// at once.
    /// - Parameter failed: called on the writer's queue with the one-line error when a file cannot be
    ///   written (`FileWriteError`, naming the file).
    public func record(_ metrics: EpochMetrics, parameters: LeNet5Parameters,
                       failed: @escaping @Sendable (String) -> Void) {
        let results = self.results
        queue.async {
            do {
                try results.record(metrics, parameters: parameters)
            } catch {
                failed("\(error)")
            }
        }
    }

    /// Blocks until every write queued so far has finished (or failed).
    public func waitUntilWritten() {
        queue.sync {}
    }
}
