import LeNetFormats
/// Command-line values that replace the file's. nil = not given (keep the file's value).
public struct ConfigOverrides: Sendable, Equatable {
    /// `--batch-size N` (1 ... 60,000).
    public var batchSize: Int?
    /// `--epochs N` (1 ... 100,000).
    public var epochs: Int?
    /// `--lr X` (positive, finite).
    public var learningRate: Double?
    /// `--optimizer adam|sgd`.
    public var optimizer: OptimizerKind?
    /// `--seed N`.
    public var seed: UInt64?
    /// `--limit N`: train on the first N images (at least 1).
    public var limit: Int?
    /// `--checkpoint PATH` (non-empty, no control characters).
    public var checkpoint: String?
    /// `--threads N` (0 = one per processor).
    public var threads: Int?
    /// `--pace N`: mini-batches per second, one of `TrainingPace.allowed` (0 = full speed).
    public var pace: Int?
    /// `--mouse` / `--no-mouse`: whether the dashboard reads the mouse.
    public var mouse: Bool?

    /// Overrides; all nil by default.
    public init(batchSize: Int? = nil, epochs: Int? = nil, learningRate: Double? = nil, optimizer: OptimizerKind? = nil,
                seed: UInt64? = nil, limit: Int? = nil, checkpoint: String? = nil, threads: Int? = nil,
                pace: Int? = nil, mouse: Bool? = nil) {
        self.batchSize = batchSize
        self.epochs = epochs
        self.learningRate = learningRate
        self.optimizer = optimizer
        self.seed = seed
        self.limit = limit
        self.checkpoint = checkpoint
        self.threads = threads
        self.pace = pace
        self.mouse = mouse
    }

    /// The flag names used in messages; the command-line parser should declare the same spellings
    /// (`--batch-size`, `--epochs`, `--lr` as in the PyTorch MNIST example, `--optimizer`, `--seed`,
    /// `--limit`, `--checkpoint`, `--threads`, `--pace`).
    public enum Flag {
        /// Flag of `batchSize`.
        public static let batchSize = "--batch-size"
        /// Flag of `epochs`.
        public static let epochs = "--epochs"
        /// Flag of `learningRate`.
        public static let learningRate = "--lr"
        /// Flag of `optimizer`.
        public static let optimizer = "--optimizer"
        /// Flag of `seed`.
        public static let seed = "--seed"
        /// Flag of `limit`.
        public static let limit = "--limit"
        /// Flag of `checkpoint`.
        public static let checkpoint = "--checkpoint"
        /// Flag of `threads`.
        public static let threads = "--threads"
        /// Flag of `pace`.
        public static let pace = "--pace"
    }
}

extension TrainingConfig {
    /// This configuration with the given overrides applied, each checked with the file's rules.
    /// - Throws: `ConfigError.invalidFlag` for the first bad value, e.g.
    ///   `--batch-size must be at least 1, got 0`.
    public func applying(_ overrides: ConfigOverrides) throws -> TrainingConfig {
        typealias Flag = ConfigOverrides.Flag
        func check<T>(_ value: T, _ rule: (T) -> String?, _ flag: String) throws -> T {
            if let requirement = rule(value) {
                throw ConfigError.invalidFlag(flag: flag, requirement: requirement, found: "\(value)")
            }
            return value
        }
        var result = self
        if let value = overrides.batchSize { result.batchSize = try check(value, ConfigRules.batchSize, Flag.batchSize) }
        if let value = overrides.epochs { result.epochs = try check(value, ConfigRules.epochs, Flag.epochs) }
        if let value = overrides.learningRate {
            result.learningRate = try check(value, ConfigRules.learningRate, Flag.learningRate)
        }
        if let value = overrides.optimizer { result.optimizer = value }
        if let value = overrides.seed { result.seed = value }
        if let value = overrides.limit { result.limit = try check(value, ConfigRules.positiveInteger, Flag.limit) }
        if let value = overrides.checkpoint {
            if let requirement = ConfigRules.checkpoint(value) {
                throw ConfigError.invalidFlag(flag: Flag.checkpoint, requirement: requirement, found: TerminalText.quoted(value))
            }
            result.checkpoint = value
        }
        if let value = overrides.threads { result.threads = try check(value, ConfigRules.nonNegativeInteger, Flag.threads) }
        if let value = overrides.pace {
            result.pace = TrainingPace(batchesPerSecond: try check(value, ConfigRules.pace, Flag.pace)) ?? .fullSpeed
        }
        if let value = overrides.mouse { result.mouse = value }
        return result
    }
}
