// MARK: - Events the trainer emits
//
// The trainer runs on a background Dispatch queue and reports through `TrainingEvent` values, delivered
// on the trainer's queue to a `@Sendable` sink. Consumers (the TUI, the headless printer) copy what they
// need; no event references mutable trainer state.

/// The 10x10 confusion matrix of a classifier on a labelled set.
///
/// Layout: row-major, `counts[trueClass * classCount + predictedClass]`; row = true class,
/// column = predicted class (the convention of scikit-learn's `confusion_matrix`).
public struct ConfusionMatrix: Sendable, Equatable {
    /// Number of classes (rows and columns).
    public let classCount: Int
    /// Row-major counts, `classCount * classCount` entries.
    public private(set) var counts: [Int]

    /// An all-zero matrix for `classCount` classes.
    public init(classCount: Int = 10) {
        self.classCount = classCount
        self.counts = Array(repeating: 0, count: classCount * classCount)
    }

    /// Count of images of true class `row` predicted as class `column`.
    public subscript(row: Int, column: Int) -> Int {
        counts[row * classCount + column]
    }

    /// Adds one prediction.
    /// - Precondition: both classes are in `0..<classCount`.
    public mutating func record(trueClass: Int, predicted: Int) {
        counts[trueClass * classCount + predicted] += 1
    }

    /// Total number of recorded predictions.
    public var total: Int { counts.reduce(0, +) }
    /// Number of correct predictions (the diagonal).
    public var correct: Int { (0..<classCount).reduce(0) { $0 + self[$1, $1] } }
    /// The rows as arrays, row = true class (the `--json` layout).
    public var rows: [[Int]] { (0..<classCount).map { Array(counts[$0 * classCount ..< ($0 + 1) * classCount]) } }
}

/// What a run will do, sent once when training starts.
public struct TrainingPlan: Sendable, Equatable {
    /// Epoch the run starts at (1-based; above 1 when resuming).
    public let firstEpoch: Int
    /// Total number of epochs the run ends at.
    public let epochs: Int
    /// Mini-batches per epoch (the last one may be partial).
    public let batchesPerEpoch: Int
    /// Training images used per epoch (after `--limit`).
    public let trainImages: Int
    /// Test images evaluated after each epoch.
    public let testImages: Int
    /// Mini-batch size.
    public let batchSize: Int

    public init(firstEpoch: Int, epochs: Int, batchesPerEpoch: Int, trainImages: Int, testImages: Int, batchSize: Int) {
        self.firstEpoch = firstEpoch
        self.epochs = epochs
        self.batchesPerEpoch = batchesPerEpoch
        self.trainImages = trainImages
        self.testImages = testImages
        self.batchSize = batchSize
    }
}

/// Progress after one mini-batch.
public struct BatchProgress: Sendable, Equatable {
    /// Current epoch, 1-based.
    public let epoch: Int
    /// Mini-batch just finished, 1-based within the epoch.
    public let batch: Int
    /// Mini-batches in this epoch.
    public let batchesPerEpoch: Int
    /// Loss of this mini-batch (mean softmax cross-entropy, nats).
    public let batchLoss: Double
    /// Mean loss over the epoch so far (nats), weighted by images.
    public let runningLoss: Double
    /// Fraction of correctly classified training images in the epoch so far, 0...1.
    public let runningAccuracy: Double
    /// Training throughput over the epoch so far, images per second.
    public let imagesPerSecond: Double
    /// Seconds of training (pauses and suspensions excluded) since the run started.
    public let elapsedSeconds: Double
    /// Per-layer norms of the weights, the gradient and the update of this mini-batch's step (`nil` from
    /// sources that do not measure them).
    public let health: TrainingHealth?
    /// The learning rate this mini-batch's step used (the schedule's value for the epoch); `nil` from
    /// sources that do not report it.
    public let learningRate: Double?

    public init(epoch: Int, batch: Int, batchesPerEpoch: Int, batchLoss: Double, runningLoss: Double,
                runningAccuracy: Double, imagesPerSecond: Double, elapsedSeconds: Double,
                health: TrainingHealth? = nil, learningRate: Double? = nil) {
        self.epoch = epoch
        self.batch = batch
        self.batchesPerEpoch = batchesPerEpoch
        self.batchLoss = batchLoss
        self.runningLoss = runningLoss
        self.runningAccuracy = runningAccuracy
        self.imagesPerSecond = imagesPerSecond
        self.elapsedSeconds = elapsedSeconds
        self.health = health
        self.learningRate = learningRate
    }
}

/// Results of one finished epoch: training statistics and a full evaluation on the test set.
public struct EpochSummary: Sendable, Equatable {
    /// Epoch number, 1-based.
    public let epoch: Int
    /// Total epochs of the run.
    public let epochs: Int
    /// Mean training loss over the epoch (nats per image).
    public let trainLoss: Double
    /// Training accuracy over the epoch, 0...1.
    public let trainAccuracy: Double
    /// Mean test loss (nats per image).
    public let testLoss: Double
    /// Test accuracy, 0...1.
    public let testAccuracy: Double
    /// Test confusion matrix (row = true class).
    public let confusionMatrix: ConfusionMatrix
    /// Training throughput of the epoch, images per second (evaluation excluded).
    public let imagesPerSecond: Double
    /// Wall-clock seconds of the epoch's training (pauses, suspensions and evaluation excluded).
    public let seconds: Double
    /// Learning rate used during the epoch.
    public let learningRate: Double

    public init(epoch: Int, epochs: Int, trainLoss: Double, trainAccuracy: Double, testLoss: Double,
                testAccuracy: Double, confusionMatrix: ConfusionMatrix, imagesPerSecond: Double,
                seconds: Double, learningRate: Double) {
        self.epoch = epoch
        self.epochs = epochs
        self.trainLoss = trainLoss
        self.trainAccuracy = trainAccuracy
        self.testLoss = testLoss
        self.testAccuracy = testAccuracy
        self.confusionMatrix = confusionMatrix
        self.imagesPerSecond = imagesPerSecond
        self.seconds = seconds
        self.learningRate = learningRate
    }
}

/// Everything the trainer reports, in the order it happens.
public enum TrainingEvent: Sendable, Equatable {
    /// Training is about to start.
    case started(TrainingPlan)
    /// One mini-batch finished.
    case batchDone(BatchProgress)
    /// One epoch finished and was evaluated on the test set.
    case epochDone(EpochSummary)
    /// A checkpoint was written (path as given by the user, or the default).
    case checkpointSaved(path: String, epoch: Int)
    /// Training is paused (takes effect between mini-batches).
    case paused
    /// Training resumed after a pause.
    case resumed
    /// The run ended: all epochs done (`completed == true`) or stopped early.
    case finished(completed: Bool)
    /// The run failed; the message is one line, ready to print.
    case failed(message: String)
}
