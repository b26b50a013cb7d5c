import ArgumentParser
import LeNetApp
import LeNetTraining
import MNISTData

/// Options shared by `lenet-tui` (the TUI) and `lenet-tui train`. Flags override config.json.
struct TrainOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Hyperparameter file (JSON).", valueName: "path"))
    var config: String?
    @Option(name: .long, help: ArgumentHelp("Dataset: mnist (bundled) or fashion-mnist (apt-get install dataset-fashion-mnist). Default: the --resume checkpoint's, else mnist.", valueName: "name"),
            completion: .list(DatasetKind.allCases.map(\.rawValue)))
    var dataset: String?
    @Option(name: .long, help: ArgumentHelp("Directory holding the dataset's four IDX files (default: $LENET_DATA, else the bundled assets/mnist; /usr/share/datasets/fashion-mnist).", valueName: "dir"))
    var data: String?
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Number of epochs (total, also when resuming; at most 100000).", valueName: "n"))
    var epochs: Int?
    @Option(name: .customLong("batch-size"), parsing: .unconditional, help: ArgumentHelp("Mini-batch size (1 to 60000).", valueName: "n"))
    var batchSize: Int?
    @Option(name: .customLong("lr"), parsing: .unconditional, help: ArgumentHelp("Initial learning rate.", valueName: "x"))
    var learningRate: Double?
    @Option(name: .long, help: ArgumentHelp("Optimizer: adam, adamw or sgd.", valueName: "name"))
    var optimizer: OptimizerKind?
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Random seed for initialisation and shuffling, 0 to 18446744073709551615.", valueName: "n"))
    var seed: UInt64?
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Train on the first N training images only (the test set stays whole).", valueName: "n"))
    var limit: Int?
    @Option(name: .long, help: ArgumentHelp("Checkpoint written after every epoch (default checkpoints/lenet5.safetensors; with --resume, the resumed file).", valueName: "path"))
    var checkpoint: String?
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Worker threads (0 = all processors).", valueName: "n"))
    var threads: Int?
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("At most N mini-batches per second, to watch a run: 0 (full speed), 200, 50, 10, 2 or 1. Waits are not counted in training time or img/s.", valueName: "n"))
    var pace: Int?
    @Flag(inversion: .prefixedNo, help: "Read the mouse in the dashboard (the default): drag on the draw pad, click heatmap cells, scroll the epoch log. --no-mouse leaves the terminal's own text selection alone.")
    var mouse: Bool?
    @Option(name: .long, help: ArgumentHelp("Continue from an epoch checkpoint written by lenet-tui (weights, optimizer and RNG state) with its saved config; only --epochs, --checkpoint, --results, --threads, --pace and --data may change.", valueName: "path"))
    var resume: String?
    @Option(name: .long, help: ArgumentHelp("Directory for metrics.csv, training_curve.svg and filters_by_epoch.svg, rewritten after every epoch.", valueName: "dir"))
    var results: String = "results"
    @Flag(name: .long, help: "Print one JSON object per epoch instead of a readable line (the dashboard then runs headless, like train).")
    var json = false
    /// The flags' values for `LeNetApp` (the path flags are checked there).
    var request: TrainingRequest {
        TrainingRequest(config: config, dataset: dataset, data: data, resume: resume, results: results, json: json,
                        overrides: ConfigOverrides(batchSize: batchSize, epochs: epochs, learningRate: learningRate,
                                                   optimizer: optimizer, seed: seed, limit: limit, checkpoint: checkpoint,
                                                   threads: threads, pace: pace, mouse: mouse))
    }
}

extension OptimizerKind: ExpressibleByArgument {}
