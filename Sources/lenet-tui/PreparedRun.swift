import Foundation
import LeNetTraining
import MNISTData

/// Everything one training run needs, shared by `train` and the dashboard: the effective config, the
/// checkpoint resumed from, the dataset, the trainer and the writer of metrics.csv, training_curve.svg and
/// filters_by_epoch.svg.
/// Built before any output, so bad input surfaces as one error line first.
struct PreparedRun {
    let config: TrainingConfig
    let resume: Checkpoint?
    let kind: DatasetKind
    let data: TrainingData
    let control = TrainingControl()
    let trainer: Trainer
    let results: TrainingResults
    /// How the run ended; a results file that cannot be written outranks the trainer's own outcome.
    let outcome = OutcomeBox()

    /// - Parameter announce: called with the dataset just before it is loaded (the dashboard says so on
    ///   stderr, since loading and checking the checksums takes a moment).
    /// - Throws: config, checkpoint, dataset and results-directory errors, each one line.
    init(_ options: TrainOptions, announce: (DatasetKind) -> Void = { _ in }) throws {
        config = try Session.config(options)
        resume = try options.resume.map { try Checkpoint.read(from: $0) }
        kind = try Session.datasetKind(options, resume: resume)
        announce(kind)
        data = try Session.loadData(options.data, kind: kind)
        trainer = Trainer(config: config, data: data, control: control, resumeFrom: resume)
        results = try Session.trainingResults(options, config: config, kind: kind,
                                              trainImages: trainer.trainImageCount, resume: resume)
    }

    /// Adds an epoch's row to the result files. When they cannot be written the run fails: the outcome
    /// keeps the message and the trainer stops after the current mini-batch.
    /// - Returns: the one-line error, or nil when the files were written.
    func record(_ summary: EpochSummary) -> String? {
        do {
            // On the trainer's queue, after the epoch's weights were published: the snapshot is theirs.
            try results.record(EpochMetrics(summary), parameters: trainer.snapshot().parameters)
            return nil
        } catch {
            outcome.set(.failed("\(error)"))
            control.stop()
            return "\(error)"
        }
    }

    /// Starts the trainer on its background queue; `sink` gets every event; the returned semaphore is
    /// signalled once the run has ended and `outcome` holds how.
    func start(sink: @escaping @Sendable (TrainingEvent) -> Void) -> DispatchSemaphore {
        let finished = DispatchSemaphore(value: 0)
        let outcome = self.outcome
        let (trainer, results) = (self.trainer, self.results)
        trainer.start(sink: { event in
            // The weights the run starts from (initial, or the resumed checkpoint's): filters_by_epoch.svg's first row.
            if case .started = event {
                let start = trainer.snapshot()
                results.recordFilters(epoch: start.epoch, parameters: start.parameters)
            }
            sink(event)
        }, completion: { result in
            outcome.setIfEmpty(result)
            finished.signal()
        })
        return finished
    }
}
