import ArgumentParser
import Dispatch
import Foundation
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
        """)

    @OptionGroup var options: TrainOptions

    func run() throws {
        try reportingErrors { try Self.trainHeadless(options) }
    }

    /// Trains on a background queue and prints each epoch; Ctrl-C stops after the current mini-batch. A
    /// failed write to stdout (full disk, closed pipe) stops the trainer the same way, then ends the process
    /// with the fault (`Console.exit(after:)`), the last epoch's checkpoint intact.
    static func trainHeadless(_ options: TrainOptions) throws {
        let run = try PreparedRun(options)
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
        }
        let json = options.json
        run.start(sink: { event in
            switch event {
            case .epochDone(let summary):
                run.emit(json ? ReportFormat.epochJSON(summary) : ReportFormat.epochLine(summary))
                _ = run.record(summary)
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
        switch outcome {
        case .completed, nil:
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
