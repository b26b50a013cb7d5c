import Foundation
import LeNetFormats

/// Why a checkpoint cannot be resumed as asked; `description` is the one line to print, naming the file
/// and the flags or keys at fault.
public enum ResumeError: Error, CustomStringConvertible, Equatable, Sendable {
    /// No optimizer state or RNG state (weights only: the dashboard's s key, a PyTorch file):
    /// `epochCheckpoint` is the epoch checkpoint that probably goes with it, `savedAt` where in its run an
    /// s file's weights were taken ("epoch 3, mini-batch 561 of 938").
    case weightsOnly(path: String, epochCheckpoint: String?, savedAt: String? = nil)
    /// The checkpoint carries no saved config (metadata `config`).
    case missingConfig(path: String)
    /// A metadata number no real run produces (`epoch` above `ConfigRules.maxEpochs`, ...).
    case absurdMetadata(path: String, key: String, value: Int, limit: Int)
    /// The saved config names one optimizer and the saved state belongs to the other.
    case optimizerMismatch(path: String, config: OptimizerKind, state: OptimizerKind)
    /// Flags or config keys that differ from the saved config, each as "--lr 0.01 conflicts with ...".
    case conflicts(path: String, [String])

    /// The one line to print (after `lenet-tui: error: `).
    public var description: String {
        switch self {
        case let .weightsOnly(path, epochCheckpoint, savedAt):
            let instead = epochCheckpoint.map { "resume from the epoch checkpoint (\($0))" }
                ?? "resume from an epoch checkpoint that `lenet-tui train` wrote"
            let what = savedAt.map { "saved with the dashboard's s key at \($0); no optimizer or random-generator state" }
                ?? "no optimizer or random-generator state, e.g. saved with the dashboard's s key"
            return "\(path): holds weights only (\(what)), so training cannot resume exactly from it; \(instead)"
        case let .missingConfig(path):
            return "\(path): has no saved config (metadata \"config\"), so training cannot resume from it; "
                + "resume from a checkpoint that `lenet-tui train` wrote"
        case let .absurdMetadata(path, key, value, limit):
            return "\(path): metadata \"\(key)\" is \(value), more than the \(limit) any run can reach; "
                + "the file is damaged or was not written by lenet-tui"
        case let .optimizerMismatch(path, config, state):
            return "\(path): the saved config says optimizer \(config.rawValue) but the saved optimizer state "
                + "is \(state.rawValue)'s; the file is damaged or was not written by lenet-tui"
        case let .conflicts(path, conflicts):
            return "\(path): " + conflicts.joined(separator: "; ") + "; a resumed run keeps its saved config "
                + "(only --epochs, --checkpoint, --results, --threads, --pace and --data may change)"
        }
    }
}

/// How a `--resume` run continues: the checkpoint's saved config, with only the epoch count, the output
/// paths, the thread count and the pace open to change. Pure: no files are touched.
public struct ResumePlan: Sendable, Equatable {
    /// The config of the resumed run.
    public let config: TrainingConfig
    /// Epochs the checkpoint has done.
    public let completedEpochs: Int

    /// Whether the checkpoint already has every epoch asked for ("nothing to do").
    public var isFinished: Bool { completedEpochs >= config.epochs }

    /// Config keys that a resumed run may change (flags `--epochs`, `--checkpoint`, `--threads`, `--pace`,
    /// `--no-mouse`; none of them changes the numbers).
    public static let changeableKeys: Set<String> = ["epochs", "checkpoint", "threads", "pace", "mouse"]

    /// - Parameters:
    ///   - checkpoint: the checkpoint to continue, read from `path`.
    ///   - flags: the command-line overrides.
    ///   - file: an explicitly given config file (`--config`); its keys must agree with the saved config
    ///     except `changeableKeys`.
    /// - Throws: `ResumeError` (weights only, absurd metadata, optimizer mismatch, conflicts), a
    ///   `ConfigError` for an unreadable saved config (naming the file's metadata) or a bad flag value.
    public init(checkpoint: Checkpoint, path: String, flags: ConfigOverrides, file: ConfigFile?) throws {
        try Self.checkResumable(checkpoint, path: path)
        guard let json = checkpoint.configJSON else { throw ResumeError.missingConfig(path: path) }
        let saved = try ConfigLoader.parse(json, source: "\(path) (metadata \"config\")")
        // AdamW keeps Adam's state (exp_avg, exp_avg_sq, step).
        if let state = checkpoint.optimizer.map(Self.kind), state != (saved.optimizer == .adamw ? .adam : saved.optimizer) {
            throw ResumeError.optimizerMismatch(path: path, config: saved.optimizer, state: state)
        }
        _ = try checkpoint.learningRateMultiplier(path: path)
        var conflicts = try Self.flagConflicts(flags, saved: saved)
        if let file { conflicts += Self.fileConflicts(file, saved: saved) }
        guard conflicts.isEmpty else { throw ResumeError.conflicts(path: path, conflicts) }

        var config = saved
        config.checkpoint = path
        if let file {
            if file.keys.contains("epochs") { config.epochs = file.config.epochs }
            if file.keys.contains("threads") { config.threads = file.config.threads }
            if file.keys.contains("checkpoint") { config.checkpoint = file.config.checkpoint }
            if file.keys.contains("pace") { config.pace = file.config.pace }
            if file.keys.contains("mouse") { config.mouse = file.config.mouse }
        }
        var changes = ConfigOverrides()
        changes.epochs = flags.epochs
        changes.threads = flags.threads
        changes.checkpoint = flags.checkpoint
        changes.pace = flags.pace
        changes.mouse = flags.mouse
        self.config = try config.applying(changes)
        completedEpochs = checkpoint.epoch
    }

