import ArgumentParser
import Dispatch
import Foundation
import LeNetTraining
import TerminalUI

/// `lenet-tui`: with no subcommand, runs `tui` — trains LeNet-5 on MNIST in the terminal UI (or, when
/// stdout is not a terminal, prints plain lines like `train`).
@main
struct LenetTUI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lenet-tui",
        abstract: "Train LeNet-5 on MNIST with a pure-Swift engine and watch it learn in the terminal.",
        discussion: """
        With no subcommand, opens the training dashboard and trains with config.json (flags override it).
        Keys: p or space pause/resume, d draw a digit, tab next panel, s save, ? help, q quit.

        Examples:
          lenet-tui                       # the dashboard, bundled MNIST, config.json
          lenet-tui --epochs 3 --lr 0.002
          lenet-tui train --epochs 2 --json
          lenet-tui test --checkpoint checkpoints/lenet5.safetensors
          lenet-tui draw                  # the draw pad alone, with the shipped pretrained weights
          lenet-tui predict assets/sketches/7-small-corner.txt
        """,
        version: "0.1.0",
        subcommands: [TUICommand.self, TrainCommand.self, TestCommand.self,
                      PredictCommand.self, DrawCommand.self],
        defaultSubcommand: TUICommand.self)
}

/// `lenet-tui tui` (the default): the training dashboard.
struct TUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "Train with the live dashboard (the default when no subcommand is given).",
        discussion: """
        Takes the same options as `train`. When stdout is not a terminal it behaves like `train`.
        Keys: p or space pause/resume, d draw a digit (Esc back), tab next panel, s save a checkpoint now,
        ? help, q quit (asks first when progress since the last checkpoint would be lost).
        """)

    @OptionGroup var options: TrainOptions

    func run() throws {
        guard isatty(STDOUT_FILENO) == 1, Dashboard.isTerminalAvailable else {
            try reportingErrors { try TrainCommand.trainHeadless(options) }
            return
        }
        try reportingErrors { try Self.trainInDashboard(options) }
    }

    /// Loads everything first (errors print as one line before the screen changes), then trains on a
    /// background queue while the dashboard runs on the main thread.
    static func trainInDashboard(_ options: TrainOptions) throws {
        let config = try Session.config(options)
        let resume = try options.resume.map { try Checkpoint.read(from: $0) }
        FileHandle.standardError.write(Data("lenet-tui: loading MNIST…\n".utf8))
        let data = try Session.loadData(options.data)
        let control = TrainingControl()
        let trainer = Trainer(config: config, data: data, control: control, resumeFrom: resume)
        let optimizerText = config.optimizer == .adam ? "Adam" : "SGD momentum \(config.momentum)"
        // The pad reads drawings with the weights being trained (a consistent snapshot between mini-batches)
        // and, when the shipped pretrained checkpoint is found, with it (the default until the first epoch).
        var padModels: [(source: PadModelSource, predictor: DigitPredictor)] = [
            (.training, DigitPredictor(parameters: { trainer.snapshot().parameters })),
        ]
        if let path = PretrainedCheckpoint.locate(), let pretrained = try? Checkpoint.read(from: path) {
            padModels.insert((.checkpoint(name: "pretrained"), DigitPredictor(fixed: pretrained.parameters)), at: 0)
        }
        let savePath = Self.manualCheckpointPath(config.checkpoint)
        let dashboard = Dashboard(details: [
            "\(optimizerText) lr \(config.learningRate) (\(config.lrSchedule.rawValue))",
            "batch \(config.batchSize)",
            "seed \(config.seed)",
            "\(trainer.threadCount) threads",
        ], padModels: padModels, saveCheckpoint: {
            let snapshot = trainer.snapshot()
            let checkpoint = Checkpoint(parameters: snapshot.parameters, epoch: snapshot.epoch,
                                        configJSON: config.jsonString(),
                                        extraMetadata: ["saved_by": "dashboard key s (weights only, may be mid-epoch)"])
            try checkpoint.write(to: savePath)
            return "saved now: \(savePath) (current weights, \(snapshot.epoch) epochs done)"
        })
        let finished = DispatchSemaphore(value: 0)
        trainer.start(sink: dashboard.post, completion: { _ in finished.signal() })
        let exit = dashboard.run(control: control)
        control.stop()
        finished.wait()
        switch exit {
        case .terminalUnavailable(let reason):
            throw ValidationError("cannot open the terminal UI: \(reason); use `lenet-tui train` for plain output")
        default:
            for line in dashboard.closingSummary(width: 100) { printLine(line) }
        }
    }

    /// Where s writes: beside the epoch checkpoint with "-saved" added (`checkpoints/lenet5-saved.safetensors`),
    /// so the epoch checkpoint, which carries the optimizer and RNG state for `--resume`, is never replaced
    /// by a weights-only one.
    static func manualCheckpointPath(_ checkpoint: String) -> String {
        let url = URL(fileURLWithPath: checkpoint)
        let ext = url.pathExtension
        let stem = ext.isEmpty ? checkpoint : String(checkpoint.dropLast(ext.count + 1))
        return stem + "-saved" + (ext.isEmpty ? ".safetensors" : "." + ext)
    }
}
