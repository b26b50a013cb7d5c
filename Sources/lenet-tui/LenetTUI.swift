import ArgumentParser
import Dispatch
import Foundation
import LeNetEngine
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
        With no subcommand, opens the training dashboard and trains with config.json (flags override \
        it). Keys: p or space pause/resume, + and - learning rate x2 and /2, < and > pace, . one \
        mini-batch while paused, r rewind, d draw a digit, n network view, g saliency, tab next panel, \
        s save, ? help, q quit; the mouse draws on the pad (--no-mouse leaves it to the terminal).

        Examples:
          lenet-tui                     # the dashboard: bundled MNIST, config.json
          lenet-tui --epochs 3 --lr 0.002
          lenet-tui train --epochs 2 --json
          lenet-tui test --checkpoint checkpoints/lenet5.safetensors
          lenet-tui draw                # the draw pad alone, pretrained weights
          lenet-tui predict assets/sketches/7-small-corner.txt
          lenet-tui inspect --results results/inside assets/sketches/3-large.txt
          lenet-tui summary             # layers, shapes, parameters, FLOPs
        """,
        version: "0.1.0 (kernels \(KernelFamily.current))",
        subcommands: [TUICommand.self, TrainCommand.self, TestCommand.self, BenchCommand.self,
                      PredictCommand.self, InspectCommand.self, DrawCommand.self, SummaryCommand.self, AugmentCommand.self],
        defaultSubcommand: TUICommand.self)

    /// Parses and runs the command like ArgumentParser's own `main`, but first makes the standard streams
    /// safe (`Console.prepareProcess`: SIGPIPE ignored, closed descriptors held) and writes every message,
    /// help text included, through `Console`: a stream that cannot be written ends the process cleanly
    /// (status 1, or 141 for a closed pipe) instead of trapping.
    static func main() {
        ProcessClock.start()
        Console.prepareProcess()
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            if let unknown = CommandLineTypos.unknownCommand(arguments) {
                try printError(unknown)
                Foundation.exit(1)
            }
            var command = try parseAsRoot()
            try command.run()
        } catch let fault as StreamWriteFault {
            Console.exit(after: fault)
        } catch {
            let status = exitCode(for: error)
            let message = CommandLineTypos.rewritingUnknownOption(fullMessage(for: error), arguments: arguments)
            if !message.isEmpty {
                do {
                    try Console.writeLine(message, to: status == .success ? .output : .error)
                } catch {
                    Console.exit(after: error)
                }
            }
            Foundation.exit(status.rawValue)
        }
    }
}

/// `lenet-tui tui` (the default): the training dashboard.
struct TUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "Train with the live dashboard (the default when no subcommand is given).",
        discussion: """
        Takes the same options as `train`. When stdout is not a terminal, or with --json, it behaves \
        like `train`. After every epoch it writes the checkpoint and, in --results DIR, metrics.csv, \
        training_curve.svg and filters_by_epoch.svg.

        Keys: p or space pause/resume, + and - the learning rate x2 and /2 from the next mini-batch, < \
        and > the pace (full speed, 200, 50, 10, 2, 1 mini-batches per second), . one mini-batch while \
        paused, r rewind to epoch 1 with the same seed (asks first), d draw a digit (Esc back), n the \
        network view (filters, feature maps, probabilities, training health; Esc back), g saliency on \
        the 28x28 input, tab next panel, s save the current weights now (weights only, with the epoch \
        and mini-batch they were taken at; not resumable), ? help, q quit (asks first when progress \
        since the last checkpoint would be lost).

        Mouse: a left drag on the draw pad inks, a right drag erases, a click picks a heatmap cell (a \
        second click opens its images), the wheel scrolls the epoch log. With the mouse read, Shift+drag \
        selects text in most terminals; --no-mouse (or "mouse": false in the config) leaves the mouse \
        to the terminal.

        Examples:
          lenet-tui                                  # MNIST with config.json
          lenet-tui --epochs 3 --lr 0.002 --seed 7
          lenet-tui --dataset fashion-mnist --epochs 2
          lenet-tui --resume checkpoints/lenet5.safetensors --epochs 15
        """)

    @OptionGroup var options: TrainOptions

    func run() throws {
        // --json asks for machine-readable lines, which only the headless trainer prints.
        guard !options.json, isatty(STDOUT_FILENO) == 1, Dashboard.isTerminalAvailable else {
            try reportingErrors { try TrainCommand.trainHeadless(options) }
            return
        }
        try reportingErrors { try Self.trainInDashboard(options) }
    }

    /// Loads everything first (errors print as one line before the screen changes), then trains on a
    /// background queue while the dashboard runs on the main thread. A failed run (non-finite loss, a
    /// checkpoint that cannot be written) is shown in the dashboard, then reported on stderr with exit 1;
    /// SIGINT, SIGTERM or SIGHUP end it with 130, as they end `train`.
    static func trainInDashboard(_ options: TrainOptions) throws {
        let run = try PreparedRun(options, manualSavePath: manualCheckpointPath) { kind in
            try Console.writeLine("\(Console.programName): loading \(kind.displayName)…", to: .error)
        }
        let (config, kind, data, control, trainer, results) = (run.config, run.kind, run.data, run.control, run.trainer, run.results)
        let optimizerText = config.optimizerDescription
        // The pad reads drawings with the weights being trained (a consistent snapshot between mini-batches)
        // and, for MNIST when the shipped pretrained checkpoint is found, with it (the default until the
        // first epoch ends).
        let normalization = kind.normalization
        var padModels: [(source: PadModelSource, predictor: DigitPredictor)] = [
            (.training, DigitPredictor(snapshots: { trainer.snapshot() }, normalization: normalization)),
        ]
        if kind == .mnist, let path = PretrainedCheckpoint.locate(), let pretrained = try? Checkpoint.read(from: path) {
            padModels.insert((.checkpoint(name: "pretrained"),
                              DigitPredictor(fixed: pretrained.parameters, normalization: normalization)), at: 0)
        }
        let savePath = Self.manualCheckpointPath(config.checkpoint)
        // b / Enter on the heatmap: the test images of a confusion cell with the current weights (the whole test
        // set is classified once per set of weights and cached).
        let confusionBrowser = ConfusionBrowser(dataset: data.test, normalization: normalization,
                                                threads: trainer.threadCount)
        let dashboard = Dashboard(title: "lenet-tui · LeNet-5 on \(kind.displayName)", details: [
            "\(optimizerText) lr \(config.learningRate) (\(config.lrSchedule.rawValue))",
            "batch \(config.batchSize)",
            "seed \(config.seed)",
            ReportFormat.counted(trainer.threadCount, "thread"),
        ], mouse: config.mouse, classNames: kind.classNames, padModels: padModels, saveCheckpoint: {
            let snapshot = trainer.snapshot()
            try Checkpoint.savedNow(snapshot, configJSON: config.jsonString(), dataset: kind).write(to: savePath)
            return "saved \(savePath) (\(snapshot.position.description))"
        }, browseConfusions: { trueClass, predicted in
            confusionBrowser.examples(trueClass: trueClass, predicted: predicted,
                                      parameters: trainer.snapshot().parameters)
        })
        let finished = run.start(sink: { event in
            if case .epochDone(let summary) = event, let message = run.record(summary) {
                dashboard.post(.failed(message: message))
            }
            dashboard.post(event)
        })
        let exit = dashboard.run(control: control)
        control.stop()
        finished.wait()
        try run.finish()
        if case .terminalUnavailable(let reason) = exit {
            throw ValidationError("cannot open the terminal UI: \(reason); use `lenet-tui train` for plain output")
        }
        let interrupted = exit == .interrupted
        do {
            for line in dashboard.closingSummary(width: 100) { try printLine(line) }
            if !results.rows.isEmpty { try printLine("results: \(results.metricsPath), \(results.curvePath), \(results.filtersPath)") }
            if case .failed(let message) = run.outcome.get() {
                try printError(message)
                throw ExitCode(1)
            }
        } catch let fault as StreamWriteFault where interrupted {
            _ = fault  // a hung-up terminal takes stdout with it; the interruption decides the status
        }
        if interrupted { throw ExitCode(130) }
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
