import LeNetEngine
import TestSupport
import Testing

/// `LeNet5Model.inspect` (fast kernels) and `Reference.lenet5Inspection` (reference kernels) against
/// PyTorch's intermediates and saliency maps (`lenet5_inspection.json`), and against each other.
@Suite struct InspectionTests {
    var fixture: InspectionFixture { InspectionFixture.shared }
    var golden: GoldenFixture { GoldenFixture.shared }

    /// The fixture's inputs, `(3, 1, 28, 28)`: the first 3 of the golden fixture.
    var images: [Float] { Array(golden.inputs.values.prefix(fixture.count * 784)) }

    func fast(_ parameters: LeNet5Parameters, _ images: [Float], threads: Int = 1,
              saliencyClass: Int? = nil) -> [LeNet5Inspection] {
        let model = LeNet5Model(maxBatchSize: 16, threads: threads)
        return images.withUnsafeBufferPointer {
            model.inspect(parameters: parameters, images: $0, count: images.count / 784, saliencyClass: saliencyClass)
        }
    }

    /// Every layer of every image within the standard tolerance of PyTorch; prints the worst per layer.
    func expectMatchesPyTorch(_ results: [LeNet5Inspection], _ label: String) {
        #expect(results.count == fixture.count)
        #expect(results.map(\.predictedClass) == fixture.predicted, "\(label)")
        #expect(results.map(\.saliencyClass) == fixture.predicted, "\(label)")
        for layer in LeNet5Inspection.Layer.allCases {
            let actual = results.flatMap { $0[layer] }
            let expected = (0..<fixture.count).flatMap { fixture.values(layer, image: $0) }
            print("inspection \(label): \(layer.rawValue) \(expectClose(actual, expected, "\(label) \(layer)"))")
            expectCloseToScale(actual, expected, "\(label) \(layer)")
        }
    }

    /// Within 1e-4 of the tensor's largest magnitude: sharper than the standard rule's absolute floor for
    /// tensors far below 1 (the saliency maps' entries are below 0.005).
    func expectCloseToScale(_ actual: [Float], _ expected: [Float], _ label: String,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        let scale = expected.map(abs).max()!
        #expect(scale > 0, "\(label)", sourceLocation: sourceLocation)
        expectClose(actual.map { $0 / scale }, expected.map { $0 / scale }, "\(label) / \(scale)", sourceLocation: sourceLocation)
    }

    @Test func fixtureHasEveryLayer() {
        #expect(Set(fixture.layers.keys) == Set(LeNet5Inspection.Layer.allCases.map(\.rawValue)))
        #expect(fixture.saliencyByClass.shape == [10, 1, 28, 28])
        // The inputs are the golden fixture's, so its parameters apply.
        #expect((0..<fixture.count).flatMap { fixture.values(.input, image: $0) } == images)
    }

    @Test(arguments: [1, 2])
    func fastPathMatchesPyTorch(threads: Int) {
        expectMatchesPyTorch(fast(golden.initialParameters, images, threads: threads), "fast threads \(threads)")
    }

    @Test func referencePathMatchesPyTorch() {
        expectMatchesPyTorch(Reference.lenet5Inspection(parameters: golden.initialParameters, images: images),
                             "reference")
    }

    /// The saliency map of every class's logit, not only the predicted one.
    @Test func saliencyOfEveryClassMatchesPyTorch() {
        let first = Array(images.prefix(784))
        for k in 0..<10 {
            let expected = Array(fixture.saliencyByClass.values[(k * 784) ..< ((k + 1) * 784)])
            let fastResult = fast(golden.initialParameters, first, saliencyClass: k)[0]
            let referenceResult = Reference.lenet5Inspection(parameters: golden.initialParameters, images: first,
                                                             saliencyClass: k)[0]
            #expect(fastResult.saliencyClass == k)
            expectCloseToScale(fastResult.saliency, expected, "fast, class \(k)")
            expectCloseToScale(referenceResult.saliency, expected, "reference, class \(k)")
        }
    }

    /// Fast against reference on other weights (3x PyTorch's init, so activations are larger and
    /// fewer ReLUs are dead) and 20 random images: more than one 16-image chunk.
    @Test(arguments: [nil, 3] as [Int?])
    func fastPathMatchesReferencePath(saliencyClass: Int?) {
        var random = SeededRandom(seed: 11)
        var parameters = LeNet5Parameters.pytorchDefault(using: &random.generator)
        for i in parameters.tensors.indices { parameters.tensors[i] = parameters.tensors[i].map { $0 * 3 } }
        let images = random.images(20)
        let fastResults = fast(parameters, images, threads: 2, saliencyClass: saliencyClass)
        let referenceResults = Reference.lenet5Inspection(parameters: parameters, images: images,
                                                          saliencyClass: saliencyClass)
        #expect(fastResults.map(\.predictedClass) == referenceResults.map(\.predictedClass))
        #expect(fastResults.map(\.saliencyClass) == referenceResults.map(\.saliencyClass))
        for layer in LeNet5Inspection.Layer.allCases {
            expectClose(fastResults.flatMap { $0[layer] }, referenceResults.flatMap { $0[layer] },
                        tolerance: 1e-5, "\(layer), saliency class \(String(describing: saliencyClass))")
        }
    }

    /// The logits, probabilities and predictions of `inspect` are those of `classify`, bit for bit (same
    /// kernels, the one softmax and argmax).
    @Test func inspectionAgreesWithClassify() {
        let model = LeNet5Model(maxBatchSize: 16)
        let classification = images.withUnsafeBufferPointer {
            model.classify(parameters: golden.initialParameters, images: $0, labels: nil, count: 3)
        }
        let inspections = fast(golden.initialParameters, images)
        #expect(inspections.flatMap(\.logits) == classification.logits)
        #expect(inspections.flatMap(\.probabilities) == classification.probabilities)
        #expect(inspections.map(\.predictedClass) == classification.predictions.map(Int.init))
    }

    @Test func layerShapesAndMaps() {
        let result = fast(golden.initialParameters, images)[1]
        #expect(LeNet5Inspection.Layer.allCases.map(\.count) == [784, 4704, 1176, 1600, 400, 120, 84, 10, 10, 784])
        // Channel 2 of pool1 is the 196 values after channels 0 and 1, and its mean is their mean.
        #expect(Array(result.map(.pool1, channel: 2)) == Array(result.pool1[392..<588]))
        let expected = fixture.values(.c3, image: 1)
        for (c, mean) in result.channelMeans(.c3).enumerated() {
            expectClose(Double(mean), Double(expected[(c * 100)..<((c + 1) * 100)].reduce(0, +)) / 100)
        }
        #expect(abs(Double(result.probabilities.reduce(0, +)) - 1) <= 1e-6)
    }
}
