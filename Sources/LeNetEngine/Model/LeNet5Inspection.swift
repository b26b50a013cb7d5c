// MARK: - Inspection: every intermediate of one forward pass, and the saliency map

/// One image's trip through LeNet-5: the activation of every layer, the output, and the saliency map.
///
/// Every tensor is one image's, in NCHW order WITHOUT the batch axis, row-major (last index fastest), as
/// PyTorch's tensors of the same module with `[n]` taken (`Layer.shape` gives each shape):
///
/// | property | shape | what (PyTorch module of `LeNet5`) |
/// |---|---|---|
/// | `input` | (1, 28, 28) | the normalised image, `(p / 255 − mean) / std` |
/// | `c1` | (6, 28, 28) | `relu(c1(x))`, conv 5×5 1→6, padding 2 |
/// | `pool1` | (6, 14, 14) | `max_pool2d(c1, 2)` |
/// | `c3` | (16, 10, 10) | `relu(c3(pool1))`, conv 5×5 6→16 |
/// | `pool2` | (16, 5, 5) | `max_pool2d(c3, 2)`; flattened in this order it is c5's input |
/// | `c5` | (120) | `relu(c5(flatten(pool2)))` |
/// | `f6` | (84) | `relu(f6(c5))` |
/// | `logits` | (10) | `output(f6)` |
/// | `probabilities` | (10) | `softmax(logits)` |
/// | `saliency` | (1, 28, 28) | `∂ logits[saliencyClass] / ∂ input` |
///
/// The saliency map is the gradient of one class's logit (not its probability) with respect to the
/// network's normalised input, as in Simonyan, Vedaldi and Zisserman, "Deep Inside Convolutional Networks:
/// Visualising Image Classification Models and Saliency Maps" (ICLR workshop, 2014), without their
/// absolute value: the sign says whether more ink at a pixel raises (+) or lowers (−) that class's score.
/// ReLU and max-pool pass gradients as PyTorch's autograd does (0 where the ReLU input is ≤ 0; a pooling
/// window's gradient goes to its first maximum).
///
/// Made by `LeNet5Model.inspect` (fast kernels) or `Reference.lenet5Inspection` (the plain reference
/// kernels); both are computed only on request, apart from training.
public struct LeNet5Inspection: Sendable, Equatable {
    /// A layer of the inspection, in forward order, with its per-image shape.
    public enum Layer: String, CaseIterable, Sendable {
        case input, c1, pool1, c3, pool2, c5, f6, logits, probabilities, saliency

        /// Per-image shape, NCHW without N: `(C, H, W)` for the image-shaped layers, `(features)` otherwise.
        public var shape: [Int] {
            switch self {
            case .input, .saliency: return [1, 28, 28]
            case .c1: return [6, 28, 28]
            case .pool1: return [6, 14, 14]
            case .c3: return [16, 10, 10]
            case .pool2: return [16, 5, 5]
            case .c5: return [120]
            case .f6: return [84]
            case .logits, .probabilities: return [10]
            }
        }

        /// Number of values, the product of `shape`.
        public var count: Int { shape.reduce(1, *) }

        /// Whether the layer is a stack of 2-D maps (`shape` has 3 dimensions).
        public var isSpatial: Bool { shape.count == 3 }

        /// What the layer computes, e.g. `conv 5x5 1→6, pad 2, ReLU`.
        public var operation: String {
            switch self {
            case .input: return "normalised image"
            case .c1: return "conv 5x5 1→6, pad 2, ReLU"
            case .pool1: return "max-pool 2x2"
            case .c3: return "conv 5x5 6→16, ReLU"
            case .pool2: return "max-pool 2x2"
            case .c5: return "linear 400→120, ReLU"
            case .f6: return "linear 120→84, ReLU"
            case .logits: return "linear 84→10"
            case .probabilities: return "softmax"
            case .saliency: return "∂ logit / ∂ input"
            }
        }
    }

