import Foundation
import LeNetEngine

/// Which optimiser updates the weights.
public enum OptimizerKind: String, Sendable, CaseIterable, Equatable {
    /// Adam (Kingma & Ba), PyTorch's defaults betas (0.9, 0.999), eps 1e-8.
    case adam
    /// Stochastic gradient descent with `momentum` (PyTorch `torch.optim.SGD`).
    case sgd
    /// AdamW (PyTorch `torch.optim.AdamW`, Loshchilov & Hutter 2019): Adam with decoupled weight decay,
    /// the weights shrunk by `learning rate × weight_decay` of themselves every step.
    case adamw
}

/// How the learning rate changes from epoch to epoch (stepped once per epoch, as PyTorch schedulers are).
public enum LRSchedule: String, Sendable, CaseIterable, Equatable {
    /// The same rate every epoch.
    case constant
    /// Multiplied by `lrGamma` every `lrStepSize` epochs (PyTorch `StepLR`).
    case step
    /// Half a cosine from the base rate down towards 0 over `epochs` (PyTorch `CosineAnnealingLR`,
    /// `T_max = epochs`, `eta_min = 0`).
    case cosine
    /// One cycle per run, changed after every mini-batch (PyTorch `OneCycleLR`, cosine annealing): up from
    /// `learning_rate / one_cycle_div_factor` to `learning_rate` over the first `one_cycle_pct_start` of
    /// the mini-batches, then down to `1 / one_cycle_final_div_factor` of the start
    /// (`TrainingConfig.learningRate(epoch:batch:batchesPerEpoch:)`).
    case oneCycle = "one_cycle"
}

/// The hyperparameters of a training run: `config.json` at the repository top, then command-line
/// overrides (`applying(_:)`).
///
/// Values built with `init` are not validated; user input goes through `ConfigLoader` and `applying(_:)`,
/// which reject out-of-range values with one-line errors.
public struct TrainingConfig: Sendable, Equatable {
    /// Images per mini-batch (file key `batch_size`, 1 ... `ConfigRules.maxBatchSize` = 60,000; default 64).
    /// Buffers are sized for at most the training images used (`Trainer.allocationBatchSize`).
    public var batchSize: Int
    /// Number of passes over the training set (`epochs`, 1 ... `ConfigRules.maxEpochs` = 100,000; default 10).
    public var epochs: Int
    /// Optimiser (`optimizer`: "adam" or "sgd"; default adam).
    public var optimizer: OptimizerKind
    /// Base learning rate (`learning_rate`, positive and finite; default 0.001).
    public var learningRate: Double
    /// SGD momentum (`momentum`, in [0, 1); default 0.9; unused by Adam).
    public var momentum: Double
    /// Weight decay as PyTorch's `weight_decay` (`weight_decay`, at least 0; default 0): an L2 penalty
    /// added to the gradients for adam and sgd, AdamW's decoupled decay for adamw.
    public var weightDecay: Double
    /// Learning-rate schedule (`lr_schedule`: "constant", "step", "cosine" or "one_cycle"; default cosine).
    public var lrSchedule: LRSchedule
    /// Epochs between decays of the step schedule (`lr_step_size`, at least 1; default 1).
    public var lrStepSize: Int
    /// Decay factor of the step schedule (`lr_gamma`, in (0, 1]; default 0.7, as the PyTorch MNIST example).
    public var lrGamma: Double
    /// Seed of the weight initialisation and shuffling RNG (`seed`, 0 ... 2^64-1; default 1).
    public var seed: UInt64
    /// Worker threads; 0 = one per active processor (`threads`, at least 0; default 0).
    public var threads: Int
    /// Where the trained weights are saved, relative paths from the current directory (`checkpoint`,
    /// non-empty, no control characters; default "checkpoints/lenet5.safetensors").
    public var checkpoint: String
    /// Train on only the first `limit` training images (`limit`, null or at least 1; default nil = all).
    public var limit: Int?
    /// The most mini-batches trained per second (`pace`: 0 = full speed, or 200, 50, 10, 2, 1; default 0).
    /// It never changes the numbers, only how fast they come, so a resumed run may change it.
    public var pace: TrainingPace
    /// Whether the dashboard reads the mouse (`mouse`: true or false; default true; `--no-mouse`): false
    /// leaves the terminal's own text selection alone. Not a training setting, so a resumed run may
    /// change it.
    public var mouse: Bool
    /// Label smoothing ε of the training loss (`label_smoothing`, in [0, 1); default 0): PyTorch's
    /// `F.cross_entropy(label_smoothing=ε)`, targets `(1 − ε)·onehot + ε/10`. The test loss stays plain.
    public var labelSmoothing: Double
    /// `one_cycle`: the share of mini-batches the rate rises (`one_cycle_pct_start`, in (0, 1); default 0.3).
    public var oneCyclePctStart: Double
    /// `one_cycle`: `learning_rate` / the starting rate (`one_cycle_div_factor`, at least 1; default 25).
    public var oneCycleDivFactor: Double
    /// `one_cycle`: the starting rate / the final rate (`one_cycle_final_div_factor`, at least 1; default 1e4).
    public var oneCycleFinalDivFactor: Double
    /// On-the-fly augmentation of the training images (`augment_*`, `elastic_*` keys; default off).
    public var augmentation: AugmentationSettings

