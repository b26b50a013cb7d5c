import ArgumentParser
import Dispatch
import Foundation
import LeNetFormats
import LeNetTraining

/// `lenet-tui train`: headless training, one line (or JSON object) per epoch.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train LeNet-5 without the UI: one line per epoch, a checkpoint after every epoch.",
        discussion: """
        After every epoch it writes the checkpoint (safetensors, PyTorch's state_dict names) and, in \
        --results DIR, metrics.csv (one row per epoch), training_curve.svg (loss and accuracy, train and \
        test) and filters_by_epoch.svg (c1's six 5x5 filters after every epoch, from the initial weights \
        on; a resumed run's picture starts at the epoch it resumes from).

        Examples:
          lenet-tui train --epochs 2 --json
          lenet-tui train --limit 2000 --epochs 1 --checkpoint /tmp/quick.safetensors
          lenet-tui train --optimizer sgd --lr 0.05 --seed 7
          lenet-tui train --dataset fashion-mnist --epochs 2 --results results/fm
          lenet-tui train --resume checkpoints/lenet5.safetensors --epochs 15
          lenet-tui train --config configs/fast99.json --until 99%
        """)

    @OptionGroup var options: TrainOptions

    @Option(name: .long, help: ArgumentHelp("Stop at the end of the first epoch whose test accuracy reaches this (0.99 or 99%) and report the seconds since the process started; exit 1 if no epoch reaches it.", valueName: "accuracy"))
    var until: String?

    func run() throws {
        try reportingErrors {
            let target = try until.map(TargetAccuracy.init(parsing:))
            try Self.trainHeadless(options, until: target)
        }
    }

    /// Trains on a background queue and prints each epoch; Ctrl-C stops after the current mini-batch. A
    /// failed write to stdout (full disk, closed pipe) stops the trainer the same way, then ends the process
    /// with the fault (`Console.exit(after:)`), the last epoch's checkpoint intact.
    ///
    /// With `until`, the run stops after the first epoch whose test accuracy reaches it (its checkpoint and
    /// result files are written) and prints the seconds since the process started, measured when the
    /// epoch's evaluation ends; when no epoch reaches it, the run ends with an error line and status 1.
    static func trainHeadless(_ options: TrainOptions, until target: TargetAccuracy? = nil) throws {
        let run = try PreparedRun(options)
        let reached = Locked<TargetReached>()
        let best = Locked<EpochSummary>()  // the epoch of the highest test accuracy, for the miss message
        let (config, resume, kind, data, trainer, results) = (run.config, run.resume, run.kind, run.data, run.trainer, run.results)
        let signals = SignalStopper(control: run.control)
        defer { signals.cancel() }
        SuspensionClock.installSuspendHandler()  // Ctrl-Z: the time stopped is not training time
        if !options.json {
            let resuming = resume.map { "; resuming after epoch \($0.epoch) of \(options.resume ?? "")" } ?? ""
            try printLine("training LeNet-5 on \(ReportFormat.counted(trainer.trainImageCount, "\(kind.displayName) image")), "
                + "testing on \(ReportFormat.grouped(data.test.count)); \(ReportFormat.counted(config.epochs, "epoch")), "
                + "batch \(config.batchSize), \(config.optimizer.rawValue) lr \(config.learningRate), "
                + "\(ReportFormat.counted(trainer.threadCount, "thread"))"
                + (config.pace.isFullSpeed ? "" : ", at most \(config.pace.batchesPerSecond) mini-batches/s") + resuming)
            if config.augmentation.isOn { try printLine("augmentation: \(config.augmentation.summary)") }
            if let target { try printLine("until: \(target) test accuracy") }
        }
        let json = options.json
        run.start(sink: { event in
            switch event {
            case .epochDone(let summary):
                let seconds = ProcessClock.secondsSinceStart()
                run.emit(json ? ReportFormat.epochJSON(summary) : ReportFormat.epochLine(summary))
                _ = run.record(summary)
                if summary.testAccuracy > best.get()?.testAccuracy ?? -1 { best.set(summary) }
                if let target, reached.get() == nil,
                   target.isReached(correct: summary.confusionMatrix.correct, total: summary.confusionMatrix.total) {
                    let hit = TargetReached(target: target, summary: summary, secondsFromStart: seconds)
                    reached.set(hit)
                    run.emit(json ? hit.json : hit.line)
                    run.control.stop()  // after this epoch's checkpoint
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
        let outcome = run.outcome.get()
        if case .failed = outcome {} else if !json && !results.rows.isEmpty {
            try printLine("results: \(results.metricsPath), \(results.curvePath), \(results.filtersPath)")
        }
        if let target, reached.get() == nil, !(outcome.map { if case .failed = $0 { true } else { false } } ?? false),
           outcome != .stopped {
            let bestText = best.get().map { " (best \(ReportFormat.percent($0.testAccuracy)) at epoch \($0.epoch))" } ?? ""
            try printError("\(TargetAccuracy.flag) \(target): not reached in \(config.epochs == 1 ? "1 epoch" : "\(config.epochs) epochs")\(bestText)")
            throw ExitCode(1)
        }
        switch outcome {
        case .completed, nil:
            return
        case .stopped where reached.get() != nil:
            return
        case .stopped:
            // The interruption decides the status, even when stdout went with it (a pipeline's Ctrl-C).
            if !json { try? printLine("stopped; the last finished epoch's checkpoint is kept at \(config.checkpoint)") }
            throw ExitCode(130)
        case .failed(let message):
            try printError(message)
            throw ExitCode(1)
        }
    }
}

/// The epoch that reached `train --until`'s target, and when.
struct TargetReached: Sendable {
    let target: TargetAccuracy
    let summary: EpochSummary
    /// Seconds from the process's start to the end of the epoch's evaluation (`ProcessClock`).
    let secondsFromStart: Double

    /// `reached 99.03% >= 99% at epoch 2: 4.81 s from process start (training 2.21 s)`.
    var line: String {
        "reached \(ReportFormat.percent(summary.testAccuracy)) >= \(target) at epoch \(summary.epoch): "
            + "\(ReportFormat.fixed(secondsFromStart, 2)) s from process start"
    }

    /// `{"target": 0.99, "reached": true, "epoch": 2, "test_accuracy": 0.9903, "seconds_from_start": 4.81}`.
    var json: String {
        JSONValue.object([("target", .double(target.fraction)), ("reached", .bool(true)), ("epoch", .int(summary.epoch)),
                          ("test_accuracy", .double(summary.testAccuracy)),
                          ("seconds_from_start", .fixed(secondsFromStart, digits: 3))]).serialized(.spaced)
    }
}

/// Turns SIGINT, SIGTERM and SIGHUP into a stop request for the trainer while it lives.
final class SignalStopper {
    private var sources: [DispatchSourceSignal] = []

    init(control: TrainingControl) {
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { control.stop() }
            source.resume()
            sources.append(source)
        }
    }

    func cancel() {
        for source in sources { source.cancel() }
        sources.removeAll()
    }
}