    /// `(1, 28, 28)`: the normalised input image.
    public var input: [Float]
    /// `(6, 28, 28)`: c1 after ReLU.
    public var c1: [Float]
    /// `(6, 14, 14)`: after the first 2×2 max-pool.
    public var pool1: [Float]
    /// `(16, 10, 10)`: c3 after ReLU.
    public var c3: [Float]
    /// `(16, 5, 5)`: after the second 2×2 max-pool.
    public var pool2: [Float]
    /// `(120)`: c5 after ReLU.
    public var c5: [Float]
    /// `(84)`: f6 after ReLU.
    public var f6: [Float]
    /// `(10)`: the output layer, before softmax.
    public var logits: [Float]
    /// `(10)`: `softmax(logits)`, summing to 1.
    public var probabilities: [Float]
    /// `(1, 28, 28)`: `∂ logits[saliencyClass] / ∂ input`.
    public var saliency: [Float]
    /// The first largest logit's class (ties to the lowest, like `torch.argmax`).
    public var predictedClass: Int
    /// The class whose logit `saliency` differentiates (the predicted class unless asked otherwise).
    public var saliencyClass: Int

    /// Wraps the tensors; each must have its `Layer.count` values.
    public init(input: [Float], c1: [Float], pool1: [Float], c3: [Float], pool2: [Float], c5: [Float],
                f6: [Float], logits: [Float], saliency: [Float], saliencyClass: Int) {
        self.input = input; self.c1 = c1; self.pool1 = pool1; self.c3 = c3; self.pool2 = pool2
        self.c5 = c5; self.f6 = f6; self.logits = logits; self.saliency = saliency
        self.probabilities = softmax(logits)
        self.predictedClass = argmax(logits)
        self.saliencyClass = saliencyClass
        for layer in Layer.allCases {
            precondition(self[layer].count == layer.count, "\(layer): \(self[layer].count) values, expected \(layer.count)")
        }
    }

    /// The values of `layer`, `layer.count` of them in `layer.shape`'s row-major order.
    public subscript(layer: Layer) -> [Float] {
        switch layer {
        case .input: return input
        case .c1: return c1
        case .pool1: return pool1
        case .c3: return c3
        case .pool2: return pool2
        case .c5: return c5
        case .f6: return f6
        case .logits: return logits
        case .probabilities: return probabilities
        case .saliency: return saliency
        }
    }

    /// Channel `channel`'s `H × W` map of a spatial layer (`shape (C, H, W)`), row-major.
    public func map(_ layer: Layer, channel: Int) -> ArraySlice<Float> {
        precondition(layer.isSpatial, "\(layer) has no maps")
        let size = layer.shape[1] * layer.shape[2]
        return self[layer][(channel * size) ..< ((channel + 1) * size)]
    }

    /// The mean of each channel's map of a spatial layer: `C` values.
    public func channelMeans(_ layer: Layer) -> [Float] {
        (0..<layer.shape[0]).map { c in
            let values = map(layer, channel: c)
            return Float(values.reduce(0.0) { $0 + Double($1) } / Double(values.count))
        }
    }

    /// The `k` most probable classes, most probable first (ties: the lower class first).
    public func topClasses(_ k: Int) -> [(classIndex: Int, probability: Float)] {
        let ranked = probabilities.indices.sorted { (probabilities[$0], $1) > (probabilities[$1], $0) }
        return ranked.prefix(k).map { ($0, probabilities[$0]) }
    }

    /// The `count` channels of a spatial layer with the largest mean activation (`channelMeans`), largest
    /// first (ties: the lower channel first): the feature maps this image excites most.
    public func strongestChannels(_ layer: Layer, count: Int) -> [(channel: Int, mean: Float)] {
        let means = channelMeans(layer)
        let ranked = means.indices.sorted { (means[$0], $1) > (means[$1], $0) }
        return ranked.prefix(count).map { ($0, means[$0]) }
    }
}
