import Foundation
import LeNetFormats
import LeNetTraining
import MNISTData
import TerminalUI

/// `lenet-tui` (`tui`): training with the live dashboard, and its wiring: the pad's models, the s key's
/// save, the confusion browser.
public enum DashboardTraining {
    /// The default command: the dashboard when stdout and stdin are a usable terminal, else (or with
    /// `--json`, whose lines only the headless trainer prints) `train`'s plain lines. Errors are one line.
    /// - Throws: `ExitStatus`, `StreamWriteFault`.
    public static func trainChoosingOutput(_ request: TrainingRequest) throws {
        guard !request.json, isatty(STDOUT_FILENO) == 1, Dashboard.isTerminalAvailable else {
            try reportingErrors { try HeadlessTraining.run(request) }
            return
        }
        try reportingErrors { try run(request) }
    }

    /// Loads everything first (errors print as one line before the screen changes), then trains on a
    /// background queue while the dashboard runs on the calling (main) thread. A failed run (non-finite
    /// loss, a checkpoint or results file that cannot be written) is shown in the dashboard, then reported
    /// on stderr with exit 1; SIGINT, SIGTERM or SIGHUP end it with 130, as they end `train`.
    /// - Throws: `PreparedRun`'s errors; `UsageError` when the terminal cannot be used; `ExitStatus`;
    ///   `StreamWriteFault`.
    public static func run(_ request: TrainingRequest) throws {
        let run = try PreparedRun(request, manualSavePath: manualCheckpointPath) { kind in
            try Console.writeLine("\(Console.programName): loading \(kind.displayName)…", to: .error)
        }
        let dashboard = makeDashboard(run)
        let inbox = dashboard.inbox
        let finished = run.start(sink: { event in
            if case .epochDone(let summary) = event {
                run.record(summary) { message in inbox.post(.failed(message: message)) }
            }
            inbox.post(event)
        })
        let exit = dashboard.run(control: run.control)
        run.control.stop()
        finished.wait()
        try run.finish()
        if case .terminalUnavailable(let reason) = exit {
            throw UsageError("cannot open the terminal UI: \(reason); use `lenet-tui train` for plain output")
        }
        let interrupted = exit == .interrupted
        do {
            for line in dashboard.closingSummary(width: 100) { try printLine(line) }
            let results = run.results
            let failed = { if case .failed = run.outcome.value { true } else { false } }()
            if !failed && !results.rows.isEmpty {  // as train: no list of files when one could not be written
                try printLine("results: \(results.metricsPath), \(results.curvePath), \(results.filtersPath)")
            }
            if case .failed(let message) = run.outcome.value {
                try printError(message)
                throw ExitStatus.failure
            }
        } catch let fault as StreamWriteFault where interrupted {
            _ = fault  // a hung-up terminal takes stdout with it; the interruption decides the status
        }
        if interrupted { throw ExitStatus.interrupted }
    }

    /// The dashboard of `run`: its header, the pad's models (the weights being trained and, for MNIST when
    /// the shipped checkpoint is found, the pretrained ones, the default until the first epoch ends), the
    /// s key's save and the confusion browser over the test set with the current weights.
    static func makeDashboard(_ run: PreparedRun) -> Dashboard {
        let (config, kind, trainer) = (run.config, run.kind, run.trainer)
        let normalization = kind.normalization
        var padModels: [(source: PadModelSource, predictor: DigitPredictor)] = [
            (.training, DigitPredictor(snapshots: { trainer.snapshot() }, normalization: normalization)),
        ]
        if kind == .mnist, let path = PretrainedCheckpoint.locate(), let pretrained = try? Checkpoint.read(from: path) {
            padModels.insert((.checkpoint(name: "pretrained"),
                              DigitPredictor(fixed: pretrained.parameters, normalization: normalization)), at: 0)
        }
        let savePath = manualCheckpointPath(config.checkpoint)
        // The whole test set is classified once per set of weights and cached.
        let confusionBrowser = ConfusionBrowser(dataset: run.data.test, normalization: normalization,
                                                threads: trainer.threadCount)
        return Dashboard(title: "lenet-tui · LeNet-5 on \(kind.displayName)", details: [
            "\(config.optimizerDescription) lr \(config.learningRate) (\(config.lrSchedule.rawValue))",
            "batch \(config.batchSize)",
            "seed \(config.seed)",
            ReportFormat.counted(trainer.threadCount, "thread"),
        ], mouse: config.mouse, classNames: kind.classNames, padModels: padModels, saveCheckpoint: {
            let snapshot = trainer.snapshot()
            try Checkpoint.savedNow(snapshot, configJSON: config.jsonString(), dataset: kind).write(to: savePath)
            return SavedWeights(line: "saved \(savePath) (\(snapshot.position.description))", position: snapshot.position)
        }, browseConfusions: { trueClass, predicted in
            confusionBrowser.examples(trueClass: trueClass, predicted: predicted,
                                      parameters: trainer.snapshot().parameters)
        })
    }

    /// Where s writes: beside the epoch checkpoint with "-saved" added (`checkpoints/lenet5-saved.safetensors`),
    /// so the epoch checkpoint, which carries the optimizer and RNG state for `--resume`, is never replaced
    /// by a weights-only one.
    public static func manualCheckpointPath(_ checkpoint: String) -> String {
        let url = URL(fileURLWithPath: checkpoint)
        let ext = url.pathExtension
        let stem = ext.isEmpty ? checkpoint : String(checkpoint.dropLast(ext.count + 1))
        return stem + "-saved" + (ext.isEmpty ? ".safetensors" : "." + ext)
    }
}
