import Foundation
import LeNetFormats
import LeNetTraining
import MNISTData

/// Resolves config, data and checkpoints for the commands: the I/O around the pure training core.
public enum Session {
    /// Where the executable lives, for finding the bundled assets and config when run from elsewhere.
    public static var executableURL: URL? { ExecutableSearch.executableURL }

    /// The config file of a run: `--config PATH` (must exist), else ./config.json, else the repository's
    /// config.json next to the executable's build folder; nil when there is none (the built-in defaults).
    /// A resumed run starts from its checkpoint's saved config instead, so it reads only an explicit one.
    /// - Throws: `ConfigError` for an unreadable or invalid file, naming it.
    public static func configFile(_ request: TrainingRequest) throws -> ConfigFile? {
        if let path = request.config { return try ConfigLoader.loadFile(from: URL(fileURLWithPath: path)) }
        guard request.resume == nil,
              let found = defaultConfigURL(currentDirectory: FileManager.default.currentDirectoryPath,
                                           executable: executableURL) else { return nil }
        return try ConfigLoader.loadFile(from: found)
    }

    /// ./config.json in `currentDirectory`, else the first `config.json` beside a `Package.swift` in the
    /// executable's directory or up to four above it (the repository of a `.build` folder); nil for none.
    static func defaultConfigURL(currentDirectory: String, executable: URL?) -> URL? {
        let fm = FileManager.default
        let local = URL(fileURLWithPath: currentDirectory).appendingPathComponent("config.json")
        if fm.fileExists(atPath: local.path) { return local }
        return ExecutableSearch.first("config.json", from: executable, levels: 4) { directory, _ in
            fm.fileExists(atPath: directory.appendingPathComponent("Package.swift").path)
        }
    }

    /// Where the checkpoint path came from and the path, for messages: `--checkpoint x`, `--resume x` (a
    /// resumed run writes the checkpoint it continues), `config.json: key "checkpoint" x`, `checkpoint x`.
    public static func checkpointSubject(_ request: TrainingRequest, file: ConfigFile?, path: String) -> String {
        if request.checkpoint != nil { return "--checkpoint \(path)" }
        if let file, file.keys.contains("checkpoint") { return "\(file.source): key \"checkpoint\" \(path)" }
        if request.resume != nil { return "--resume \(path)" }
        return "checkpoint \(path)"
    }

    /// The directory of `kind`'s files: `--data DIR`, else MNIST's usual places (`$LENET_DATA`,
    /// ./assets/mnist, the repository's) or Fashion-MNIST's package directory; a missing Fashion-MNIST says
    /// how to install it.
    /// - Throws: `MNISTLocatorError`, one line.
    public static func dataDirectory(_ flag: String?, kind: DatasetKind) throws -> URL {
        try DatasetLocator.locate(kind: kind, dataFlag: flag, environment: ProcessInfo.processInfo.environment,
                                  currentDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                                  executableURL: executableURL)
    }

    /// Loads both splits of `kind` (MNIST by default), verifying the SHA-256 of its standard files; the
    /// data carries the dataset's own normalisation (`DatasetKind.normalization`).
    /// - Throws: the locator's or loader's error, one line naming the file.
    public static func loadData(_ flag: String?, kind: DatasetKind = .mnist) throws -> TrainingData {
        let directory = try dataDirectory(flag, kind: kind)
        let train = try MNISTLoader.load(split: .train, from: directory, kind: kind, verifyChecksums: true)
        let test = try MNISTLoader.load(split: .test, from: directory, kind: kind, verifyChecksums: true)
        return TrainingData(train: train, test: test, normalization: kind.normalization, kind: kind)
    }

    /// Loads one split of `kind` (the test split by default), verifying its checksum.
    public static func loadSplit(_ flag: String?, kind: DatasetKind, split: MNISTSplit = .test) throws -> MNISTDataset {
        try MNISTLoader.load(split: split, from: try dataDirectory(flag, kind: kind), kind: kind, verifyChecksums: true)
    }

    /// The dataset to train on: `--dataset`, else the one recorded in the `--resume` checkpoint, else MNIST.
    /// - Throws: `SessionError.datasetMismatch` when `--dataset` differs from the resumed checkpoint's (a
    ///   resumed run continues on the data it started on), `CheckpointError.badMetadata` for an unknown name.
    public static func datasetKind(_ request: TrainingRequest, resume: Checkpoint?) throws -> DatasetKind {
        let chosen = try parseDataset(request.dataset)
        let recorded = try resume?.dataset(path: request.resume ?? "")
        if let chosen, let recorded, chosen != recorded, let path = request.resume {
            throw SessionError.datasetMismatch(flag: chosen, checkpoint: path, recorded: recorded)
        }
        return chosen ?? recorded ?? .mnist
    }

    /// The `--dataset` value as a `DatasetKind` (nil when the flag is absent).
    /// - Throws: `SessionError.unknownDataset` naming the value and the known ones.
    public static func parseDataset(_ value: String?) throws -> DatasetKind? {
        guard let value else { return nil }
        guard let kind = DatasetKind(rawValue: value.lowercased()) else { throw SessionError.unknownDataset(value) }
        return kind
    }

    /// The writer of `metrics.csv`, `training_curve.svg` and `filters_by_epoch.svg` for a run (in
    /// `--results DIR`, already checked by `OutputPaths`), with the rows of the earlier run when resuming.
    /// - Throws: `MetricsCSVError` for an unreadable earlier `metrics.csv` when resuming.
    public static func trainingResults(_ request: TrainingRequest, config: TrainingConfig, kind: DatasetKind,
                                       trainImages: Int, resume: Checkpoint?) throws -> TrainingResults {
        // `resume.epoch` is at most ConfigRules.maxEpochs here (ResumePlan), so `+ 1` cannot overflow.
        let previous = try resume.map { try TrainingResults.previousRows(in: request.results, before: $0.epoch + 1) } ?? []
        let optimizer = config.optimizerDescription
        let title = "LeNet-5 on \(kind.displayName) · \(optimizer) lr \(config.learningRate) (\(config.lrSchedule.rawValue))"
            + " · batch \(config.batchSize) · \(ReportFormat.counted(trainImages, "training image"))"
        return TrainingResults(directory: request.results, plannedEpochs: config.epochs, title: title, previous: previous)
    }
}

/// Command-line problems found while putting a session together; `description` is the one line to print.
public enum SessionError: Error, CustomStringConvertible, Equatable {
    /// `--dataset` names another dataset than the checkpoint being resumed was trained on.
    case datasetMismatch(flag: DatasetKind, checkpoint: String, recorded: DatasetKind)
    /// `--dataset` names no known dataset.
    case unknownDataset(String)

    public var description: String {
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
