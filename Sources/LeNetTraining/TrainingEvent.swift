// MARK: - Events the trainer emits
//
// The trainer runs on a background Dispatch queue and reports through `TrainingEvent` values, delivered
// on the trainer's queue to a `@Sendable` sink. Consumers (the TUI, the headless printer) copy what they
// need; no event references mutable trainer state.

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
    /// Training throughput over the epoch so far, images per second (pauses and pace waits excluded).
    public let imagesPerSecond: Double
    /// Seconds of training (pauses, pace waits and suspensions excluded) since the run started (or was
    /// rewound).
    public let elapsedSeconds: Double
    /// Per-layer norms of the weights, the gradient and the update of this mini-batch's step (`nil` from
    /// sources that do not measure them).
    public let health: TrainingHealth?
    /// The effective learning rate in force for this mini-batch: the schedule's rate of the epoch ×
    /// `learningRateMultiplier`.
    public let learningRate: Double
    /// The live multiplier (`+` / `-`) that rate includes.
    public let learningRateMultiplier: LearningRateMultiplier
    /// The pace the run was held to for this mini-batch.
    public let pace: TrainingPace

    public init(epoch: Int, batch: Int, batchesPerEpoch: Int, batchLoss: Double, runningLoss: Double,
                runningAccuracy: Double, imagesPerSecond: Double, elapsedSeconds: Double,
                health: TrainingHealth? = nil, learningRate: Double = 0,
                learningRateMultiplier: LearningRateMultiplier = .one, pace: TrainingPace = .fullSpeed) {
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
        self.learningRateMultiplier = learningRateMultiplier
        self.pace = pace
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
    /// Training throughput of the epoch, images per second (evaluation, pauses and pace waits excluded).
    public let imagesPerSecond: Double
    /// Wall-clock seconds of the epoch's training (evaluation, pauses, pace waits and suspensions excluded).
    public let seconds: Double
    /// The effective learning rate in force at the end of the epoch (its last mini-batch's: the schedule's
    /// rate × `learningRateMultiplier`).
    public let learningRate: Double
    /// The live multiplier in force at the end of the epoch.
    public let learningRateMultiplier: LearningRateMultiplier

    public init(epoch: Int, epochs: Int, trainLoss: Double, trainAccuracy: Double, testLoss: Double,
                testAccuracy: Double, confusionMatrix: ConfusionMatrix, imagesPerSecond: Double,
                seconds: Double, learningRate: Double, learningRateMultiplier: LearningRateMultiplier = .one) {
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
        self.learningRateMultiplier = learningRateMultiplier
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
    /// The live learning-rate multiplier changed; sent before the first mini-batch with the new rate.
    case learningRateChanged(LearningRateChange)
    /// The run restarted from epoch 1 with the same seed; sent before its first mini-batch.
    case rewound(Rewind)
    /// The run ended: all epochs done (`completed == true`) or stopped early.
    case finished(completed: Bool)
    /// The run failed; the message is one line, ready to print.
    case failed(message: String)
}
