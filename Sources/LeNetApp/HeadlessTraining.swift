import Foundation
import LeNetEngine
import LeNetFormats
import LeNetTraining

/// `lenet-tui train` (and the dashboard without a terminal): headless training, one line or JSON object
/// per epoch.
public enum HeadlessTraining {
    /// Trains on a background queue and prints each epoch; Ctrl-C stops after the current mini-batch. A
    /// failed write to stdout (full disk, closed pipe) stops the trainer the same way, then ends the process
    /// with the fault (`Console.exit(after:)`), the last epoch's checkpoint intact.
    ///
    /// With `until`, the run stops after the first epoch whose test accuracy reaches it (its checkpoint and
    /// result files are written) and prints the seconds since the process started, measured when the
    /// epoch's evaluation ends; when no epoch reaches it, the run ends with an error line and status 1.
    /// - Throws: `PreparedRun`'s errors; `ExitStatus` 1 (failed, target missed) or 130 (stopped by a
    ///   signal); `StreamWriteFault`.
    public static func run(_ request: TrainingRequest, until target: TargetAccuracy? = nil) throws {
        let run = try PreparedRun(request)
        let reached = Locked<TargetReached?>(nil)
        let best = Locked<EpochSummary?>(nil)  // the epoch of the highest test accuracy, for the miss message
        let (config, resume, kind, data, trainer, results) = (run.config, run.resume, run.kind, run.data, run.trainer, run.results)
        let control = run.control
        let signals = SignalStopper { control.stop() }
        defer { signals.cancel() }
        SuspensionClock.installSuspendHandler()  // Ctrl-Z: the time stopped is not training time
        let json = request.json
        if !json {
            let resuming = resume.map { "; resuming after epoch \($0.epoch) of \(request.resume ?? "")" } ?? ""
            try printLine("training LeNet-5 on \(ReportFormat.counted(trainer.trainImageCount, "\(kind.displayName) image")), "
                + "testing on \(ReportFormat.grouped(data.test.count)); \(ReportFormat.counted(config.epochs, "epoch")), "
                + "batch \(config.batchSize), \(config.optimizer.rawValue) lr \(config.learningRate), "
                + "\(ReportFormat.counted(trainer.threadCount, "thread"))"
                + (config.pace.isFullSpeed ? "" : ", at most \(config.pace.batchesPerSecond) mini-batches/s") + resuming)
            if config.augmentation.isOn { try printLine("augmentation: \(config.augmentation.summary)") }
            if let target { try printLine("until: \(target) test accuracy") }
        }
        run.start(sink: { event in
            switch event {
            case .epochDone(let summary):
                let seconds = ProcessClock.secondsSinceStart()
                run.emit(json ? ReportFormat.epochJSON(summary) : ReportFormat.epochLine(summary))
                run.record(summary)
                best.withLock { if summary.testAccuracy > $0?.testAccuracy ?? -1 { $0 = summary } }
                if let target, reached.value == nil,
                   target.isReached(correct: summary.confusionMatrix.correct, total: summary.confusionMatrix.total) {
                    let hit = TargetReached(target: target, summary: summary, secondsFromStart: seconds)
                    reached.withLock { $0 = hit }
                    run.emit(json ? hit.json : hit.line)
                    control.stop()  // after this epoch's checkpoint
                }
            case .checkpointSaved(let path, _) where !json:
                run.emit("  checkpoint saved to \(path)")
            case .learningRateChanged(let change) where !json:
                run.emit("  \(change)")
            case .rewound(let rewind) where !json:
                run.emit("  \(rewind)")
            default:
                break
            }
        }).wait()
        try run.finish()
        let outcome = run.outcome.value
        let failed = { if case .failed = outcome { true } else { false } }()
        if !failed && !json && !results.rows.isEmpty {
            try printLine("results: \(results.metricsPath), \(results.curvePath), \(results.filtersPath)")
        }
        if let target, reached.value == nil, !failed, outcome != .stopped {
            let bestText = best.value.map { " (best \(ReportFormat.percent($0.testAccuracy)) at epoch \($0.epoch))" } ?? ""
            try printError("\(TargetAccuracy.flag) \(target): not reached in \(config.epochs == 1 ? "1 epoch" : "\(config.epochs) epochs")\(bestText)")
            throw ExitStatus.failure
        }
        switch outcome {
        case .completed, nil:
            return
        case .stopped where reached.value != nil:
            return
        case .stopped:
            // The interruption decides the status, even when stdout went with it (a pipeline's Ctrl-C).
            if !json {
                try? printLine(FileManager.default.fileExists(atPath: config.checkpoint)
                    ? "stopped; the last finished epoch's checkpoint is kept at \(config.checkpoint)"
                    : "stopped before the first epoch ended; no checkpoint was written")
            }
            throw ExitStatus.interrupted
        case .failed(let message):
            try printError(message)
            throw ExitStatus.failure
        }
    }
}

/// The epoch that reached `train --until`'s target, and when.
public struct TargetReached: Sendable {
    public let target: TargetAccuracy
    public let summary: EpochSummary
    /// Seconds from the process's start to the end of the epoch's evaluation (`ProcessClock`).
    public let secondsFromStart: Double

    /// `reached 99.03% >= 99% at epoch 2: 4.81 s from process start`.
    public var line: String {
        "reached \(ReportFormat.percent(summary.testAccuracy)) >= \(target) at epoch \(summary.epoch): "
            + "\(ReportFormat.fixed(secondsFromStart, 2)) s from process start"
    }

    /// `{"target": 0.99, "reached": true, "epoch": 2, "test_accuracy": 0.9903, "seconds_from_start": 4.81}`.
    public var json: String {
        JSONValue.object([("target", .double(target.fraction)), ("reached", .bool(true)), ("epoch", .int(summary.epoch)),
                          ("test_accuracy", .double(summary.testAccuracy)),
                          ("seconds_from_start", .fixed(secondsFromStart, digits: 3))]).serialized(.spaced)
    }
}
