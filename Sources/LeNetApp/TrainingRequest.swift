import LeNetTraining

/// What `train` and the dashboard were asked for on the command line, as plain values (the executable
/// parses the flags into it; nil = flag absent). Flags override the config file.
public struct TrainingRequest: Sendable {
    /// `--config PATH`: the hyperparameter file.
    public var config: String?
    /// `--dataset NAME` (`mnist`, `fashion-mnist`), checked by `Session.parseDataset`.
    public var dataset: String?
    /// `--data DIR`: the directory of the dataset's IDX files.
    public var data: String?
    /// `--resume PATH`: the epoch checkpoint to continue.
    public var resume: String?
    /// `--results DIR`: where metrics.csv, training_curve.svg and filters_by_epoch.svg go.
    public var results: String
    /// `--json`: one JSON object per epoch.
    public var json: Bool
    /// The flags that override config keys (`--epochs`, `--lr`, `--checkpoint`, ...).
    public var overrides: ConfigOverrides

    /// - Parameters: as the properties; `results` defaults to `results`.
    public init(config: String? = nil, dataset: String? = nil, data: String? = nil, resume: String? = nil,
                results: String = "results", json: Bool = false, overrides: ConfigOverrides = ConfigOverrides()) {
        self.config = config
        self.dataset = dataset
        self.data = data
        self.resume = resume
        self.results = results
        self.json = json
        self.overrides = overrides
    }

    /// `--checkpoint PATH`, when given.
    public var checkpoint: String? { overrides.checkpoint }

    /// The path flags, for `checkPathFlags` (control characters are refused, naming the flag).
    public var pathFlags: [(flag: String, value: String?)] {
        [("--config", config), ("--data", data), ("--checkpoint", checkpoint), ("--resume", resume), ("--results", results)]
    }
}
