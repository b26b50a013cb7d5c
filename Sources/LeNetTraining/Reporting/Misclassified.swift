import LeNetEngine
import MNISTData

/// One test image the network gets wrong.
public struct Misclassification: Sendable, Equatable {
    /// Position of the image in the test set, 0-based (the order of the IDX file).
    public let index: Int
    /// The label from the data set.
    public let trueClass: Int
    /// The network's answer (argmax of the logits, ties to the lowest class, as the evaluator counts).
    public let predicted: Int
    /// Softmax probabilities of the 10 classes, index = class, summing to 1, in Double (`softmaxInDouble`
    /// of the image's logits: the report prints six decimals, more than a Float holds).
    public let probabilities: [Double]

    /// An error at test-set position `index` (0-based) with the 10 softmax probabilities.
    public init(index: Int, trueClass: Int, predicted: Int, probabilities: [Double]) {
        self.index = index
        self.trueClass = trueClass
        self.predicted = predicted
        self.probabilities = probabilities
    }
}

/// Finds misclassified test images from the network's predictions.
public enum MisclassificationFinder {
    /// The first `limit` images of `dataset`, in file order, whose predicted class differs from the label.
    ///
    /// Classifies chunk by chunk (`Classifier.forEachChunk`, `min(batch.capacity, model.maxBatchSize)`
    /// images) and stops as soon as `limit` errors are found, so asking for a few costs a fraction of a
    /// full test pass.
    /// - Parameters:
    ///   - limit: how many to return at most (none when `limit <= 0`).
    ///   - normalization: the same normalisation the network was trained with.
    /// - Returns: at most `limit` entries, ascending `index`.
    public static func first(_ limit: Int, model: LeNet5Model, parameters: LeNet5Parameters,
                             dataset: MNISTDataset, normalization: PixelNormalization,
                             batch: MiniBatch) -> [Misclassification] {
        guard limit > 0 else { return [] }
        var found: [Misclassification] = []
        Classifier(model: model, batch: batch)
            .forEachChunk(of: dataset, parameters: parameters, normalization: normalization) { start, chunk in
                for i in 0..<chunk.count where found.count < limit {
                    let label = Int(dataset.labels[start + i]), predicted = chunk.prediction(ofImage: i)
                    if predicted != label {
                        found.append(Misclassification(index: start + i, trueClass: label, predicted: predicted,
                                                       probabilities: softmaxInDouble(chunk.logits(ofImage: i))))
                    }
                }
                return found.count < limit
            }
        return found
    }
}
