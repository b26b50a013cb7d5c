import LeNetFormats
import LeNetEngine

// MARK: - Inspection through the predictor

/// What the network makes of one sketch, layer by layer: the 28x28 image it saw and every intermediate.
public struct DigitInspection: Sendable, Equatable {
    /// The 28x28 image the network saw, as bytes before normalisation (the same as `predict`'s).
    public var image: PreprocessedDigit
    /// Every layer's activation for `image` and its saliency map (see `LeNet5Inspection`).
    public var network: LeNet5Inspection

    public init(image: PreprocessedDigit, network: LeNet5Inspection) {
        self.image = image
        self.network = network
    }

    /// The predicted class (first largest logit).
    public var predicted: Int { network.predictedClass }
    /// Softmax probabilities of the ten classes.
    public var probabilities: [Float] { network.probabilities }
}

extension DigitPredictor {
    /// Every intermediate and the saliency map of each 28x28 image, normalised and run exactly as
    /// `probabilities(_:)` runs them (same weights provider, normalisation and engine forward kernels), via
    /// `Classifier.inspect`.
    /// - Parameters:
    ///   - images: each 784 bytes `0...255` (255 = ink), row-major.
    ///   - saliencyClass: whose logit the saliency maps differentiate; `nil` = each image's prediction.
    /// - Returns: one inspection per image, or `nil` when the provider has no weights.
    public func inspect(_ images: [[UInt8]], saliencyClass: Int? = nil) -> [LeNet5Inspection]? {
        guard !images.isEmpty else { return [] }
        guard let weights = parameters() else { return nil }
        let normalization = self.normalization
        return classifier.withLock {
            $0.inspect(images, parameters: weights, normalization: normalization, saliencyClass: saliencyClass)
        }
    }

    /// Preprocesses `sketch` exactly as `predict(_:mode:)` does and inspects the network on it.
    /// - Returns: `nil` when the sketch has no ink or the provider has no weights.
    public func inspect(_ sketch: SketchImage, mode: MNISTPreprocessing.Mode = .mnist,
                        saliencyClass: Int? = nil) -> DigitInspection? {
        guard let image = MNISTPreprocessing.preprocess(sketch, mode: mode),
              let network = inspect([image.pixels], saliencyClass: saliencyClass)?.first else { return nil }
        return DigitInspection(image: image, network: network)
    }
}
