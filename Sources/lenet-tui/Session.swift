import ArgumentParser
import Foundation
import LeNetFormats
import LeNetTraining
import MNISTData

/// Resolves config, data and checkpoints for the commands: the I/O around the pure training core.
enum Session {
    /// Where the executable lives, for finding the bundled assets and config when run from elsewhere.
    static var executableURL: URL? {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    }

    /// The config file of a run: `--config PATH` (must exist), else ./config.json, else the repository's
    /// config.json next to the executable's build folder; nil when there is none (the built-in defaults).
    /// A resumed run starts from its checkpoint's saved config instead, so it reads only an explicit one.
    static func configFile(_ options: TrainOptions) throws -> ConfigFile? {
        if let path = options.config { return try ConfigLoader.loadFile(from: URL(fileURLWithPath: path)) }
        guard options.resume == nil, let found = defaultConfigURL() else { return nil }
        return try ConfigLoader.loadFile(from: found)
    }

    /// Where the checkpoint path came from and the path, for messages: `--checkpoint x`, `--resume x` (a
    /// resumed run writes the checkpoint it continues), `config.json: key "checkpoint" x`, `checkpoint x`.
    static func checkpointSubject(_ options: TrainOptions, file: ConfigFile?, path: String) -> String {
        if options.checkpoint != nil { return "--checkpoint \(path)" }
        if let file, file.keys.contains("checkpoint") { return "\(file.source): key \"checkpoint\" \(path)" }
        if options.resume != nil { return "--resume \(path)" }
        return "checkpoint \(path)"
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

    /// The writer of `metrics.csv`, `training_curve.svg` and `filters_by_epoch.svg` for a run (in
    /// `--results DIR`, already checked by `OutputPaths`), with the rows of the earlier run when resuming.
    /// - Throws: `MetricsCSVError` for an unreadable earlier `metrics.csv` when resuming.
    static func trainingResults(_ options: TrainOptions, config: TrainingConfig, kind: DatasetKind,
                                trainImages: Int, resume: Checkpoint?) throws -> TrainingResults {
        // `resume.epoch` is at most ConfigRules.maxEpochs here (ResumePlan), so `+ 1` cannot overflow.
        let previous = try resume.map { try TrainingResults.previousRows(in: options.results, before: $0.epoch + 1) } ?? []
        let optimizer = config.optimizerDescription
        let title = "LeNet-5 on \(kind.displayName) · \(optimizer) lr \(config.learningRate) (\(config.lrSchedule.rawValue))"
            + " · batch \(config.batchSize) · \(ReportFormat.counted(trainImages, "training image"))"
        return TrainingResults(directory: options.results, plannedEpochs: config.epochs, title: title, previous: previous)
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

    var description: String {
        switch self {
        case let .datasetMismatch(flag, checkpoint, recorded):
            return "--dataset \(flag.rawValue): \(checkpoint) was trained on \(recorded.rawValue); "
                + "a resumed run continues on its own dataset (drop --dataset or pass --dataset \(recorded.rawValue))"
        case let .unknownDataset(value):
            return "--dataset \(value): unknown dataset; expected one of "
                + DatasetKind.allCases.map(\.rawValue).joined(separator: ", ")
        }
    }
}

/// Refuses a path flag with a control character (a NUL cuts a path short where the system reads it;
/// the others would reach the terminal in messages), naming the flag; absent flags pass.
/// - Throws: `ConfigError.invalidFlag`, e.g. `--results must be a path without control characters ...`.
func checkPathFlags(_ flags: [(flag: String, value: String?)]) throws {
    for (flag, value) in flags {
        guard let value, let requirement = ConfigRules.path(value) else { continue }
        throw ConfigError.invalidFlag(flag: flag, requirement: requirement, found: TerminalText.quoted(value))
    }
}

/// Runs `body`; any error other than an exit request or a failed write to stdout/stderr is printed as
/// one line on stderr with exit status 1. `NothingToDo` is said on stderr and ends with status 0.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let exit as ExitCode {
        throw exit
    } catch let fault as StreamWriteFault {
        throw fault
    } catch let done as NothingToDo {
        try Console.writeLine("\(Console.programName): \(done)", to: .error)
    } catch {
        try printError("\(error)")
        throw ExitCode(1)
    }
}

/// Writes `lenet-tui: error: <message>` to stderr.
func printError(_ message: String) throws(StreamWriteFault) {
    try Console.writeError(message)
}

/// Writes `lenet-tui: warning: <message>` to stderr.
func printWarning(_ message: String) throws(StreamWriteFault) {
    try Console.writeLine("\(Console.programName): warning: \(message)", to: .error)
}

/// Writes a line to stdout at once (so pipes see progress as it happens).
func printLine(_ text: String) throws(StreamWriteFault) {
    try Console.writeLine(text, to: .output)
}
