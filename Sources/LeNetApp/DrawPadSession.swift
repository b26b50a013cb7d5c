import Foundation
import LeNetFormats
import LeNetTraining
import TerminalUI

/// `lenet-tui draw`: the draw pad alone, reading drawings with a checkpoint.
public enum DrawPadSession {
    /// Opens the pad with `checkpoint` (else the shipped pretrained weights) until q, Esc or a signal.
    /// - Parameter mouse: read the mouse (false: `--no-mouse`).
    /// - Throws: `ExitStatus` (1 after an error line, 130 after SIGINT, SIGTERM or SIGHUP), `StreamWriteFault`.
    public static func run(checkpoint: String?, mouse: Bool) throws {
        try reportingErrors {
            try checkPathFlags([("--checkpoint", checkpoint)])
            let (path, loaded, kind) = try PretrainedCheckpoint.load(checkpoint)
            guard Dashboard.isTerminalAvailable else {
                throw UsageError("draw needs a terminal; classify files with `lenet-tui predict FILE...`")
            }
            // Where the weights come from first: an s file's mid-epoch position must not be cut off.
            var facts = [try loaded.origin(path: path, short: true), "model \(TerminalText.escaped(path))"]
            if let accuracy = loaded.extraMetadata["test_accuracy"].flatMap(Double.init) {
                facts.append(String(format: "test accuracy %.2f%%", accuracy * 100))
            }
            let name = URL(fileURLWithPath: path).lastPathComponent
            let predictor = DigitPredictor(fixed: loaded.parameters, normalization: kind.normalization)
            let dashboard = Dashboard(title: kind == .mnist ? "lenet-tui · draw a digit" : "lenet-tui · draw (\(kind.displayName))",
                                      details: facts, mouse: mouse, classNames: kind.classNames, padOnly: true,
                                      padModels: [(.checkpoint(name: name), predictor)])
            switch dashboard.run(control: TrainingControl()) {
            case .terminalUnavailable(let reason):
                throw UsageError("cannot open the terminal UI: \(reason)")
            case .interrupted:
                throw ExitStatus.interrupted  // SIGINT, SIGTERM or SIGHUP, as for train and the dashboard
            case .closedAfterRun, .stoppedTraining:
                break
            }
        }
    }
}
