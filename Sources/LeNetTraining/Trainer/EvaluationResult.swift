import LeNetEngine

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

    /// The loss sum and confusion matrix of a labelled classification.
    /// - Parameter labels: the true class of each classified image, in the same order (`count` of them).
    public init(_ classification: LeNet5Classification, labels: [UInt8]) {
        precondition(labels.count == classification.count,
                     "EvaluationResult: \(labels.count) labels for \(classification.count) images")
        var confusion = ConfusionMatrix(classCount: LeNet5.classCount)
        for (label, predicted) in zip(labels, classification.predictions) {
            confusion.record(trueClass: Int(label), predicted: Int(predicted))
        }
        self.init(lossSum: classification.lossSum, confusionMatrix: confusion)
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
