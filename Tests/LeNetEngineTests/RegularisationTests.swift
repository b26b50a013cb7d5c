import Foundation
import LeNetEngine
import TestSupport
import Testing

/// `Fixtures/regularisation.json`, written by `Scripts/make_beyond_fixtures.py`: `torch.optim.AdamW` steps
/// and `F.cross_entropy(label_smoothing=ε)` losses and gradients.
struct RegularisationFixture: Decodable, Sendable {
    struct AdamW: Decodable, Sendable {
        struct Case: Decodable, Sendable {
            struct Settings: Decodable, Sendable {
                let lr: Double
                let weightDecay: Double
                enum CodingKeys: String, CodingKey { case lr, weightDecay = "weight_decay" }
            }
            let settings: Settings
            let after: [[Float]]
        }
        let start: [Float]
        let gradients: [[Float]]
        let cases: [Case]
    }
    struct LabelSmoothing: Decodable, Sendable {
        struct Case: Decodable, Sendable { let epsilon: Float; let loss: Float; let gradient: [Float] }
        let logits: [Float]
        let labels: [Int]
        let cases: [Case]
    }
    let adamw: AdamW
    let labelSmoothing: LabelSmoothing
    enum CodingKeys: String, CodingKey { case adamw, labelSmoothing = "label_smoothing" }

    static let shared = decodeFixture("regularisation", as: RegularisationFixture.self)
}

/// AdamW's decoupled weight decay and label smoothing against PyTorch.
@Suite struct RegularisationTests {
    let fixture = RegularisationFixture.shared

    func tiled(_ values: [Float]) -> LeNet5Parameters {
        LeNet5Parameters(tensors: LeNet5.parameterSpecs.map { spec in (0..<spec.count).map { values[$0 % values.count] } })
    }

    @Test func adamWMatchesTorchOptimAdamW() {
        #expect(fixture.adamw.cases.count == 2)
        for testCase in fixture.adamw.cases {
            var optimizer = Adam(learningRate: testCase.settings.lr, weightDecay: testCase.settings.weightDecay,
                                 decoupledWeightDecay: true)
            var parameters = tiled(fixture.adamw.start)
            for (step, gradient) in fixture.adamw.gradients.enumerated() {
                optimizer.step(&parameters, gradients: tiled(gradient))
                let expected = tiled(testCase.after[step])
                for (index, spec) in LeNet5.parameterSpecs.enumerated() {
                    _ = expectClose(parameters.tensors[index], expected.tensors[index], tolerance: 1e-7,
                                    "AdamW lr \(testCase.settings.lr) wd \(testCase.settings.weightDecay) step \(step + 1) \(spec.name)")
                }
            }
        }
    }

    @Test func adamWIsNotAdamsL2Penalty() {
        // The same settings as coupled Adam give other weights after one step (the decay is applied differently).
        let start = tiled(fixture.adamw.start), gradient = tiled(fixture.adamw.gradients[0])
        var decoupled = Adam(learningRate: 0.02, weightDecay: 0.3, decoupledWeightDecay: true)
        var coupled = Adam(learningRate: 0.02, weightDecay: 0.3)
        var a = start, b = start
        decoupled.step(&a, gradients: gradient)
        coupled.step(&b, gradients: gradient)
        #expect(a.tensors[0] != b.tensors[0])
        _ = expectClose(a.tensors[0], tiled(fixture.adamw.cases[1].after[0]).tensors[0], tolerance: 1e-7)
    }

    @Test func labelSmoothingMatchesTorchCrossEntropy() {
        let smoothing = fixture.labelSmoothing
        #expect(smoothing.cases.map(\.epsilon) == [0, 0.1, 0.3])
        for testCase in smoothing.cases {
            let result = Reference.smoothedCrossEntropy(logits: smoothing.logits, labels: smoothing.labels,
                                                        classCount: 10, labelSmoothing: testCase.epsilon)
            expectClose(Double(result.loss), Double(testCase.loss), tolerance: 1e-6, "loss ε \(testCase.epsilon)")
            _ = expectClose(result.gradient, testCase.gradient, tolerance: 1e-7, "gradient ε \(testCase.epsilon)")
        }
    }

    @Test func modelsSmoothedLossAndGradientMatchTheReference() {
        // The fast path's loss and output.bias gradient (the mean of ∂loss/∂logits over the batch) with ε = 0.1,
        // on the golden fixture's weights and five MNIST images.
        let golden = GoldenFixture.shared
        let parameters = golden.initialParameters
        let images = golden.inputs.values, labels = golden.labels
        let logits = golden.logits.values
        let expected = Reference.smoothedCrossEntropy(logits: logits, labels: labels, classCount: 10, labelSmoothing: 0.1)
        let model = LeNet5Model(maxBatchSize: 5, threads: 1)
        var gradients = LeNet5Parameters.zeros()
        let result = images.withUnsafeBufferPointer { x in
            labels.map(UInt8.init).withUnsafeBufferPointer { y in
                model.trainingStep(parameters: parameters, images: x, labels: y, count: 5, gradients: &gradients,
                                   labelSmoothing: 0.1)
            }
        }
        expectClose(Double(result.loss), Double(expected.loss), tolerance: 1e-5, "loss")
        let biasGradient = (0..<10).map { k in (0..<5).reduce(Float(0)) { $0 + expected.gradient[$1 * 10 + k] } }
        _ = expectClose(gradients.tensors[9], biasGradient, tolerance: 1e-5, "output.bias gradient")
        // ε = 0 is the plain loss of the golden fixture.
        let plain = images.withUnsafeBufferPointer { x in
            labels.map(UInt8.init).withUnsafeBufferPointer { y in
                model.trainingStep(parameters: parameters, images: x, labels: y, count: 5, gradients: &gradients)
            }
        }
        expectClose(Double(plain.loss), golden.loss, tolerance: 1e-5, "plain loss")
        #expect(result.loss != plain.loss)
    }
}
