import Dispatch
import Foundation
import LeNetEngine
import LeNetFormats
import LeNetTraining
import MNISTData

/// Everything one training run needs, shared by `train` and the dashboard: the effective config, the
/// checkpoint resumed from, the dataset, the trainer, the writer of metrics.csv / training_curve.svg /
/// filters_by_epoch.svg and the locks on the checkpoint and results directory. Built before any output, so
/// bad input (paths included) surfaces as one error line before the first epoch.
public struct PreparedRun: Sendable {
    public let config: TrainingConfig
    public let resume: Checkpoint?
    public let kind: DatasetKind
    public let data: TrainingData
    public let control = TrainingControl()
    public let trainer: Trainer
    public let results: TrainingResults
    /// Writes the result files off the trainer's thread (`record`); `finish()` waits for it.
    let writer: ResultsWriter
    /// Held while the run lives: a second run on the same checkpoint or results directory fails at once.
    let locks: [RunLock]
    /// How the run ended (nil while it runs); a results file that cannot be written outranks the trainer's
    /// own outcome.
    public let outcome = Locked<TrainingOutcome?>(nil)
    /// The first failed write to stdout or stderr; training is stopped when it happens.
    let outputFault = Locked<StreamWriteFault?>(nil)

    /// - Parameters:
    ///   - manualSavePath: the file the dashboard's s key writes, checked like the checkpoint (nil: none).
    ///   - announce: called with the dataset just before it is loaded (the dashboard says so on stderr,
    ///     since loading and checking the checksums takes a moment).
    /// - Throws: path, config, resume, checkpoint, dataset, lock and results errors, each one line;
    ///   `NothingToDo` when a resumed checkpoint already has every epoch.
    public init(_ request: TrainingRequest, manualSavePath: ((String) -> String)? = nil,
                announce: (DatasetKind) throws -> Void = { _ in }) throws {
        try checkPathFlags(request.pathFlags)
        let file = try Session.configFile(request)
        if let resumePath = request.resume {
            let checkpoint = try Checkpoint.read(from: resumePath)
            let plan = try ResumePlan(checkpoint: checkpoint, path: resumePath, flags: request.overrides,
                                      file: request.config == nil ? nil : file)
            config = plan.config
            resume = checkpoint
            kind = try Session.datasetKind(request, resume: checkpoint)
            if plan.isFinished {
                throw NothingToDo(path: resumePath, epoch: plan.completedEpochs, epochs: config.epochs)
            }
        } else {
            config = try (file?.config ?? .defaults).applying(request.overrides)
            resume = nil
            kind = try Session.datasetKind(request, resume: nil)
        }
        // Every output path is checked before anything is made, then the directories are made and locked.
        let checkpointSubject = Session.checkpointSubject(request, file: file, path: config.checkpoint)
        let checkpointFile = try OutputPaths.checkFile(config.checkpoint, subject: checkpointSubject)
        if let manualSavePath {
            let path = manualSavePath(config.checkpoint)
            try OutputPaths.checkFile(path, subject: "\(path) (written by the s key)")
        }
        let resultsSubject = "--results \(request.results)"
        try OutputPaths.checkDirectory(request.results, subject: resultsSubject)
        for name in [TrainingResults.metricsFileName, TrainingResults.curveFileName] {
            try OutputPaths.checkReplaceable((request.results as NSString).appendingPathComponent(name))
        }
        try OutputPaths.createDirectory(OutputPaths.parent(of: checkpointFile), subject: checkpointSubject)
        let checkpointLock = try RunLock.acquire(RunLock.lockPath(forFile: checkpointFile), subject: checkpointSubject,
                                                 what: "checkpoint")
        try OutputPaths.createDirectory(request.results, subject: resultsSubject)
        locks = [checkpointLock, try RunLock.acquire(RunLock.lockPath(forDirectory: request.results),
                                                     subject: resultsSubject, what: "results directory")]
        try announce(kind)
        data = try Session.loadData(request.data, kind: kind)
        control.setPace(config.pace)
        trainer = Trainer(config: config, data: data, control: control, resumeFrom: resume)
        results = try Session.trainingResults(request, config: config, kind: kind,
                                              trainImages: trainer.trainImageCount, resume: resume)
        writer = ResultsWriter(results: results)
    }

    /// Queues an epoch's row (and c1's filters) for the result files, written off the trainer's thread.
    /// When they cannot be written the run fails: the outcome keeps the message, the trainer stops after
    /// the current mini-batch and `failed` gets the one-line error (on the writer's queue).
    /// Call it from the trainer's event handler: the weights taken are those the epoch ended with.
    public func record(_ summary: EpochSummary, failed: @escaping @Sendable (String) -> Void = { _ in }) {
        let (outcome, control) = (self.outcome, self.control)
        // On the trainer's queue, after the epoch's weights were published: the snapshot is theirs.
        writer.record(EpochMetrics(summary), parameters: trainer.snapshot().parameters) { message in
            outcome.withLock { $0 = .failed(message) }
            control.stop()
            failed(message)
        }
    }

    /// Prints a line from the trainer's queue. When stdout (or stderr) fails, the fault is kept, nothing
    /// more is printed and the trainer stops after the current mini-batch; the epoch checkpoint being
    /// written is finished first, so it stays intact. `finish()` then exits with the fault.
    public func emit(_ line: String) {
        guard outputFault.withLock({ $0 == nil }) else { return }
        do {
            try printLine(line)
        } catch {
            outputFault.withLock { if $0 == nil { $0 = error } }
            control.stop()
        }
    }

    /// Starts the trainer on its background queue; `sink` gets every event; the returned semaphore is
    /// signalled once the run has ended and `outcome` holds how.
    public func start(sink: @escaping @Sendable (TrainingEvent) -> Void) -> DispatchSemaphore {
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
            outcome.withLock { if $0 == nil { $0 = result } }
            finished.signal()
        })
        return finished
    }

    /// After the trainer ended: waits until the result files are written, lets go of the locks and
    /// rethrows an output fault (which ends the process cleanly).
    public func finish() throws(StreamWriteFault) {
        writer.waitUntilWritten()
        for lock in locks { lock.release() }
        if let fault = outputFault.value { throw fault }
    }
}
