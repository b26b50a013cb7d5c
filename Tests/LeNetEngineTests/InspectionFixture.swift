import Foundation
import LeNetEngine

// MARK: - The PyTorch inspection fixture

/// `Fixtures/lenet5_inspection.json`, written by `Scripts/make_fixtures.py`: PyTorch's intermediates and
/// saliency maps for the first 3 inputs of the golden fixture, with its parameters.
struct InspectionFixture: Decodable, Sendable {
    /// `layers[name]`: the tensor of `LeNet5Inspection.Layer(rawValue: name)` for the 3 images, with the
    /// batch axis first (`(3, C, H, W)` or `(3, features)`).
    let layers: [String: GoldenFixture.Tensor]
    /// PyTorch's argmax of each image's logits.
    let predicted: [Int]
    /// `(10, 1, 28, 28)`: `∂ logits[0, k] / ∂ input[0]` for each class `k`.
    let saliencyByClass: GoldenFixture.Tensor

    enum CodingKeys: String, CodingKey {
        case layers, predicted
        case saliencyByClass = "saliency_by_class"
    }

    /// Images in the fixture.
    var count: Int { predicted.count }

    /// Image `n`'s values of `layer`, as `LeNet5Inspection` holds them.
    func values(_ layer: LeNet5Inspection.Layer, image n: Int) -> [Float] {
        guard let tensor = layers[layer.rawValue], tensor.shape == [count] + layer.shape else {
            fatalError("fixture layer \(layer) missing or misshapen")
        }
        return Array(tensor.values[(n * layer.count) ..< ((n + 1) * layer.count)])
    }

    /// The fixture, decoded once.
    static let shared = decodeFixture("lenet5_inspection", as: InspectionFixture.self)
}
