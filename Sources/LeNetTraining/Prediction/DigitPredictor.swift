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

/// Classifies 28x28 digit images with LeNet-5: normalises them with the training normalisation
/// (`PixelNormalization`), runs the engine's forward pass and applies softmax.
///
/// The weights come from a provider called on every prediction, so a predictor can follow a running
/// trainer (`init(snapshots: { trainer.snapshot() })`: a consistent copy between mini-batches, with the
/// position it was taken at) or hold a loaded checkpoint. Thread-safe: calls are serialised by a lock (the engine model is single-owner).
public final class DigitPredictor: @unchecked Sendable {
    let lock = NSLock()
    let model = LeNet5Model(maxBatchSize: 16, threads: 1)
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
        guard !images.isEmpty else { return ([], nil) }
        guard let (weights, position) = snapshot() else { return nil }
        let input = networkInput(images)
        lock.lock()
        let logits = input.withUnsafeBufferPointer { model.logits(parameters: weights, images: $0, count: images.count) }
        lock.unlock()
        return ((0..<images.count).map { Self.softmax(logits[$0 * 10 ..< ($0 + 1) * 10]) }, position)
    }

    /// The network's input for 28x28 byte images (784 bytes each, 255 = ink): `(count, 1, 28, 28)` Float32,
    /// normalised with `normalization`.
    func networkInput(_ images: [[UInt8]]) -> [Float] {
        var input = [Float](repeating: 0, count: images.count * 784)
        input.withUnsafeMutableBufferPointer { out in
            for (n, image) in images.enumerated() {
                precondition(image.count == 784, "DigitPredictor: image \(n) has \(image.count) pixels, expected 784")
                image.withUnsafeBufferPointer { normalization.normalize($0, into: UnsafeMutableBufferPointer(rebasing: out[n * 784 ..< (n + 1) * 784])) }
            }
        }
        return input
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
              let probabilities = probabilities(input.pixels) else { return nil }
        return DigitPrediction(predicted: Self.argmax(probabilities), probabilities: probabilities, input: input)
    }

    /// Softmax in Double (max subtracted), returned as Float; non-finite logits give a uniform distribution
    /// (the engine's `softmax`, which `LeNet5Inspection.probabilities` uses too).
    public static func softmax(_ logits: ArraySlice<Float>) -> [Float] {
        LeNetEngine.softmax(logits)
    }

    /// Index of the largest value (ties: the lowest index); 0 for an empty array.
    public static func argmax(_ values: [Float]) -> Int {
        var best = 0
        for i in values.indices where values[i] > values[best] { best = i }
        return best
    }
}
