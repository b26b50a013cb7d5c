import Foundation
import LeNetEngine
import TestSupport

// MARK: - The PyTorch golden fixture

/// `Fixtures/lenet5_golden.json`, written by `Scripts/make_fixtures.py` (see its docstring for contents).
struct GoldenFixture: Decodable, Sendable {
    /// A tensor stored as base64 little-endian Float32.
    struct Tensor: Decodable, Sendable {
        let shape: [Int]
        let f32le: String
        var values: [Float] { decodeFloat32LittleEndian(base64: f32le)! }
    }

    /// Optimiser hyper-parameters as written by the script (PyTorch argument names).
    struct Settings: Decodable, Sendable {
        let kind: String
        let lr: Double
        let beta1, beta2, eps, weightDecay, momentum: Double?
        let nesterov: Bool?
        enum CodingKeys: String, CodingKey {
            case kind, lr, beta1, beta2, eps, momentum, nesterov
            case weightDecay = "weight_decay"
        }

        /// The optimiser these settings describe.
        func makeOptimizer() -> any Optimizer {
            if kind == "adam" {
                return Adam(learningRate: lr, beta1: beta1 ?? 0.9, beta2: beta2 ?? 0.999, epsilon: eps ?? 1e-8,
                            weightDecay: weightDecay ?? 0)
            }
            return SGD(learningRate: lr, momentum: momentum ?? 0, weightDecay: weightDecay ?? 0,
                       nesterov: nesterov ?? false)
        }
    }

    /// Full-size optimiser case: parameters after `steps` steps from `parameters`.
    struct OptimizerCase: Decodable, Sendable {
        let settings: Settings
        let steps: Int
        let parametersAfter: [String: Tensor]
        enum CodingKeys: String, CodingKey {
            case settings, steps
            case parametersAfter = "parameters_after"
        }
    }

    /// Element-wise optimiser cases on one 23-value tensor.
    struct SmallOptimizerCases: Decodable, Sendable {
        struct Case: Decodable, Sendable {
            let name: String
            let settings: Settings
            let afterEachStep: [Tensor]
            enum CodingKeys: String, CodingKey {
                case name, settings
                case afterEachStep = "after_each_step"
            }
        }
        let parameter: Tensor
        let gradients: [Tensor]
        let cases: [Case]
    }

    let parameters: [String: Tensor]
    let inputs: Tensor
    let labels: [Int]
    let logits: Tensor
    let losses: Tensor
    let loss: Double
    let gradients: [String: Tensor]
    let optimizers: [String: OptimizerCase]
    let optimizerSmall: SmallOptimizerCases

    enum CodingKeys: String, CodingKey {
        case parameters, inputs, labels, logits, losses, loss, gradients, optimizers
        case optimizerSmall = "optimizer_small"
    }

    /// The fixture, decoded once.
    static let shared = decodeFixture("lenet5_golden", as: GoldenFixture.self)

    /// A name → tensor map as `LeNet5Parameters` (checks every spec's name and shape is present).
    static func parameters(_ map: [String: Tensor]) -> LeNet5Parameters {
        LeNet5Parameters(tensors: LeNet5.parameterSpecs.map { spec in
            guard let tensor = map[spec.name], tensor.shape == spec.shape else {
                fatalError("fixture tensor \(spec.name) missing or misshapen")
            }
            return tensor.values
        })
    }

    var initialParameters: LeNet5Parameters { Self.parameters(parameters) }
    var expectedGradients: LeNet5Parameters { Self.parameters(gradients) }
}

/// `Fixtures/<name>.json` of this test bundle, decoded; stops the tests when it is missing or malformed
/// (the fixtures are written by `Scripts/make_fixtures.py`).
func decodeFixture<T: Decodable>(_ name: String, as type: T.Type) -> T {
    guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else {
        fatalError("Fixtures/\(name).json missing: run Scripts/make_fixtures.py")
    }
    do {
        return try JSONDecoder().decode(type, from: Data(contentsOf: url))
    } catch {
        fatalError("cannot decode \(name).json: \(error)")
    }
}
