import LeNetEngine

// MARK: - Training health

/// One layer's training-health figures for one optimizer step: how large the weights are, how large the
/// mini-batch gradient was and how far the step moved the weights. A healthy run keeps the update ratio
/// ‖Δw‖/‖w‖ roughly between 1e-4 and 1e-2; far above, the learning rate is too high, far below, the
/// layer has stopped learning.
///
/// Every figure covers the layer's weight and bias together (`c1` = `c1.weight` and `c1.bias`).
public struct LayerHealth: Sendable, Equatable {
    /// The layer's name in the checkpoint: `c1`, `c3`, `c5`, `f6` or `output`.
    public let layer: String
    /// ‖w‖: L2 norm of the layer's parameters after the step.
    public let weightNorm: Double
    /// ‖g‖: L2 norm of the mini-batch gradient the step used (before weight decay or momentum).
    public let gradientNorm: Double
    /// ‖Δw‖: L2 norm of the change the step made to the layer's parameters.
    public let updateNorm: Double

    public init(layer: String, weightNorm: Double, gradientNorm: Double, updateNorm: Double) {
        self.layer = layer
        self.weightNorm = weightNorm
        self.gradientNorm = gradientNorm
        self.updateNorm = updateNorm
    }

    /// ‖Δw‖/‖w‖, the update-to-weight ratio of the step (0 when the weights are all zero).
    public var updateRatio: Double { weightNorm > 0 ? updateNorm / weightNorm : 0 }
}

/// The training-health figures of every layer after one optimizer step, in network order.
public struct TrainingHealth: Sendable, Equatable {
    /// One entry per layer: c1, c3, c5, f6, output.
    public let layers: [LayerHealth]

    public init(layers: [LayerHealth]) {
        self.layers = layers
    }

    /// The layer names, in network order (the parameter names without `.weight`).
    public static let layerNames: [String] = stride(from: 0, to: LeNet5.parameterSpecs.count, by: 2).map {
        String(LeNet5.parameterSpecs[$0].name.prefix { $0 != "." })
    }

    /// Per layer, the sum of squares of `tensors` (weight and bias together).
    /// - Complexity: one pass over the 61,706 values.
    static func layerSquares(_ tensors: LeNet5Parameters) -> [Double] {
        var sums = [Double](repeating: 0, count: layerNames.count)
        for (index, tensor) in tensors.tensors.enumerated() {
            sums[index / 2] += tensor.withUnsafeBufferPointer { values in
                var lanes = SIMD16<Float>()
                var i = 0
                while i + 16 <= values.count {
                    let v = UnsafeRawPointer(values.baseAddress! + i).loadUnaligned(as: SIMD16<Float>.self)
                    lanes += v * v
                    i += 16
                }
                var sum = Double(lanes.sum())
                while i < values.count { sum += Double(values[i] * values[i]); i += 1 }
                return sum
            }
        }
        return sums
    }

    /// Copies `parameters` over `published` in place (no allocation while nobody else holds `published`'s
    /// arrays) and, given the gradient's per-layer squares, measures the step in the same pass: ‖w‖ of
    /// the new values and ‖Δw‖ = ‖new − old‖ against the values being overwritten.
    /// - Parameters:
    ///   - gradientSquares: `layerSquares(gradients)` of the step, or `nil` to copy without measuring.
    /// - Returns: the figures, or `nil` when `gradientSquares` is `nil`.
    /// - Complexity: one pass over the 61,706 parameters (reading the old values, writing the new).
    static func copy(_ parameters: LeNet5Parameters, over published: inout LeNet5Parameters,
                     gradientSquares: [Double]?) -> TrainingHealth? {
        var weightSquares = [Double](repeating: 0, count: layerNames.count)
        var updateSquares = weightSquares
        for index in parameters.tensors.indices {
            let (w, d) = parameters.tensors[index].withUnsafeBufferPointer { source in
                published.tensors[index].withUnsafeMutableBufferPointer { target in
                    copyMeasuring(from: source.baseAddress!, to: target.baseAddress!, count: source.count,
                                  measure: gradientSquares != nil)
                }
            }
            weightSquares[index / 2] += w
            updateSquares[index / 2] += d
        }
        guard let gradientSquares else { return nil }
        return TrainingHealth(layers: layerNames.indices.map { layer in
            LayerHealth(layer: layerNames[layer], weightNorm: weightSquares[layer].squareRoot(),
                        gradientNorm: gradientSquares[layer].squareRoot(), updateNorm: updateSquares[layer].squareRoot())
        })
    }

    /// `target[i] = source[i]` for `count` values; when `measure`, also returns Σ source² and
    /// Σ (source − old target)².
    private static func copyMeasuring(from source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>,
                                      count: Int, measure: Bool) -> (Double, Double) {
        guard measure else {
            target.update(from: source, count: count)
            return (0, 0)
        }
        var squares = SIMD16<Float>(), changes = SIMD16<Float>()
        var i = 0
        while i + 16 <= count {
            let new = UnsafeRawPointer(source + i).loadUnaligned(as: SIMD16<Float>.self)
            let change = new - UnsafeRawPointer(target + i).loadUnaligned(as: SIMD16<Float>.self)
            squares += new * new
            changes += change * change
            UnsafeMutableRawPointer(target + i).storeBytes(of: new, as: SIMD16<Float>.self)
            i += 16
        }
        var w = Double(squares.sum()), d = Double(changes.sum())
        while i < count {
            let change = source[i] - target[i]
            w += Double(source[i] * source[i])
            d += Double(change * change)
            target[i] = source[i]
            i += 1
        }
        return (w, d)
    }
}
