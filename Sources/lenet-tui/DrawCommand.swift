import ArgumentParser
import Foundation
import LeNetFormats
import LeNetTraining
import MNISTData
import TerminalUI

/// `lenet-tui draw`: the draw pad alone, reading drawings with a checkpoint.
struct DrawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draw",
        abstract: "Draw digits with the keyboard and watch LeNet-5 read them (the pad alone, no training).",
        discussion: """
        Arrows or h/j/k/l move, space puts the pen down or up, x toggles the eraser, [ and ] set the \
        brush width, c clears, v shows the 28x28 image the network sees, g overlays its saliency map, n \
        opens the network view (filters and feature maps of the drawing), ? lists the keys, q or Esc \
        quits. With the mouse, a left drag inks and a right drag erases (Shift+drag selects text in \
        most terminals; --no-mouse leaves the mouse to the terminal). The line under the title says where the weights come from (an epoch checkpoint's epoch, \
        or where the dashboard's s key took them).

        Examples:
          lenet-tui draw
          lenet-tui draw --checkpoint checkpoints/lenet5.safetensors
        """)

    @Option(name: .long, help: ArgumentHelp("Checkpoint to read drawings with (default: the shipped \(PretrainedCheckpoint.relativePath)).", valueName: "path"))
    var checkpoint: String?

    @Flag(name: .customLong("no-mouse"), help: "Leave the mouse to the terminal (its own text selection); by default a left drag inks the pad and a right drag erases.")
    var noMouse = false

    func run() throws {
        try reportingErrors {
            try checkPathFlags([("--checkpoint", checkpoint)])
            let (path, loaded, kind) = try PretrainedCheckpoint.load(checkpoint)
            guard Dashboard.isTerminalAvailable else {
                throw ValidationError("draw needs a terminal; classify files with `lenet-tui predict FILE...`")
            }
            // Where the weights come from first: an s file's mid-epoch position must not be cut off.
            var facts = [try loaded.origin(path: path, short: true), "model \(TerminalText.escaped(path))"]
            if let accuracy = loaded.extraMetadata["test_accuracy"].flatMap(Double.init) {
                facts.append(String(format: "test accuracy %.2f%%", accuracy * 100))
            }
            let name = URL(fileURLWithPath: path).lastPathComponent
            let predictor = DigitPredictor(fixed: loaded.parameters, normalization: kind.normalization)
            let dashboard = Dashboard(title: kind == .mnist ? "lenet-tui · draw a digit" : "lenet-tui · draw (\(kind.displayName))",
                                      details: facts, mouse: !noMouse, classNames: kind.classNames, padOnly: true,
                                      padModels: [(.checkpoint(name: name), predictor)])
            switch dashboard.run(control: TrainingControl()) {
            case .terminalUnavailable(let reason):
                throw ValidationError("cannot open the terminal UI: \(reason)")
            case .interrupted:
                throw ExitCode(130)  // SIGINT, SIGTERM or SIGHUP, as for train and the dashboard
            case .closedAfterRun, .stoppedTraining:
                break
            }
        }
    }
}
