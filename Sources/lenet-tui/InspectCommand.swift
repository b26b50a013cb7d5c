import ArgumentParser
import LeNetApp

/// `lenet-tui inspect FILE...`: every layer's activations and the saliency map for sketches.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect", abstract: CommandHelp.inspectAbstract, usage: "lenet-tui inspect <file> ... [--checkpoint <path>] [<options>]",
        discussion: CommandHelp.inspectDiscussion)

    @Argument(help: ArgumentHelp("Sketch files (text art or PGM).", valueName: "file"))
    var files: [String]
    @Option(name: .long, help: ArgumentHelp("Checkpoint to inspect (default: the shipped \(PretrainedCheckpoint.relativePath)).", valueName: "path"))
    var checkpoint: String?
    @Flag(name: .customLong("no-centre"), help: "Skip cropping, scaling and centring: the whole canvas averaged to 28x28.")
    var noCentre = false
    @Option(name: .long, help: ArgumentHelp("Also write activations.svg and filters.svg into this directory.", valueName: "dir"))
    var results: String?
    @Flag(name: .long, help: "Print one JSON object per file (every layer as nested lists).")
    var json = false

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one sketch file") }
    }

    func run() throws {
        try SketchCommands.inspect(files, checkpoint: checkpoint, results: results, json: json, centre: !noCentre)
    }
}
