import LeNetEngine
import MNISTData

// MARK: - Classifier

/// The one inference path: classifies a set of images with LeNet-5 and returns, per image, the logits,
/// softmax probabilities, predicted class and (for a dataset's labelled images) the loss
/// (`LeNet5Classification`, from `LeNet5Model.classify`).
///
/// A dataset is classified chunk by chunk: `chunkSize` images are normalised into the reusable
/// `MiniBatch` with `PixelNormalization` (as training normalises them) and run through the model, so
/// memory stays at one chunk of floats. The evaluator, the misclassified list, the confusion browser, the
/// benchmark's inference timing, `DigitPredictor` (the pad, `predict`) and inspection (`inspect`, the
/// network view) all classify through it.
///
/// Not thread-safe: like the model it owns, one thread uses it at a time.
public struct Classifier {
    /// The engine model (its workspaces are scratch space: classifying changes no weights).
    public let model: LeNet5Model
    /// The buffer a dataset's chunk is normalised into.
    public let batch: MiniBatch

    /// A classifier on an existing model and buffer, e.g. the trainer's, so evaluation allocates nothing
    /// new. A dataset is read in chunks of `min(batch.capacity, model.maxBatchSize)` images.
    public init(model: LeNet5Model, batch: MiniBatch) {
        self.model = model
        self.batch = batch
    }

    /// A classifier with its own model and buffer.
    /// - Parameters:
    ///   - chunkSize: images per chunk of a dataset, `>= 1` (`Trainer.evaluationBatchSize`, 500, by default).
    ///   - threads: engine worker threads, `>= 1`.
    public init(chunkSize: Int = Trainer.evaluationBatchSize, threads: Int = 1) {
        self.init(model: LeNet5Model(maxBatchSize: chunkSize, threads: threads), batch: MiniBatch(capacity: chunkSize))
    }

    /// Images per chunk of a dataset.
    public var chunkSize: Int { min(batch.capacity, model.maxBatchSize) }

    // MARK: - Datasets

    /// Classifies `dataset` chunk by chunk, in file order, handing each chunk's result to `body` with the
    /// position of its first image; stops after the chunk for which `body` returns `false`.
    /// - Parameters:
    ///   - normalization: the pixel normalisation the weights were trained with.
    ///   - body: `(start, chunk)`: image `i` of `chunk` is image `start + i` of the dataset; return whether
    ///     to go on.
    public func forEachChunk(of dataset: MNISTDataset, parameters: LeNet5Parameters,
                             normalization: PixelNormalization,
                             _ body: (_ start: Int, _ chunk: LeNet5Classification) -> Bool) {
        let chunk = chunkSize
        var start = 0
        while start < dataset.count {
            let count = min(chunk, dataset.count - start)
            batch.load(from: dataset, order: nil, start: start, count: count, normalization: normalization)
            let result = batch.withBuffers { images, labels in
                model.classify(parameters: parameters, images: images, labels: labels, count: count)
            }
            guard body(start, result) else { return }
            start += count
        }
    }

    /// Classifies every image of `dataset` (logits, probabilities, predictions and losses of all of them,
    /// in file order; `lossSum` added chunk by chunk in order).
    /// - Parameter normalization: the pixel normalisation the weights were trained with.
    public func classify(_ dataset: MNISTDataset, parameters: LeNet5Parameters,
                         normalization: PixelNormalization) -> LeNet5Classification {
        var all = LeNet5Classification()
        forEachChunk(of: dataset, parameters: parameters, normalization: normalization) { _, chunk in
            all.append(chunk)
            return true
        }
        return all
    }

    // MARK: - Single images

    /// Classifies 28x28 byte images without labels (a sketch, the pad's drawing): no losses.
    /// - Parameters:
    ///   - images: each 784 bytes `0...255` (255 = ink), row-major.
    ///   - normalization: the pixel normalisation the weights were trained with.
    public func classify(_ images: [[UInt8]], parameters: LeNet5Parameters,
                         normalization: PixelNormalization) -> LeNet5Classification {
        guard !images.isEmpty else { return LeNet5Classification() }
        let input = Self.networkInput(images, normalization: normalization)
        return input.withUnsafeBufferPointer {
            model.classify(parameters: parameters, images: $0, labels: nil, count: images.count)
        }
    }

    /// Every intermediate and the saliency map of each 28x28 byte image (`LeNet5Model.inspect`),
    /// normalised exactly as `classify(_:parameters:normalization:)` normalises them.
    /// - Parameters:
    ///   - images: each 784 bytes `0...255` (255 = ink), row-major.
    ///   - saliencyClass: whose logit the saliency maps differentiate; `nil` = each image's prediction.
    public func inspect(_ images: [[UInt8]], parameters: LeNet5Parameters, normalization: PixelNormalization,
                        saliencyClass: Int? = nil) -> [LeNet5Inspection] {
        guard !images.isEmpty else { return [] }
        let input = Self.networkInput(images, normalization: normalization)
        return input.withUnsafeBufferPointer {
            model.inspect(parameters: parameters, images: $0, count: images.count, saliencyClass: saliencyClass)
        }
    }

    /// The network's input for 28x28 byte images: `(count, 1, 28, 28)` Float32, normalised.
    /// - Precondition: every image holds 784 bytes.
    static func networkInput(_ images: [[UInt8]], normalization: PixelNormalization) -> [Float] {
        let side = LeNet5.pixelsPerImage
        var input = [Float](repeating: 0, count: images.count * side)
        input.withUnsafeMutableBufferPointer { out in
            for (n, image) in images.enumerated() {
                precondition(image.count == side, "Classifier: image \(n) has \(image.count) pixels, expected \(side)")
                image.withUnsafeBufferPointer {
                    normalization.normalize($0, into: UnsafeMutableBufferPointer(rebasing: out[n * side ..< (n + 1) * side]))
                }
            }
        }
        return input
    }
}
