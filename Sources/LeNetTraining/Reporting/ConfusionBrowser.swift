import Foundation
import LeNetEngine
import MNISTData

/// One test image of a confusion-matrix cell, for the dashboard's confusion browser.
public struct ConfusionExample: Sendable, Equatable {
    /// Position of the image in the test set, 0-based (the order of the IDX file).
    public let testIndex: Int
    /// The label from the data set (the cell's row).
    public let trueClass: Int
    /// The network's answer (the cell's column): argmax of the logits, ties to the lowest class.
    public let predicted: Int
    /// The 28x28 image, 784 bytes row-major, 0 = background.
    public let pixels: [UInt8]
    /// Softmax probabilities of the 10 classes, index = class.
    public let probabilities: [Float]

    public init(testIndex: Int, trueClass: Int, predicted: Int, pixels: [UInt8], probabilities: [Float]) {
        self.testIndex = testIndex
        self.trueClass = trueClass
        self.predicted = predicted
        self.pixels = pixels
        self.probabilities = probabilities
    }
}

/// The test images of one confusion-matrix cell: the first ones in test-set order, and how many there are.
public struct ConfusionCellExamples: Sendable, Equatable {
    /// At most the browser's limit, in test-set order.
    public let examples: [ConfusionExample]
    /// All the test images in the cell (at least `examples.count`; more when the limit cut the list).
    public let total: Int

    public init(examples: [ConfusionExample], total: Int) {
        self.examples = examples
        self.total = max(total, examples.count)
    }

    /// Whether the limit left images out.
    public var isCapped: Bool { total > examples.count }
}

/// Finds the test images of a confusion-matrix cell (true class i, predicted j) with given weights.
///
/// The whole test set is classified once per set of weights (about 0.1 s for 10,000 images in release)
/// and kept, so stepping between cells with the same weights costs nothing. Thread-safe: calls are
/// serialised by the cache's lock (the dashboard calls it from a background queue).
public final class ConfusionBrowser: Sendable {
    /// Most examples returned per cell (diagonal cells hold about a thousand correct images).
    public static let defaultLimit = 50

    private let dataset: MNISTDataset
    private let normalization: PixelNormalization
    private let limit: Int
    private let threads: Int
    /// The classifier (made on first use), the weights the cached classification was made with, and that
    /// classification of every test image.
    private let cache = Locked<(classifier: Classifier?, parameters: LeNet5Parameters?,
                                classification: LeNet5Classification)>((nil, nil, LeNet5Classification()))

    /// - Parameters:
    ///   - dataset: the test set.
    ///   - normalization: the normalisation the weights were trained with.
    ///   - limit: most examples per cell, in test-set order.
    ///   - threads: engine threads for the forward pass.
    public init(dataset: MNISTDataset, normalization: PixelNormalization, limit: Int = ConfusionBrowser.defaultLimit,
                threads: Int = 1) {
        self.dataset = dataset
        self.normalization = normalization
        self.limit = limit
        self.threads = max(1, threads)
    }

    /// The first `limit` test images, in file order, labelled `trueClass` and classified as `predicted` by
    /// `parameters` (for `trueClass == predicted`: correctly classified images), and how many the cell holds.
    public func examples(trueClass: Int, predicted wanted: Int, parameters: LeNet5Parameters) -> ConfusionCellExamples {
        cache.withLock { cache in
            classifyAll(with: parameters, cache: &cache)
            var found: [ConfusionExample] = []
            var total = 0
            for i in 0..<dataset.count {
                guard Int(dataset.labels[i]) == trueClass, cache.classification.prediction(ofImage: i) == wanted else { continue }
                total += 1
                guard found.count < limit else { continue }
                found.append(ConfusionExample(testIndex: i, trueClass: trueClass, predicted: wanted,
                                              pixels: Array(dataset.image(at: i)),
                                              probabilities: Array(cache.classification.probabilities(ofImage: i))))
            }
            return ConfusionCellExamples(examples: found, total: total)
        }
    }

    /// Classifies every test image with `parameters` unless the cache already holds those weights' answers.
    private func classifyAll(with parameters: LeNet5Parameters,
                             cache: inout (classifier: Classifier?, parameters: LeNet5Parameters?,
                                           classification: LeNet5Classification)) {
        if cache.parameters == parameters { return }
        let classifier = cache.classifier ?? Classifier(chunkSize: Trainer.evaluationBatchSize, threads: threads)
        cache.classifier = classifier
        cache.classification = classifier.classify(dataset, parameters: parameters, normalization: normalization)
        cache.parameters = parameters
    }
}
