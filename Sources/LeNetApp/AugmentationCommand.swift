import Foundation
import LeNetFormats
import LeNetTraining
import MNISTData

/// `lenet-tui augment [FILE...]`: shows what the network is fed when augmentation is on.
public enum AugmentationCommand {
    /// A row of pictures: its name and each image with its label.
    typealias Row = (name: String, images: [(label: String, pixels: [UInt8])])

    /// What `augment` was asked for (the flags' values).
    public struct Request: Sendable {
        /// Sketch files; none = training images.
        public var files: [String] = []
        public var config: String?
        /// Training images to show, or distortions per sketch (1 to 64).
        public var count: Int?
        public var seed: UInt64?
        public var data: String?
        public var results: String?
        /// Line width for the pictures (at least 30; default: the terminal's, else 120).
        public var width: Int?
        /// Time loading one epoch with and without augmentation instead.
        public var bench = false

        public init() {}
    }

    /// Prints the pictures (or the timing) and, with `results`, writes augmented.svg.
    /// - Throws: `ExitStatus`, `StreamWriteFault`.
    public static func run(_ request: Request) throws {
        try reportingErrors { try show(request) }
    }

    private static func show(_ r: Request) throws {
        try checkPathFlags([("--config", r.config), ("--data", r.data), ("--results", r.results)])
        if let count = r.count, !(1...64).contains(count) {
            throw ConfigError.invalidFlag(flag: "--count", requirement: "in 1...64", found: "\(count)")
        }
        if let width = r.width, width < 30 {
            throw ConfigError.invalidFlag(flag: "--width", requirement: "at least 30", found: "\(width)")
        }
        let base = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let source = r.config ?? ConfigLoader.defaultFileName
        let settings = try ConfigLoader.load(path: r.config, currentDirectory: base)
        guard settings.augmentation.isOn else { throw AugmentationOff(source: source) }
        if let results = r.results {
            try OutputPaths.checkDirectory(results, subject: "--results \(results)")
            try OutputPaths.checkReplaceable((results as NSString).appendingPathComponent("augmented.svg"))
            try OutputPaths.createDirectory(results, subject: "--results \(results)")
        }
        let preview = AugmentationPreview(settings: settings.augmentation, seed: r.seed ?? settings.seed)
        try printLine("augmentation of \(TerminalText.escaped(source)): \(settings.augmentation.summary); seed \(preview.seed)")
        if r.bench { return try bench(settings, seed: preview.seed, data: r.data) }
        let rows = r.files.isEmpty ? try trainingRows(preview, r) : try sketchRows(preview, r)
        let lineWidth = r.width ?? terminalWidth()
        for (index, row) in rows.enumerated() {
            if index > 0 { try printLine("") }
            try printLine(row.name)
            for line in AugmentationPreview.grid(row.images, width: lineWidth) { try printLine(line) }
        }
        if let results = r.results {
            let path = (results as NSString).appendingPathComponent("augmented.svg")
            let svg = AugmentationPreview.svg(rows: rows, title: "Augmented training images",
                                              subtitle: "\(settings.augmentation.summary); seed \(preview.seed)")
            try AtomicFile.write(Array(svg.utf8), to: path)
            try printLine("picture: \(path)")
        }
    }

    /// The first `count` training images, each as it is and in epochs 1...5.
    private static func trainingRows(_ preview: AugmentationPreview, _ r: Request) throws -> [Row] {
        let train = try Session.loadSplit(r.data, kind: .mnist, split: .train)
        return (0..<min(r.count ?? 4, train.count)).map { index in
            let pixels = Array(train.images[index * 784 ..< (index + 1) * 784])
            let variants = preview.variants(of: pixels, position: index, epochs: 5)
            return ("training image \(index) (label \(train.labels[index]))",
                    [("original", pixels)] + variants.enumerated().map { ("epoch \($0.offset + 1)", $0.element) })
        }
    }

    /// Each sketch, preprocessed as `predict` does, and `count` distortions.
    private static func sketchRows(_ preview: AugmentationPreview, _ r: Request) throws -> [Row] {
        var rows: [Row] = []
        let failed = try eachSketch(r.files) { file, sketch in
            guard let digit = MNISTPreprocessing.preprocess(sketch) else { throw SketchError.emptyDrawing(path: file) }
            let variants = preview.variants(of: digit.pixels, position: 0, epochs: r.count ?? 5)
            rows.append((TerminalText.escaped(file),
                         [("preprocessed", digit.pixels)] + variants.enumerated().map { ("distortion \($0.offset + 1)", $0.element) }))
        }
        if failed { throw ExitStatus.failure }
        return rows
    }

    /// Prints the cost of augmentation for one epoch of the config's mini-batches and threads.
    private static func bench(_ config: TrainingConfig, seed: UInt64, data: String?) throws {
        let train = try Session.loadSplit(data, kind: .mnist, split: .train)
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
