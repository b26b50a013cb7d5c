import ArgumentParser
import LeNetApp

/// `lenet-tui augment [FILE...]`: shows what the network is fed when augmentation is on.
struct AugmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "augment", abstract: CommandHelp.augmentAbstract, usage: "lenet-tui augment [<file> ...] [--config <path>] [<options>]",
        discussion: CommandHelp.augmentDiscussion)

    @Argument(help: ArgumentHelp("Sketch files (text art or PGM); none = training images.", valueName: "file"))
    var files: [String] = []
    @Option(name: .long, help: ArgumentHelp("Config with the augmentation keys (default ./config.json).", valueName: "path"))
    var config: String?
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Training images to show, or distortions per sketch (1 to 64; default 4 and 5).", valueName: "n"))
    var count: Int?
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Seed (default: the config's).", valueName: "n"))
    var seed: UInt64?
    @Option(name: .long, help: ArgumentHelp("Directory with the MNIST IDX files (default as for train).", valueName: "dir"))
    var data: String?
    @Option(name: .long, help: ArgumentHelp("Also write augmented.svg into this directory.", valueName: "dir"))
    var results: String?
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Line width for the pictures (default: the terminal's, else 120).", valueName: "n"))
    var width: Int?
    @Flag(name: .long, help: "Time one epoch of mini-batches with and without augmentation instead.")
    var bench = false

    func run() throws {
        var request = AugmentationCommand.Request()
        (request.files, request.config, request.count, request.seed) = (files, config, count, seed)
        (request.data, request.results, request.width, request.bench) = (data, results, width, bench)
        try AugmentationCommand.run(request)
    }
}
