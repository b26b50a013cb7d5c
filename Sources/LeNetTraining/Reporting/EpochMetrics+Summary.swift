import LeNetFormats

extension EpochMetrics {
    /// The metrics of a trainer's epoch summary.
    public init(_ summary: EpochSummary) {
        self.init(epoch: summary.epoch, trainLoss: summary.trainLoss, trainAccuracy: summary.trainAccuracy,
                  testLoss: summary.testLoss, testAccuracy: summary.testAccuracy,
                  learningRate: summary.learningRate, seconds: summary.seconds,
                  learningRateMultiplier: summary.learningRateMultiplier.value)
    }
}
