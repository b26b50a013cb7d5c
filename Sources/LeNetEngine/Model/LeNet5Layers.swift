// MARK: - Layer definitions
//
// The network as a list of layers, each with the sizes that fix its shapes and its work. The parameter
// tensors (`LeNet5.parameterSpecs`), the per-image shapes, the parameter counts and the FLOP counts that
// `lenet-tui summary` and `lenet-tui bench` print are all computed from this one list.

/// What one layer computes, with the sizes that fix its output shape, its parameters and its work.
public enum LayerOperation: Sendable, Equatable {
    /// The input image, `channels × side × side`.
    case input(channels: Int, side: Int)
    /// PyTorch's `nn.Conv2d(inChannels, outChannels, kernel, padding: padding)`, stride 1: weight
    /// `(outChannels, inChannels, kernel, kernel)`, bias `(outChannels)`.
    case convolution(inChannels: Int, outChannels: Int, kernel: Int, padding: Int)
    /// `F.max_pool2d(x, size)`: windows of `size × size`, stride `size`.
    case maxPool(size: Int)
    /// `x.flatten(1)`: `(C, H, W)` to `C·H·W` features, in C, H, W order.
    case flatten
    /// PyTorch's `nn.Linear(inFeatures, outFeatures)`: weight `(outFeatures, inFeatures)`, bias `(outFeatures)`.
    case linear(inFeatures: Int, outFeatures: Int)
}

/// One layer of the network: its name (the `state_dict` prefix for layers with weights, `c1.weight`), what
/// it computes, and whether a ReLU follows it.
public struct LayerSpec: Sendable, Equatable {
    /// The layer's name: `c1`, `pool1`, ... (PyTorch's module name for layers with weights).
    public let name: String
    /// What it computes.
    public let operation: LayerOperation
    /// Whether a ReLU is applied to its output (part of the layer's output, as `inspect` reports it).
    public let relu: Bool

    /// Makes a layer.
    public init(name: String, operation: LayerOperation, relu: Bool = false) {
        self.name = name
        self.operation = operation
        self.relu = relu
    }

    /// The layer's parameter tensors, named and shaped as in PyTorch's `state_dict` (weight, then bias);
    /// empty for layers without weights.
    public var parameterSpecs: [TensorSpec] {
        switch operation {
        case let .convolution(inChannels, outChannels, kernel, _):
            return [TensorSpec(name: name + ".weight", shape: [outChannels, inChannels, kernel, kernel]),
                    TensorSpec(name: name + ".bias", shape: [outChannels])]
        case let .linear(inFeatures, outFeatures):
            return [TensorSpec(name: name + ".weight", shape: [outFeatures, inFeatures]),
                    TensorSpec(name: name + ".bias", shape: [outFeatures])]
        case .input, .maxPool, .flatten:
            return []
        }
    }

    /// Number of parameters (weights and biases).
    public var parameterCount: Int { parameterSpecs.reduce(0) { $0 + $1.count } }

    /// Whether the layer has weights (a convolution or a linear layer).
    public var hasWeights: Bool { !parameterSpecs.isEmpty }

    /// The output shape for one image whose input to this layer has shape `input` (`[C, H, W]` or
    /// `[features]`, no batch axis); `input` is ignored by `.input`.
    /// - Precondition: `input` fits the layer (channels or features as declared, map large enough).
    public func outputShape(input: [Int]) -> [Int] {
        switch operation {
        case let .input(channels, side):
            return [channels, side, side]
        case let .convolution(inChannels, outChannels, kernel, padding):
            precondition(input.count == 3 && input[0] == inChannels, "\(name): expects \(inChannels) channels, got \(input)")
            let height = input[1] + 2 * padding - kernel + 1, width = input[2] + 2 * padding - kernel + 1
            precondition(height > 0 && width > 0, "\(name): a \(kernel)×\(kernel) kernel does not fit \(input)")
            return [outChannels, height, width]
        case let .maxPool(size):
            precondition(input.count == 3, "\(name): expects (C, H, W), got \(input)")
            return [input[0], input[1] / size, input[2] / size]
        case .flatten:
            return [input.reduce(1, *)]
        case let .linear(inFeatures, outFeatures):
            precondition(input == [inFeatures], "\(name): expects \(inFeatures) features, got \(input)")
            return [outFeatures]
        }
    }

    /// Multiply-adds of the layer's forward pass for one image (the convolution or matrix product;
    /// bias, ReLU and pooling are not multiply-adds): a convolution does `C_in·K·K` per output value, a
    /// linear layer `in·out`; 0 for layers without weights.
    /// - Parameter output: the layer's output shape (`outputShape(input:)`).
    public func multiplyAdds(output: [Int]) -> Int {
        switch operation {
        case let .convolution(inChannels, _, kernel, _):
            return output.reduce(1, *) * inChannels * kernel * kernel
        case let .linear(inFeatures, outFeatures):
            return inFeatures * outFeatures
        case .input, .maxPool, .flatten:
            return 0
        }
    }
}

extension LeNet5 {
    /// The layers in forward order, exactly the PyTorch module of `Scripts/lenet_reference.py` (its modules
    /// `c1`, `c3`, `c5`, `f6`, `output`; the pooling and flattening it does in `forward`).
    public static let layers: [LayerSpec] = [
        LayerSpec(name: "input", operation: .input(channels: 1, side: imageSide)),
        LayerSpec(name: "c1", operation: .convolution(inChannels: 1, outChannels: 6, kernel: 5, padding: 2), relu: true),
        LayerSpec(name: "pool1", operation: .maxPool(size: 2)),
        LayerSpec(name: "c3", operation: .convolution(inChannels: 6, outChannels: 16, kernel: 5, padding: 0), relu: true),
        LayerSpec(name: "pool2", operation: .maxPool(size: 2)),
        LayerSpec(name: "flatten", operation: .flatten),
        LayerSpec(name: "c5", operation: .linear(inFeatures: 400, outFeatures: 120), relu: true),
        LayerSpec(name: "f6", operation: .linear(inFeatures: 120, outFeatures: 84), relu: true),
        LayerSpec(name: "output", operation: .linear(inFeatures: 84, outFeatures: classCount)),
    ]

    /// Each layer's output shape for one image (NCHW without the batch axis), in `layers` order:
    /// `[1, 28, 28]`, `[6, 28, 28]`, `[6, 14, 14]`, ..., `[10]`.
    public static let layerOutputShapes: [[Int]] = {
        var shapes: [[Int]] = []
        var shape: [Int] = []
        for layer in layers {
            shape = layer.outputShape(input: shape)
            shapes.append(shape)
        }
        return shapes
    }()

    /// Each layer's forward multiply-adds for one image, in `layers` order (0 for layers without weights):
    /// c1 117,600, c3 240,000, c5 48,000, f6 10,080, output 840.
    public static let layerMultiplyAdds: [Int] = zip(layers, layerOutputShapes).map { $0.multiplyAdds(output: $1) }
}