    /// Refuses checkpoints training cannot continue from exactly: weights only, or metadata numbers out
    /// of any real run's reach (which would also overflow `epoch + 1`).
    public static func checkResumable(_ checkpoint: Checkpoint, path: String) throws {
        if checkpoint.epoch > ConfigRules.maxEpochs {
            throw ResumeError.absurdMetadata(path: path, key: "epoch", value: checkpoint.epoch, limit: ConfigRules.maxEpochs)
        }
        if case let .adam(step, _, _) = checkpoint.optimizer, step > maxOptimizerSteps {
            throw ResumeError.absurdMetadata(path: path, key: "adam_step", value: step, limit: maxOptimizerSteps)
        }
        guard checkpoint.optimizer != nil, checkpoint.rngState != nil else {
            let suffix = "-saved.safetensors"
            let epochCheckpoint = path.hasSuffix(suffix) ? String(path.dropLast(suffix.count)) + ".safetensors" : nil
            let position = (try? checkpoint.savedPosition(path: path)) ?? nil
            let savedAt = position.map { $0.isEpochBoundary ? "the end of epoch \($0.completedEpochs)" : $0.description }
            throw ResumeError.weightsOnly(path: path, epochCheckpoint: epochCheckpoint, savedAt: savedAt)
        }
    }

    /// The most optimizer steps a run can take: every epoch, every image its own mini-batch.
    public static let maxOptimizerSteps = ConfigRules.maxEpochs * ConfigRules.maxBatchSize

    private static func kind(_ snapshot: OptimizerSnapshot) -> OptimizerKind {
        if case .adam = snapshot { return .adam }
        return .sgd
    }

    /// "--lr 0.01 conflicts with the checkpoint's learning_rate 0.001" for every given flag that is not
    /// free to change and differs from the saved value.
    static func flagConflicts(_ flags: ConfigOverrides, saved: TrainingConfig) throws -> [String] {
        typealias Flag = ConfigOverrides.Flag
        var fixed = ConfigOverrides()
        fixed.batchSize = flags.batchSize
        fixed.learningRate = flags.learningRate
        fixed.optimizer = flags.optimizer
        fixed.seed = flags.seed
        fixed.limit = flags.limit
        let asked = try saved.applying(fixed)
        let given: [(flag: String, key: ConfigKey, isSet: Bool)] = [
            (Flag.batchSize, .batchSize, flags.batchSize != nil), (Flag.learningRate, .learningRate, flags.learningRate != nil),
            (Flag.optimizer, .optimizer, flags.optimizer != nil), (Flag.seed, .seed, flags.seed != nil),
            (Flag.limit, .limit, flags.limit != nil),
        ]
        return given.compactMap { flag, key, isSet in
            guard isSet, let wanted = asked.value(of: key), let kept = saved.value(of: key), wanted != kept else { return nil }
            return "\(flag) \(wanted.serialized()) conflicts with the checkpoint's \(key.rawValue) \(kept.serialized())"
        }
    }

    /// The same for the keys an explicit config file sets.
    static func fileConflicts(_ file: ConfigFile, saved: TrainingConfig) -> [String] {
        ConfigKey.allCases.compactMap { key in
            guard file.keys.contains(key.rawValue), !changeableKeys.contains(key.rawValue),
                  let wanted = file.config.value(of: key), let kept = saved.value(of: key), wanted != kept else { return nil }
            return "\(file.source): key \(JSONValue.quoted(key.rawValue)) \(wanted.serialized()) conflicts "
                + "with the checkpoint's \(key.rawValue) \(kept.serialized())"
        }
    }
}

extension TrainingConfig {
    /// One key's value as JSON (how `jsonString` writes it).
    func value(of key: ConfigKey) -> JSONValue? {
        guard case .object(let members) = jsonValue else { return nil }
        return members.first { $0.key == key.rawValue }?.value
    }
}
