import ArgumentParser
import LeNetApp

/// `lenet-tui predict FILE...`: classifies sketches (text art or PGM) without the UI.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict", abstract: CommandHelp.predictAbstract,
        discussion: CommandHelp.predictDiscussion)

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
        try SketchCommands.predict(files, checkpoint: checkpoint, json: json, centre: !noCentre)
    }
}
