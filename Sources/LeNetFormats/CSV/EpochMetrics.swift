/// The per-epoch numbers that `metrics.csv` and `training_curve.svg` show.
public struct EpochMetrics: Sendable, Equatable {
    /// Epoch number, 1-based.
    public var epoch: Int
    /// Mean training loss over the epoch (softmax cross-entropy, nats per image).
    public var trainLoss: Double
    /// Training accuracy over the epoch, fraction 0...1.
    public var trainAccuracy: Double
    /// Mean test loss after the epoch (nats per image).
    public var testLoss: Double
    /// Test accuracy after the epoch, fraction 0...1.
    public var testAccuracy: Double
    /// The learning rate in force at the end of the epoch (the schedule's × `learningRateMultiplier`).
    public var learningRate: Double
    /// Wall-clock seconds of the epoch's training (evaluation, pauses and pace waits excluded).
    public var seconds: Double
    /// The live learning-rate multiplier (the dashboard's `+` / `-`) in force at the end of the epoch; 1
    /// when never changed, and for rows of files written before the column existed.
    public var learningRateMultiplier: Double

    /// One epoch's numbers (losses in nats per image, accuracies as fractions 0...1).
    public init(epoch: Int, trainLoss: Double, trainAccuracy: Double, testLoss: Double, testAccuracy: Double,
                learningRate: Double, seconds: Double, learningRateMultiplier: Double = 1) {
        self.epoch = epoch
        self.trainLoss = trainLoss
        self.trainAccuracy = trainAccuracy
        self.testLoss = testLoss
        self.testAccuracy = testAccuracy
        self.learningRate = learningRate
        self.seconds = seconds
        self.learningRateMultiplier = learningRateMultiplier
    }
}
