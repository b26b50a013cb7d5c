import Foundation
import LeNetFormats
import LeNetTraining
import MNISTData

/// Everything one training run needs, shared by `train` and the dashboard: the effective config, the
/// checkpoint resumed from, the dataset, the trainer, the writer of metrics.csv / training_curve.svg /
/// filters_by_epoch.svg and the locks on the checkpoint and results directory. Built before any output, so
/// bad input (paths included) surfaces as one error line before the first epoch.
struct PreparedRun {
    let config: TrainingConfig
    let resume: Checkpoint?
    let kind: DatasetKind
    let data: TrainingData
    let control = TrainingControl()
    let trainer: Trainer
    let results: TrainingResults
    /// Held while the run lives: a second run on the same checkpoint or results directory fails at once.
    let locks: [RunLock]
    /// How the run ended; a results file that cannot be written outranks the trainer's own outcome.
    let outcome = Locked<TrainingOutcome>()
    /// The first failed write to stdout or stderr; training is stopped when it happens.
    let outputFault = Locked<StreamWriteFault>()

    /// - Parameters:
    ///   - manualSavePath: the file the dashboard's s key writes, checked like the checkpoint (nil: none).
    ///   - announce: called with the dataset just before it is loaded (the dashboard says so on stderr,
    ///     since loading and checking the checksums takes a moment).
    /// - Throws: path, config, resume, checkpoint, dataset, lock and results errors, each one line;
    ///   `NothingToDo` when a resumed checkpoint already has every epoch.
    init(_ options: TrainOptions, manualSavePath: ((String) -> String)? = nil,
         announce: (DatasetKind) throws -> Void = { _ in }) throws {
        try checkPathFlags(options.pathFlags)
        let file = try Session.configFile(options)
        if let resumePath = options.resume {
            let checkpoint = try Checkpoint.read(from: resumePath)
            let plan = try ResumePlan(checkpoint: checkpoint, path: resumePath, flags: options.overrides,
                                      file: options.config == nil ? nil : file)
            config = plan.config
            resume = checkpoint
            kind = try Session.datasetKind(options, resume: checkpoint)
            if plan.isFinished {
                throw NothingToDo(path: resumePath, epoch: plan.completedEpochs, epochs: config.epochs)
            }
        } else {
            config = try (file?.config ?? .defaults).applying(options.overrides)
            resume = nil
            kind = try Session.datasetKind(options, resume: nil)
        }
        // Every output path is checked before anything is made, then the directories are made and locked.
        let checkpointSubject = Session.checkpointSubject(options, file: file, path: config.checkpoint)
        let checkpointFile = try OutputPaths.checkFile(config.checkpoint, subject: checkpointSubject)
        if let manualSavePath {
            let path = manualSavePath(config.checkpoint)
            try OutputPaths.checkFile(path, subject: "\(path) (written by the s key)")
        }
        let resultsSubject = "--results \(options.results)"
        try OutputPaths.checkDirectory(options.results, subject: resultsSubject)
        for name in [TrainingResults.metricsFileName, TrainingResults.curveFileName] {
            try OutputPaths.checkReplaceable((options.results as NSString).appendingPathComponent(name))
        }
        try OutputPaths.createDirectory(OutputPaths.parent(of: checkpointFile), subject: checkpointSubject)
        let checkpointLock = try RunLock.acquire(RunLock.lockPath(forFile: checkpointFile), subject: checkpointSubject,
                                                 what: "checkpoint")
        try OutputPaths.createDirectory(options.results, subject: resultsSubject)
        locks = [checkpointLock, try RunLock.acquire(RunLock.lockPath(forDirectory: options.results),
                                                     subject: resultsSubject, what: "results directory")]
        try announce(kind)
        data = try Session.loadData(options.data, kind: kind)
        control.setPace(config.pace)
        trainer = Trainer(config: config, data: data, control: control, resumeFrom: resume)
        results = try Session.trainingResults(options, config: config, kind: kind,
                                              trainImages: trainer.trainImageCount, resume: resume)
    }

    /// Adds an epoch's row to the result files (written in the background, overlapped with the next
    /// epoch). When an epoch's files cannot be written the run fails at the next epoch's end (or when the
    /// run ends): the outcome keeps the message and the trainer stops after the current mini-batch.
    /// - Returns: the one-line error, or nil when no write has failed so far.
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

    /// Prints a line from the trainer's queue. When stdout (or stderr) fails, the fault is kept, nothing
    /// more is printed and the trainer stops after the current mini-batch; the epoch checkpoint being
    /// written is finished first, so it stays intact. `finish()` then exits with the fault.
    func emit(_ line: String) {
        guard outputFault.get() == nil else { return }
        do {
            try printLine(line)
        } catch {
            outputFault.setIfEmpty(error)
            control.stop()
        }
    }

    /// Starts the trainer on its background queue; `sink` gets every event; the returned semaphore is
    /// signalled once the run has ended and `outcome` holds how.
    func start(sink: @escaping @Sendable (TrainingEvent) -> Void) -> DispatchSemaphore {
        let finished = DispatchSemaphore(value: 0)
        let outcome = self.outcome
        let (trainer, results) = (self.trainer, self.results)
        trainer.start(sink: { event in
            // The weights the run starts from (initial, or the resumed checkpoint's, or the initial ones again
            // after a rewind): filters_by_epoch.svg's first row.
            switch event {
            case .started, .rewound:
                let start = trainer.snapshot()
                results.recordFilters(epoch: start.epoch, parameters: start.parameters)
            default:
                break
            }
            sink(event)
        }, completion: { result in
            // The result files are written in the background (`TrainingResults`): wait for the last epoch's.
            do { try results.flush() } catch { outcome.set(.failed("\(error)")) }
            outcome.setIfEmpty(result)
            finished.signal()
        })
        return finished
    }

    /// After the trainer ended: rethrows an output fault (which ends the process cleanly), and lets go of
    /// the locks.
    func finish() throws(StreamWriteFault) {
        for lock in locks { lock.release() }
        if let fault = outputFault.get() { throw fault }
    }
}

/// `--resume` of a checkpoint that already has the epochs asked for: said on stderr, exit status 0.
struct NothingToDo: Error, CustomStringConvertible {
    let path: String
    let epoch: Int
    let epochs: Int

    var description: String {
        "nothing to do: the checkpoint is already at epoch \(epoch) (\(path), --epochs \(epochs)); "
            + "pass a larger --epochs to train further"
    }
}

/// A value shared between the trainer's queue and the main thread, behind a lock.
final class Locked<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value?

    /// Replaces the value.
    func set(_ newValue: Value) { lock.lock(); value = newValue; lock.unlock() }
    /// Keeps an earlier value (e.g. a results file that could not be written) over a later one.
    func setIfEmpty(_ newValue: Value) { lock.lock(); if value == nil { value = newValue }; lock.unlock() }
    /// The value, nil when none was set.
    func get() -> Value? { lock.lock(); defer { lock.unlock() }; return value }
}
