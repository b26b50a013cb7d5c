// MARK: - Tensor specifications

/// Name and shape of one parameter tensor, as in a PyTorch `state_dict`.
///
/// Shapes follow PyTorch's layouts: a conv weight is `(OC, C, KH, KW)`, a linear weight `(out, in)`,
/// a bias `(out)`; values are stored row-major (last index fastest).
public struct TensorSpec: Sendable, Equatable {
    /// The `state_dict` key, e.g. `"c1.weight"`.
    public let name: String
    /// The dimensions, outermost first.
    public let shape: [Int]
    /// Number of elements: the product of `shape`.
    public var count: Int { shape.reduce(1, *) }

    /// Creates a spec from a `state_dict` key and a shape.
    public init(name: String, shape: [Int]) {
        self.name = name
        self.shape = shape
    }
}

// MARK: - The network

/// LeNet-5 as trained by this project (ReLU and max-pool variant; layer names after LeCun et al. 1998),
/// exactly the PyTorch module `LeNet5` of `Scripts/lenet_reference.py`:
///
/// ```
/// input (N, 1, 28, 28)
/// c1  conv5x5 1→6, padding 2 → (N, 6, 28, 28), ReLU, maxpool 2x2 → (N, 6, 14, 14)
/// c3  conv5x5 6→16           → (N, 16, 10, 10), ReLU, maxpool 2x2 → (N, 16, 5, 5)
/// flatten in (C, H, W) order → (N, 400)
/// c5  linear 400→120, ReLU;  f6 linear 120→84, ReLU;  output linear 84→10 → logits (N, 10)
/// ```
/// Loss: softmax cross-entropy of the logits, mean over the mini-batch.
public enum LeNet5 {
    /// The 10 parameter tensors in PyTorch's `state_dict` order and layouts (61,706 floats in all): the
    /// weight and bias of every layer of `layers` that has weights, in layer order.
    public static let parameterSpecs: [TensorSpec] = layers.flatMap(\.parameterSpecs)

    /// Side of the square input image in pixels (28): inputs are `(N, 1, 28, 28)`.
    public static let imageSide = 28
    /// Number of classes (10 digits): logits are `(N, 10)`.
    public static let classCount = 10
    /// Floats in one input image, `imageSide²` = 784.
    public static let pixelsPerImage = imageSide * imageSide
    /// Total number of parameters, 61,706.
    public static let parameterCount = parameterSpecs.reduce(0) { $0 + $1.count }

    // MARK: - FLOP counts

    /// Floating-point operations to classify one image: 2 per multiply-add of the weight layers' forward
    /// pass (`layerMultiplyAdds`: 416,520 multiply-adds → 833,040 FLOPs).
    ///
    /// Counted like the usual "2 × MACs" convention: bias adds, ReLU, max-pooling and the softmax
    /// (together under 20k operations, about 2%) are left out.
    public static let inferenceFLOPsPerImage: Int = 2 * layerMultiplyAdds.reduce(0, +)

    /// Floating-point operations to train on one image, forward + backward, 2 per multiply-add:
    /// the forward pass (416,520 MACs), plus for every weight layer the weight gradient (the same MACs
    /// as its forward pass), plus the input gradient of every weight layer except the first (whose input
    /// is the image, which needs no gradient): 416,520 + 416,520 + 298,920 = 1,131,960 MACs → 2,263,920 FLOPs.
    ///
    /// As for `inferenceFLOPsPerImage`, element-wise work (bias, ReLU, pooling, softmax, optimiser) is
    /// not counted. Matches the ~2.26 MFLOP per image quoted for the PyTorch reference.
    public static let trainingFLOPsPerImage: Int = 2 * layerTrainingMultiplyAdds.reduce(0, +)

    /// Each layer's multiply-adds to train on one image, in `layers` order: forward, weight gradient (the
    /// same count) and input gradient (the same count again, except for the first weight layer, whose
    /// input is the image).
    public static let layerTrainingMultiplyAdds: [Int] = {
        let first = layers.firstIndex(where: \.hasWeights)
        return layerMultiplyAdds.enumerated().map { index, forward in index == first ? 2 * forward : 3 * forward }
    }()

    /// Index of the tensor called `name` in `parameterSpecs`, or `nil`.
    public static func parameterIndex(named name: String) -> Int? {
        parameterSpecs.firstIndex { $0.name == name }
    }

    /// Offsets of each tensor when the 10 tensors are laid end to end in `parameterSpecs` order.
    static let parameterOffsets: [Int] = {
        var offsets: [Int] = []
        var total = 0
        for spec in parameterSpecs {
            offsets.append(total)
            total += spec.count
        }
        return offsets
    }()
}
