import ArgumentParser
import Foundation
import LeNetTraining
import MNISTData

/// Resolves config, data and checkpoints for the commands: the I/O around the pure training core.
enum Session {
    /// Where the executable lives, for finding the bundled assets and config when run from elsewhere.
    static var executableURL: URL? {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    }

    /// The effective config: `--config PATH` (must exist), else ./config.json, else the repository's
    /// config.json next to the executable's build folder, else the built-in defaults; then the flags.
    static func config(_ options: TrainOptions) throws -> TrainingConfig {
        let base: TrainingConfig
        if let path = options.config {
            base = try ConfigLoader.load(from: URL(fileURLWithPath: path))
        } else if let found = defaultConfigURL() {
            base = try ConfigLoader.load(from: found)
        } else {
            base = .defaults
        }
        return try base.applying(options.overrides)
    }

    /// The directory of `kind`'s files: `--data DIR`, else MNIST's usual places (`$LENET_DATA`, ./assets/mnist, the repository's) or
    /// Fashion-MNIST's package directory; a missing Fashion-MNIST says how to install it.
    static func dataDirectory(_ flag: String?, kind: DatasetKind) throws -> URL {
        try DatasetLocator.locate(kind: kind, dataFlag: flag, environment: ProcessInfo.processInfo.environment,
                                  currentDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                                  executableURL: executableURL)
    }

    /// Loads both splits of MNIST, verifying the checksums of the standard files.
    static func loadData(_ flag: String?) throws -> TrainingData {
        try loadData(flag, kind: .mnist)
    }

    /// Loads both splits of `kind`, verifying the SHA-256 of its standard files; the data carries the
    /// dataset's own normalisation (`DatasetKind.normalization`).
    static func loadData(_ flag: String?, kind: DatasetKind) throws -> TrainingData {
        let directory = try dataDirectory(flag, kind: kind)
        let train = try MNISTLoader.load(split: .train, from: directory, kind: kind, verifyChecksums: true)
        let test = try MNISTLoader.load(split: .test, from: directory, kind: kind, verifyChecksums: true)
        return TrainingData(train: train, test: test, normalization: kind.normalization, kind: kind)
    }

    /// Loads only the test split of `kind`.
    static func loadTestSet(_ flag: String?, kind: DatasetKind) throws -> MNISTDataset {
        try MNISTLoader.load(split: .test, from: try dataDirectory(flag, kind: kind), kind: kind, verifyChecksums: true)
    }

    /// The dataset to train on: `--dataset`, else the one recorded in the `--resume` checkpoint, else MNIST.
    /// - Throws: `SessionError.datasetMismatch` when `--dataset` differs from the resumed checkpoint's (a
    ///   resumed run continues on the data it started on), `CheckpointError.badMetadata` for an unknown name.
    static func datasetKind(_ options: TrainOptions, resume: Checkpoint?) throws -> DatasetKind {
        let chosen = try parseDataset(options.dataset)
        let recorded = try resume?.dataset(path: options.resume ?? "")
        if let chosen, let recorded, chosen != recorded, let path = options.resume {
            throw SessionError.datasetMismatch(flag: chosen, checkpoint: path, recorded: recorded)
        }
        return chosen ?? recorded ?? .mnist
    }

    /// The `--dataset` value as a `DatasetKind` (nil when the flag is absent).
    /// - Throws: `SessionError.unknownDataset` naming the value and the known ones.
    static func parseDataset(_ value: String?) throws -> DatasetKind? {
        guard let value else { return nil }
        guard let kind = DatasetKind(rawValue: value.lowercased()) else { throw SessionError.unknownDataset(value) }
        return kind
    }

    /// The writer of `metrics.csv`, `training_curve.svg` and `filters_by_epoch.svg` for a run, with the rows of the earlier run
    /// when resuming; creates `--results DIR` now so a bad path fails before training starts.
    /// - Throws: `SessionError.resultsDirectory` when the directory cannot be created,
    ///   `MetricsCSVError` for an unreadable earlier `metrics.csv` when resuming.
    static func trainingResults(_ options: TrainOptions, config: TrainingConfig, kind: DatasetKind,
                                trainImages: Int, resume: Checkpoint?) throws -> TrainingResults {
        try makeResultsDirectory(options.results)
        let previous = try resume.map { try TrainingResults.previousRows(in: options.results, before: $0.epoch + 1) } ?? []
        let optimizer = config.optimizer == .adam ? "Adam" : "SGD momentum \(config.momentum)"
        let title = "LeNet-5 on \(kind.displayName) · \(optimizer) lr \(config.learningRate) (\(config.lrSchedule.rawValue))"
            + " · batch \(config.batchSize) · \(ReportFormat.grouped(trainImages)) training images"
        return TrainingResults(directory: options.results, plannedEpochs: config.epochs, title: title, previous: previous)
    }

    /// Creates `path` (and parents) unless it is already a directory.
    /// - Throws: `SessionError.resultsDirectory` naming the path.
    static func makeResultsDirectory(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw SessionError.resultsDirectory(path: path, reason: "is a file, not a directory") }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw SessionError.resultsDirectory(path: path, reason: "cannot create the directory (\((error as NSError).localizedDescription))")
        }
    }

    private static func defaultConfigURL() -> URL? {
        let fm = FileManager.default
        let local = URL(fileURLWithPath: fm.currentDirectoryPath).appendingPathComponent("config.json")
        if fm.fileExists(atPath: local.path) { return local }
        var directory = executableURL?.deletingLastPathComponent()
        for _ in 0..<5 {
            guard let current = directory else { break }
            let candidate = current.appendingPathComponent("config.json")
            if fm.fileExists(atPath: candidate.path),
               fm.fileExists(atPath: current.appendingPathComponent("Package.swift").path) { return candidate }
            directory = current.deletingLastPathComponent()
        }
        return nil
    }
}

/// Command-line problems found while putting a session together; `description` is the one line to print.
enum SessionError: Error, CustomStringConvertible {
    /// `--dataset` names another dataset than the checkpoint being resumed was trained on.
    case datasetMismatch(flag: DatasetKind, checkpoint: String, recorded: DatasetKind)
    /// `--dataset` names no known dataset.
    case unknownDataset(String)
    /// `--results DIR` is not usable.
    case resultsDirectory(path: String, reason: String)

    var description: String {
        switch self {
        case let .datasetMismatch(flag, checkpoint, recorded):
            return "--dataset \(flag.rawValue): \(checkpoint) was trained on \(recorded.rawValue); "
                + "a resumed run continues on its own dataset (drop --dataset or pass --dataset \(recorded.rawValue))"
        case let .unknownDataset(value):
            return "--dataset \(value): unknown dataset; expected one of "
                + DatasetKind.allCases.map(\.rawValue).joined(separator: ", ")
        case let .resultsDirectory(path, reason):
            return "--results \(path): \(reason)"
        }
    }
}

/// Runs `body`; any error other than an exit request is printed as one line on stderr with exit status 1.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        printError("\(error)")
        throw ExitCode(1)
    }
}

/// Writes `lenet-tui: error: <message>` to stderr.
func printError(_ message: String) {
    FileHandle.standardError.write(Data("lenet-tui: error: \(message)\n".utf8))
}

/// Writes a line to stdout and flushes it (so pipes see progress as it happens).
func printLine(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
