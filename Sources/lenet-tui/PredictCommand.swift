import ArgumentParser
import Foundation
import LeNetFormats
import LeNetTraining
import MNISTData

/// `lenet-tui predict FILE...`: classifies sketches (text art or PGM) without the UI.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Classify sketches (text art or PGM) with a checkpoint, preprocessed as MNIST was made.",
        discussion: """
        Each sketch is cropped to its ink, scaled so its longer side is 20 pixels (area averaging) and \
        placed with its centre of mass at the centre of a 28x28 field, as the MNIST digits were made.

        Formats: text art (rows of '.' and '#', or digits 0-9 as grey levels, 9 = full ink; any size) \
        and PGM (P2 or P5, any size; dark-on-light pictures are inverted). A bad file gets one error \
        line naming it; the others are still classified; the exit status is then 1. Weights saved with \
        the dashboard's s key get a note on stderr saying where in their run they were taken.

        Examples:
          lenet-tui predict assets/sketches/7-small-corner.txt
          lenet-tui predict --json drawing.pgm
          lenet-tui predict --checkpoint checkpoints/lenet5.safetensors assets/sketches/*.txt
        """)

    @Argument(help: ArgumentHelp("Sketch files (text art or PGM).", valueName: "file"))
    var files: [String]

    @Option(name: .long, help: ArgumentHelp("Checkpoint to classify with (default: the shipped \(PretrainedCheckpoint.relativePath)).", valueName: "path"))
    var checkpoint: String?

    @Flag(name: .long, help: "Print one JSON object per file (keys file, prediction, probabilities).")
    var json = false

    /// Skips cropping, scaling and centring (the whole canvas is averaged down to 28x28): for measuring
    /// what the centring is worth.
    @Flag(name: .customLong("no-centre"), help: .hidden)
    var noCentre = false

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one sketch file") }
    }

    func run() throws {
        var predictor: DigitPredictor?
        var kind = DatasetKind.mnist
        try reportingErrors {
            try checkPathFlags([("--checkpoint", checkpoint)])
            let loaded = try PretrainedCheckpoint.load(checkpoint)
            try PretrainedCheckpoint.noteIfSavedNow(loaded)
            kind = loaded.kind
            predictor = DigitPredictor(fixed: loaded.checkpoint.parameters, normalization: kind.normalization)
        }
        guard let predictor else { throw ExitCode(1) }
        let names = kind == .mnist ? nil : kind.classNames
        let failed = try eachSketch(files) { file, sketch in
            guard let result = predictor.predict(sketch, mode: noCentre ? .none : .mnist) else {
                throw SketchError.emptyDrawing(path: file)
            }
            if json {
                var members: [(key: String, value: JSONValue)] = [("file", .string(file)), ("prediction", .int(result.predicted))]
                if let names { members.append(("label", .string(names[result.predicted]))) }
                members.append(("probabilities", .array(result.probabilities.map { .fixed($0, digits: 6) })))
                try printLine(JSONValue.object(members).serialized(.spaced))
            } else {
                let label = names.map { " \($0[result.predicted])" } ?? ""
                try printLine("\(TerminalText.escaped(file)): \(result.predicted)\(label) (\(String(format: "%.1f", result.confidence * 100))%)")
            }
        }
        if failed { throw ExitCode(1) }
    }

}

/// Reads each sketch file (text art or PGM) and hands it to `body`, in order. A file that cannot be read,
/// or that `body` rejects, gets one `lenet-tui: error: ...` line naming it, and the others still run.
/// - Returns: whether any file failed (the command then exits with status 1).
/// - Throws: `StreamWriteFault` when standard output or error cannot be written (the process then ends).
func eachSketch(_ files: [String], _ body: (String, SketchImage) throws -> Void) throws -> Bool {
    var failed = false
    for file in files {
        do {
            try checkPathFlags([("sketch file", file)])
            try body(file, try SketchFile.read(path: file))
        } catch let fault as StreamWriteFault {
            throw fault
        } catch {
            try printError("\(error)")
            failed = true
        }
    }
    return failed
}

/// Finds the shipped pretrained checkpoint, like the data: `./assets/...`, then `assets/...` beside the
/// executable and up to five directories above it.
enum PretrainedCheckpoint {
    /// Where the repository keeps it.
    static let relativePath = "assets/lenet5-pretrained.safetensors"

    /// `flag` when given (it must exist; `Checkpoint.read` reports it otherwise), else the first place the
    /// shipped checkpoint is found.
    /// - Throws: a one-line `ValidationError` listing where it looked.
    static func path(_ flag: String?) throws -> String {
        if let flag { return flag }
        if let found = locate() { return found }
        throw ValidationError("no pretrained checkpoint found (looked for \(relativePath) in the current directory and "
            + "above the executable); pass --checkpoint PATH, or make it with "
            + "`lenet-tui train --seed 1 --checkpoint \(relativePath)`")
    }

    /// The checkpoint `flag` names, else the shipped one, read, and the dataset it was trained on (recorded
    /// in it; MNIST when it says none): a Fashion-MNIST checkpoint needs its own normalisation and class
    /// names. What `predict`, `draw` and `inspect` classify with.
    /// - Throws: `path`'s error, or the checkpoint's, each one line naming the file.
    static func load(_ flag: String?) throws -> (path: String, checkpoint: Checkpoint, kind: DatasetKind) {
        let path = try path(flag)
        let loaded = try Checkpoint.read(from: path)
        return (path, loaded, try loaded.dataset(path: path) ?? .mnist)
    }

    /// For a file the dashboard's s key wrote, says on stderr where in its run the weights were taken
    /// (`lenet-tui: note: X: weights saved with s at epoch 3, mini-batch 561 of 938; weights only, not
    /// resumable`), so nobody takes mid-epoch weights for an epoch's. Other files pass silently.
    /// - Throws: `Checkpoint.origin`'s metadata errors; `StreamWriteFault`.
    static func noteIfSavedNow(_ loaded: (path: String, checkpoint: Checkpoint, kind: DatasetKind)) throws {
        guard loaded.checkpoint.isSavedNow else { return }
        let origin = try loaded.checkpoint.origin(path: loaded.path)
        try Console.writeLine("\(Console.programName): note: \(TerminalText.escaped(loaded.path)): \(origin)", to: .error)
    }

    /// The shipped checkpoint's path, if it is found.
    static func locate() -> String? {
        let fm = FileManager.default
        let local = URL(fileURLWithPath: fm.currentDirectoryPath).appendingPathComponent(relativePath)
        if fm.fileExists(atPath: local.path) { return relativePath }
        var directory = Session.executableURL?.deletingLastPathComponent()
        for _ in 0...5 {
            guard let current = directory else { break }
            let candidate = current.appendingPathComponent(relativePath)
            if fm.fileExists(atPath: candidate.path) { return candidate.path }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { break }
            directory = parent
        }
        return nil
    }
}
