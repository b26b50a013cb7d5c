import LeNetEngine
import TestSupport
import Testing

/// The engine against PyTorch on the committed golden fixture (5 MNIST images, seeded PyTorch init):
/// logits, loss and all 10 gradients within the standard tolerance (1e-4, `Tolerance` rule).
/// Prints the largest differences per tensor.
@Suite struct GoldenFixtureTests {
    var fixture: GoldenFixture { GoldenFixture.shared }

    @Test func fixtureShape() {
        #expect(fixture.labels.count == 5)
        #expect(fixture.inputs.shape == [5, 1, 28, 28])
        #expect(fixture.logits.shape == [5, 10])
        #expect(Set(fixture.parameters.keys) == Set(LeNet5.parameterSpecs.map(\.name)))
    }

    @Test(arguments: [1, 2])
    func modelMatchesPyTorch(threads: Int) {
        let parameters = fixture.initialParameters, expected = fixture.expectedGradients
        let images = fixture.inputs.values, labels = fixture.labels.map(UInt8.init), count = fixture.labels.count
        let model = LeNet5Model(maxBatchSize: 64, threads: threads)
        var gradients = LeNet5Parameters.zeros()
        let (result, logits) = images.withUnsafeBufferPointer { x in
            labels.withUnsafeBufferPointer { y in
                (model.trainingStep(parameters: parameters, images: x, labels: y, count: count,
                                    gradients: &gradients),
                 model.classify(parameters: parameters, images: x, labels: nil, count: count).logits)
            }
        }
        print("golden threads \(threads): logits \(expectClose(logits, fixture.logits.values))")
        print("golden threads \(threads): loss \(result.loss) vs PyTorch \(fixture.loss), "
              + "\(Difference([result.loss], [Float(fixture.loss)]))")
        expectClose(Double(result.loss), fixture.loss)
        for (index, spec) in LeNet5.parameterSpecs.enumerated() {
            let difference = expectClose(gradients.tensors[index], expected.tensors[index], spec.name)
            print("golden threads \(threads): ∂\(spec.name) \(difference)")
        }
        let predictions = ReferenceLeNet5.argmax(fixture.logits.values)
        #expect(result.correct == zip(predictions, fixture.labels).filter { $0 == $1 }.count)
    }

    /// `classify` against PyTorch: per-image losses (`F.cross_entropy(reduction="none")`), predictions
    /// (`argmax`) and, for the inspection fixture's first 3 images, `softmax`'s probabilities.
    @Test func classifyMatchesPyTorch() {
        let model = LeNet5Model(maxBatchSize: 2, threads: 2)
        let labels = fixture.labels.map(UInt8.init)
        let result = fixture.inputs.values.withUnsafeBufferPointer { x in
            labels.withUnsafeBufferPointer { y in
                model.classify(parameters: fixture.initialParameters, images: x, labels: y, count: 5)
            }
        }
        expectClose(result.logits, fixture.logits.values, "logits")
        expectClose(result.losses, fixture.losses.values, "losses")
        expectClose(result.lossSum, fixture.losses.values.reduce(0.0) { $0 + Double($1) })
        #expect(result.predictions.map(Int.init) == ReferenceLeNet5.argmax(fixture.logits.values))
        let inspection = InspectionFixture.shared
        let probabilities = (0..<inspection.count).flatMap { inspection.values(.probabilities, image: $0) }
        let difference = expectClose(Array(result.probabilities[0 ..< probabilities.count]), probabilities,
                                     tolerance: 1e-6, "probabilities")
        print("golden classify: probabilities \(difference)")
        #expect(result.predictions.prefix(inspection.count).map(Int.init) == inspection.predicted)
    }

    /// The reference kernels on their own also reproduce PyTorch (so the model tests' oracle is sound).
    @Test func referenceKernelsMatchPyTorch() {
        let result = ReferenceLeNet5.run(parameters: fixture.initialParameters, images: fixture.inputs.values,
                                         labels: fixture.labels)
        expectClose(result.logits, fixture.logits.values, "logits")
        expectClose(result.losses, fixture.losses.values, "losses")
        expectClose(Double(result.loss), fixture.loss)
        for (index, spec) in LeNet5.parameterSpecs.enumerated() {
            let difference = expectClose(result.gradients.tensors[index], fixture.expectedGradients.tensors[index],
                                         spec.name)
            print("golden reference kernels: ∂\(spec.name) \(difference)")
        }
    }

    /// Gradients compared relative to each tensor's largest entry: a sharper check than the absolute
    /// floor of the standard rule for tensors whose entries are all far below 1.
    @Test func gradientsMatchRelativeToTensorScale() {
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
            #expect(scale > 0, "\(spec.name)")
            let difference = expectClose(gradients.tensors[index].map { $0 / scale }, expected.map { $0 / scale },
                                         tolerance: 1e-4, "\(spec.name) / \(scale)")
            print("golden ∂\(spec.name) / max|∂| (\(scale)): \(difference)")
        }
    }
}
