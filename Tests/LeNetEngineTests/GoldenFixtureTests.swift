import LeNetEngine
import TestSupport
import XCTest

/// The engine against PyTorch on the committed golden fixture (5 MNIST images, seeded PyTorch init):
/// logits, loss and all 10 gradients within the standard tolerance (1e-4, `Tolerance` rule).
/// Prints the largest differences per tensor.
final class GoldenFixtureTests: XCTestCase {
    var fixture: GoldenFixture { GoldenFixture.shared }

    func testFixtureShape() {
        XCTAssertEqual(fixture.labels.count, 5)
        XCTAssertEqual(fixture.inputs.shape, [5, 1, 28, 28])
        XCTAssertEqual(fixture.logits.shape, [5, 10])
        XCTAssertEqual(Set(fixture.parameters.keys), Set(LeNet5.parameterSpecs.map(\.name)))
    }

    func testModelMatchesPyTorch() {
        let parameters = fixture.initialParameters, expected = fixture.expectedGradients
        let images = fixture.inputs.values, labels = fixture.labels.map(UInt8.init), count = fixture.labels.count
        for threads in [1, 2] {
            let model = LeNet5Model(maxBatchSize: 64, threads: threads)
            var gradients = LeNet5Parameters.zeros()
            let (result, logits) = images.withUnsafeBufferPointer { x in
                labels.withUnsafeBufferPointer { y in
                    (model.trainingStep(parameters: parameters, images: x, labels: y, count: count,
                                        gradients: &gradients),
                     model.classify(parameters: parameters, images: x, labels: nil, count: count).logits)
                }
            }
            print("golden threads \(threads): logits \(assertClose(logits, fixture.logits.values))")
            print("golden threads \(threads): loss \(result.loss) vs PyTorch \(fixture.loss), "
                  + "\(Difference([result.loss], [Float(fixture.loss)]))")
            assertClose(Double(result.loss), fixture.loss)
            for (index, spec) in LeNet5.parameterSpecs.enumerated() {
                let difference = assertClose(gradients.tensors[index], expected.tensors[index], spec.name)
                print("golden threads \(threads): ∂\(spec.name) \(difference)")
            }
            let predictions = ReferenceLeNet5.argmax(fixture.logits.values)
            XCTAssertEqual(result.correct, zip(predictions, fixture.labels).filter { $0 == $1 }.count)
        }
    }

    /// `classify` against PyTorch: per-image losses (`F.cross_entropy(reduction="none")`), predictions
    /// (`argmax`) and, for the inspection fixture's first 3 images, `softmax`'s probabilities.
    func testClassifyMatchesPyTorch() {
        let model = LeNet5Model(maxBatchSize: 2, threads: 2)
        let labels = fixture.labels.map(UInt8.init)
        let result = fixture.inputs.values.withUnsafeBufferPointer { x in
            labels.withUnsafeBufferPointer { y in
                model.classify(parameters: fixture.initialParameters, images: x, labels: y, count: 5)
            }
        }
        assertClose(result.logits, fixture.logits.values, "logits")
        assertClose(result.losses, fixture.losses.values, "losses")
        assertClose(result.lossSum, fixture.losses.values.reduce(0.0) { $0 + Double($1) })
        XCTAssertEqual(result.predictions.map(Int.init), ReferenceLeNet5.argmax(fixture.logits.values))
        let inspection = InspectionFixture.shared
        let probabilities = (0..<inspection.count).flatMap { inspection.values(.probabilities, image: $0) }
        let difference = assertClose(Array(result.probabilities[0 ..< probabilities.count]), probabilities,
                                     relativeTolerance: 1e-6, "probabilities")
        print("golden classify: probabilities \(difference)")
        XCTAssertEqual(result.predictions.prefix(inspection.count).map(Int.init), inspection.predicted)
    }

    /// The reference kernels on their own also reproduce PyTorch (so the model tests' oracle is sound).
    func testReferenceKernelsMatchPyTorch() {
        let result = ReferenceLeNet5.run(parameters: fixture.initialParameters, images: fixture.inputs.values,
                                         labels: fixture.labels)
        assertClose(result.logits, fixture.logits.values, "logits")
        assertClose(result.losses, fixture.losses.values, "losses")
        assertClose(Double(result.loss), fixture.loss)
        for (index, spec) in LeNet5.parameterSpecs.enumerated() {
            let difference = assertClose(result.gradients.tensors[index], fixture.expectedGradients.tensors[index],
                                         spec.name)
            print("golden reference kernels: ∂\(spec.name) \(difference)")
        }
    }

    /// Gradients compared relative to each tensor's largest entry: a sharper check than the absolute
    /// floor of the standard rule for tensors whose entries are all far below 1.
    func testGradientsMatchRelativeToTensorScale() {
        let model = LeNet5Model(maxBatchSize: 8)
        var gradients = LeNet5Parameters.zeros()
        let labels = fixture.labels.map(UInt8.init)
        _ = fixture.inputs.values.withUnsafeBufferPointer { x in
            labels.withUnsafeBufferPointer { y in
                model.trainingStep(parameters: fixture.initialParameters, images: x, labels: y, count: 5,
                                   gradients: &gradients)
            }
        }
        for (index, spec) in LeNet5.parameterSpecs.enumerated() {
            let expected = fixture.expectedGradients.tensors[index]
            let scale = expected.map(abs).max()!
            XCTAssertGreaterThan(scale, 0, spec.name)
            let difference = assertClose(gradients.tensors[index].map { $0 / scale }, expected.map { $0 / scale },
                                         relativeTolerance: 1e-4, "\(spec.name) / \(scale)")
            print("golden ∂\(spec.name) / max|∂| (\(scale)): \(difference)")
        }
    }
}
