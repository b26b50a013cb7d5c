import ArgumentParser
import Foundation
import LeNetFormats
import LeNetTraining
import MNISTData

/// `lenet-tui augment [FILE...]`: shows what the network is fed when augmentation is on.
struct AugmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "augment",
        abstract: "Show training images (or sketches) as the augmentation of a config distorts them.",
        usage: "lenet-tui augment [<file> ...] [--config <path>] [<options>]",
        discussion: """
        Uses the augment_* and elastic_* keys of the config (--config, else ./config.json, where they \
        are off). Without FILE it shows the first --count training images, each as it is and as epochs \
        1, 2, 3, ... distort it (at the same position of the epoch's order; every epoch draws anew). With \
        FILE (text art or PGM, preprocessed as predict does) it shows each sketch and --count distortions.

        Images are drawn as text, one character per pixel column and two pixel rows; --results DIR also \
        writes DIR/augmented.svg. --bench times loading one epoch of mini-batches with and without the \
        augmentation: the cost augmentation adds to an epoch.

        Examples:
          lenet-tui augment --config configs/best.json
          lenet-tui augment --config configs/best.json --count 6 --results out
          lenet-tui augment --config configs/best.json assets/sketches/7-small-corner.txt
          lenet-tui augment --config configs/best.json --bench
        """)

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
        try reportingErrors {
            try checkPathFlags([("--config", config), ("--data", data), ("--results", results)])
            if let count, !(1...64).contains(count) {
                throw ConfigError.invalidFlag(flag: "--count", requirement: "in 1...64", found: "\(count)")
            }
            if let width, width < 30 {
                throw ConfigError.invalidFlag(flag: "--width", requirement: "at least 30", found: "\(width)")
            }
            let base = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            let source = config ?? ConfigLoader.defaultFileName
            let settings = try ConfigLoader.load(path: config, currentDirectory: base)
            guard settings.augmentation.isOn else {
                throw AugmentationOff(source: source)
            }
            if let results {
                try OutputPaths.checkDirectory(results, subject: "--results \(results)")
                try OutputPaths.checkReplaceable((results as NSString).appendingPathComponent("augmented.svg"))
                try OutputPaths.createDirectory(results, subject: "--results \(results)")
            }
            let preview = AugmentationPreview(settings: settings.augmentation, seed: seed ?? settings.seed)
            try printLine("augmentation of \(TerminalText.escaped(source)): \(settings.augmentation.summary); seed \(preview.seed)")
            if bench { return try Self.bench(settings, seed: preview.seed, data: data) }
            let rows = files.isEmpty ? try trainingRows(preview) : try sketchRows(preview)
            let lineWidth = width ?? Self.terminalWidth()
            for (index, row) in rows.enumerated() {
                if index > 0 { try printLine("") }
                try printLine(row.name)
                for line in AugmentationPreview.grid(row.images, width: lineWidth) { try printLine(line) }
            }
            if let results {
                let path = (results as NSString).appendingPathComponent("augmented.svg")
                let svg = AugmentationPreview.svg(rows: rows, title: "Augmented training images",
                                                  subtitle: "\(settings.augmentation.summary); seed \(preview.seed)")
                try AtomicFile.write(Array(svg.utf8), to: path)
                try printLine("picture: \(path)")
            }
        }
    }

    /// The first `count` training images, each as it is and in epochs 1...5.
    private func trainingRows(_ preview: AugmentationPreview) throws -> [(name: String, images: [(label: String, pixels: [UInt8])])] {
        let train = try MNISTLoader.load(split: .train, from: try Session.dataDirectory(data, kind: .mnist), kind: .mnist,
                                         verifyChecksums: true)
        return (0..<min(count ?? 4, train.count)).map { index in
            let pixels = Array(train.images[index * 784 ..< (index + 1) * 784])
            let variants = preview.variants(of: pixels, position: index, epochs: 5)
            return ("training image \(index) (label \(train.labels[index]))",
                    [("original", pixels)] + variants.enumerated().map { ("epoch \($0.offset + 1)", $0.element) })
        }
    }

    /// Each sketch, preprocessed as `predict` does, and `count` distortions.
    private func sketchRows(_ preview: AugmentationPreview) throws -> [(name: String, images: [(label: String, pixels: [UInt8])])] {
        var rows: [(name: String, images: [(label: String, pixels: [UInt8])])] = []
        let failed = try eachSketch(files) { file, sketch in
            guard let digit = MNISTPreprocessing.preprocess(sketch) else { throw SketchError.emptyDrawing(path: file) }
            let variants = preview.variants(of: digit.pixels, position: 0, epochs: count ?? 5)
            rows.append((TerminalText.escaped(file),
                         [("preprocessed", digit.pixels)] + variants.enumerated().map { ("distortion \($0.offset + 1)", $0.element) }))
        }
        if failed { throw ExitCode(1) }
        return rows
    }

    /// Prints the cost of augmentation for one epoch of the config's mini-batches and threads.
    private static func bench(_ config: TrainingConfig, seed: UInt64, data: String?) throws {
        let train = try MNISTLoader.load(split: .train, from: try Session.dataDirectory(data, kind: .mnist), kind: .mnist,
                                         verifyChecksums: true)
        let threads = config.effectiveThreadCount
        let result = AugmentationBenchmark.measure(dataset: train, normalization: .mnist, settings: config.augmentation,
                                                   seed: seed, batchSize: config.batchSize, threads: threads)
        try printLine("one epoch of \(ReportFormat.grouped(train.count)) images in mini-batches of \(config.batchSize), "
            + "\(threads) thread\(threads == 1 ? "" : "s") (best of 3):")
        try printLine("  plain loading      \(ReportFormat.fixed(result.plain, 3)) s")
        try printLine("  augmented loading  \(ReportFormat.fixed(result.augmented, 3)) s")
        try printLine("  augmentation adds  \(ReportFormat.fixed(result.augmented - result.plain, 3)) s per epoch")
    }

    /// The terminal's width when stdout is one, else 120.
    static func terminalWidth() -> Int {
        var size = winsize()
        if isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 30 {
            return Int(size.ws_col)
        }
        return 120
    }
}

/// `augment` with a config whose augmentation is off.
struct AugmentationOff: Error, CustomStringConvertible {
    let source: String
    var description: String {
        "\(TerminalText.escaped(source)): augmentation is off (augment_shift, augment_rotation, augment_scale, "
            + "augment_shear and elastic_alpha are all 0); try --config configs/best.json"
    }
}
