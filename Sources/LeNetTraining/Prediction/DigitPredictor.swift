import Foundation
import LeNetEngine
import LeNetFormats
import MNISTData

// MARK: - Predictor

/// What the network makes of one sketch.
public struct DigitPrediction: Sendable, Equatable {
    /// The class with the highest probability (ties: the lowest class).
    public var predicted: Int
    /// Softmax probabilities of the ten classes, `0...1`, summing to 1.
    public var probabilities: [Float]
    /// The 28x28 image the network saw.
    public var input: PreprocessedDigit

    /// The predicted class's probability.
    public var confidence: Float { probabilities[predicted] }
}

/// Classifies 28x28 digit images with LeNet-5 through `Classifier` (normalised with the training
/// normalisation, `PixelNormalization`; the engine's forward pass, softmax and argmax).
///
/// The weights come from a provider called on every prediction, so a predictor can follow a running
/// trainer (`init(snapshots: { trainer.snapshot() })`: a consistent copy between mini-batches, with the
/// position it was taken at) or hold a loaded checkpoint. Thread-safe: calls are serialised by the classifier's lock (the engine model is single-owner).
public final class DigitPredictor: Sendable {
    /// The engine's classifier, one caller at a time.
    let classifier = Locked(Classifier(chunkSize: LeNet5Model.chunkSize, threads: 1))
    /// The weights to use now and, for a running trainer's, the position they were taken at.
    let snapshot: @Sendable () -> (parameters: LeNet5Parameters, position: TrainingPosition?)?
    /// The pixel normalisation the weights were trained with.
    public let normalization: PixelNormalization

    /// - Parameters:
    ///   - parameters: returns the weights to use now, or `nil` while there are none.
    ///   - normalization: the pixel normalisation the weights were trained with.
    public init(parameters: @escaping @Sendable () -> LeNet5Parameters?, normalization: PixelNormalization = .mnist) {
        self.snapshot = { parameters().map { ($0, nil) } }
        self.normalization = normalization
    }

    /// A predictor that follows a running trainer (`{ trainer.snapshot() }`) and can say which weights each
    /// reading used (`read(_:)`).
    public init(snapshots: @escaping @Sendable () -> WeightSnapshot?, normalization: PixelNormalization = .mnist) {
        self.snapshot = { snapshots().map { ($0.parameters, $0.position) } }
        self.normalization = normalization
    }

    /// The weights the provider offers now (`nil` while there are none).
    func parameters() -> LeNet5Parameters? { snapshot()?.parameters }

    /// A predictor with fixed weights (e.g. a loaded checkpoint's).
    public convenience init(fixed parameters: LeNet5Parameters, normalization: PixelNormalization = .mnist) {
        self.init(parameters: { parameters }, normalization: normalization)
    }

    /// Softmax probabilities for up to any number of 28x28 images.
    /// - Parameter images: each 784 bytes `0...255` (255 = ink), row-major.
    /// - Returns: one array of ten probabilities per image, or `nil` when the provider has no weights.
    public func probabilities(_ images: [[UInt8]]) -> [[Float]]? {
        read(images)?.probabilities
    }

    /// Softmax probabilities for 28x28 images and the training position of the weights that gave them
    /// (`nil` for fixed weights), from one snapshot.
    /// - Parameter images: each 784 bytes `0...255` (255 = ink), row-major.
    /// - Returns: one array of ten probabilities per image and the position, or `nil` without weights.
    public func read(_ images: [[UInt8]]) -> (probabilities: [[Float]], position: TrainingPosition?)? {
        classify(images).map { result in
            ((0..<result.classification.count).map { Array(result.classification.probabilities(ofImage: $0)) },
             result.position)
        }
    }

    /// The classification of 28x28 images (784 bytes each, 255 = ink) and the training position of the
    /// weights that made it, from one snapshot; `nil` without weights.
    func classify(_ images: [[UInt8]]) -> (classification: LeNet5Classification, position: TrainingPosition?)? {
        guard !images.isEmpty else { return (LeNet5Classification(), nil) }
        guard let (weights, position) = snapshot() else { return nil }
        let normalization = self.normalization
        return (classifier.withLock { $0.classify(images, parameters: weights, normalization: normalization) }, position)
    }

    /// The weights the predictor would read with now (the provider's answer), e.g. to draw c1's filters.
    public func weights() -> LeNet5Parameters? { parameters() }

    /// Probabilities for one 28x28 image (784 bytes); `nil` without weights.
    public func probabilities(_ image: [UInt8]) -> [Float]? {
        probabilities([image])?.first
    }

    /// Preprocesses `sketch` as MNIST was made (or not, with `.none`) and classifies it.
    /// - Returns: `nil` when the sketch has no ink or the provider has no weights.
    public func predict(_ sketch: SketchImage, mode: MNISTPreprocessing.Mode = .mnist) -> DigitPrediction? {
        guard let input = MNISTPreprocessing.preprocess(sketch, mode: mode),
              let classification = classify([input.pixels])?.classification else { return nil }
        return DigitPrediction(predicted: classification.prediction(ofImage: 0),
                               probabilities: Array(classification.probabilities(ofImage: 0)), input: input)
    }

    /// Softmax of a row of logits: the engine's `softmax` (computed in Double, max subtracted; non-finite
    /// logits give a uniform distribution), for callers that do not import the engine.
    public static func softmax(_ logits: ArraySlice<Float>) -> [Float] {
        LeNetEngine.softmax(logits)
    }

    /// Index of the largest value (ties: the lowest index); 0 for an empty array: the engine's `argmax`,
    /// for callers that do not import the engine.
    public static func argmax(_ values: [Float]) -> Int {
        LeNetEngine.argmax(values)
    }
}