    /// A configuration; every argument defaults to the documented default (the values of `config.json`).
    public init(batchSize: Int = 64, epochs: Int = 10, optimizer: OptimizerKind = .adam, learningRate: Double = 0.001,
                momentum: Double = 0.9, weightDecay: Double = 0, lrSchedule: LRSchedule = .cosine, lrStepSize: Int = 1,
                lrGamma: Double = 0.7, seed: UInt64 = 1, threads: Int = 0,
                checkpoint: String = "checkpoints/lenet5.safetensors", limit: Int? = nil,
                pace: TrainingPace = .fullSpeed, mouse: Bool = true, labelSmoothing: Double = 0, oneCyclePctStart: Double = 0.3,
                oneCycleDivFactor: Double = 25, oneCycleFinalDivFactor: Double = 1e4,
                augmentation: AugmentationSettings = .off) {
        self.batchSize = batchSize
        self.epochs = epochs
        self.optimizer = optimizer
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
        self.lrSchedule = lrSchedule
        self.lrStepSize = lrStepSize
        self.lrGamma = lrGamma
        self.seed = seed
        self.threads = threads
        self.checkpoint = checkpoint
        self.limit = limit
        self.pace = pace
        self.mouse = mouse
        self.labelSmoothing = labelSmoothing
        self.oneCyclePctStart = oneCyclePctStart
        self.oneCycleDivFactor = oneCycleDivFactor
        self.oneCycleFinalDivFactor = oneCycleFinalDivFactor
        self.augmentation = augmentation
    }

    /// The defaults, identical to the repository's `config.json`.
    public static let defaults = TrainingConfig()

    /// The worker threads a run uses: `threads`, 0 meaning all processors, and at most the processors
    /// this process may run on (`WorkerPool.processors`), as the engine's pool never runs more.
    public var effectiveThreadCount: Int {
        WorkerPool.threads(forRequest: threads)
    }

    /// The learning rate of a 1-based epoch (values below 1 count as 1), following PyTorch's schedulers
    /// stepped once per epoch:
    /// - constant: `learningRate`;
    /// - step (`StepLR`): `learningRate * lrGamma ^ ((epoch - 1) / lrStepSize)` (integer division);
    /// - cosine (`CosineAnnealingLR`, `T_max = epochs`, `eta_min = 0`, closed form):
    ///   `learningRate * (1 + cos(pi * (epoch - 1) / epochs)) / 2`; beyond `epochs` it rises again, as
    ///   PyTorch's does;
    /// - one_cycle: the rate of the epoch's first mini-batch needs the mini-batch count, so here
    ///   `learningRate` (the peak); the trainer uses `learningRate(epoch:batch:batchesPerEpoch:)`.
    public func learningRate(forEpoch epoch: Int) -> Double {
        let elapsed = Double(max(epoch, 1) - 1)
        switch lrSchedule {
        case .constant, .oneCycle:
            return learningRate
        case .step:
            let decays = (max(epoch, 1) - 1) / max(lrStepSize, 1)
            return learningRate * pow(lrGamma, Double(decays))
        case .cosine:
            return learningRate * (1 + cos(Double.pi * elapsed / Double(max(epochs, 1)))) / 2
        }
    }
}
