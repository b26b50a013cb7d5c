// MARK: - Parameters

/// The weights and biases of one LeNet-5, or anything shaped like them (gradients, optimiser moments).
///
/// `tensors[i]` holds `LeNet5.parameterSpecs[i]` in PyTorch's layout, row-major Float32, so the array
/// of tensors maps one to one onto a PyTorch `state_dict` (and its safetensors file).
public struct LeNet5Parameters: Sendable, Equatable {
    /// The 10 tensors in `LeNet5.parameterSpecs` order; `tensors[i].count == parameterSpecs[i].count`.
    public var tensors: [[Float]]

    /// Wraps tensors given in `parameterSpecs` order.
    /// - Precondition: there are 10 tensors and each has its spec's element count.
    public init(tensors: [[Float]]) {
        let specs = LeNet5.parameterSpecs
        precondition(tensors.count == specs.count,
                     "LeNet5Parameters needs \(specs.count) tensors, got \(tensors.count)")
        for (tensor, spec) in zip(tensors, specs) {
            precondition(tensor.count == spec.count,
                         "\(spec.name) needs \(spec.count) values, got \(tensor.count)")
        }
        self.tensors = tensors
    }

    /// All tensors filled with `0` (e.g. fresh optimiser moments, or a gradient buffer).
    public static func zeros() -> LeNet5Parameters {
        LeNet5Parameters(tensors: LeNet5.parameterSpecs.map { [Float](repeating: 0, count: $0.count) })
    }

    /// PyTorch's default initialisation of `nn.Conv2d` and `nn.Linear`.
    ///
    /// Weights: `kaiming_uniform_(a: √5)`, which is `U(−b, b)` with `b = gain·√(3 / fan_in)`,
    /// `gain = √(2 / (1 + a²)) = √(1/3)`, hence `b = 1 / √fan_in`. Biases: `U(−1/√fan_in, 1/√fan_in)`
    /// (PyTorch `reset_parameters` of both modules). `fan_in` is `C·KH·KW` for a conv, `in` for a linear.
    ///
    /// Draw order, fixed so a seed gives the same network everywhere: tensors in `parameterSpecs` order,
    /// values in layout order, one `rng.next()` per value, mapped to `u = (next() >> 40)·2⁻²⁴ ∈ [0, 1)`
    /// and then to `(2u − 1)·b`, so every value lies in `[−b, b)`. (The values differ from PyTorch's own
    /// generator; only the distribution is PyTorch's.)
    /// - Parameter rng: the generator, advanced by exactly `LeNet5.parameterCount` draws.
    public static func pytorchDefault<R: RandomNumberGenerator>(using rng: inout R) -> LeNet5Parameters {
        var tensors: [[Float]] = []
        let specs = LeNet5.parameterSpecs
        for index in stride(from: 0, to: specs.count, by: 2) {
            let weightSpec = specs[index]
            let fanIn = weightSpec.shape.dropFirst().reduce(1, *)
            let bound = Float(1 / Double(fanIn).squareRoot())
            for spec in [weightSpec, specs[index + 1]] {
                var values = [Float](repeating: 0, count: spec.count)
                for i in values.indices {
                    let u = Float(rng.next() >> 40) * 0x1p-24
                    values[i] = (2 * u - 1) * bound
                }
                tensors.append(values)
            }
        }
        return LeNet5Parameters(tensors: tensors)
    }

    // MARK: - Access

    /// The tensor called `name` (a `parameterSpecs` name such as `"c5.weight"`), or `nil` if no tensor
    /// has that name.
    public subscript(name: String) -> [Float]? {
        guard let index = LeNet5.parameterIndex(named: name) else { return nil }
        return tensors[index]
    }

    /// Whether every value is finite (no NaN, no ±infinity): the trainer's divergence check.
    public var allFinite: Bool {
        tensors.allSatisfy { $0.allSatisfy(\.isFinite) }
    }
}
