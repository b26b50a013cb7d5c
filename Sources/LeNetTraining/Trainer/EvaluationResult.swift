/// Result of evaluating a network on a labelled set.
public struct EvaluationResult: Sendable, Equatable {
    /// Sum of per-image softmax cross-entropy losses (nats).
    public let lossSum: Double
    /// Confusion matrix, row = true class.
    public let confusionMatrix: ConfusionMatrix

    public init(lossSum: Double, confusionMatrix: ConfusionMatrix) {
        self.lossSum = lossSum
        self.confusionMatrix = confusionMatrix
    }

    /// Number of images evaluated.
    public var total: Int { confusionMatrix.total }
    /// Number of correctly classified images.
    public var correct: Int { confusionMatrix.correct }
    /// Mean loss per image (nats); 0 for an empty set.
    public var loss: Double { total > 0 ? lossSum / Double(total) : 0 }
    /// Fraction correct, 0...1; 0 for an empty set.
    public var accuracy: Double { total > 0 ? Double(correct) / Double(total) : 0 }
}
