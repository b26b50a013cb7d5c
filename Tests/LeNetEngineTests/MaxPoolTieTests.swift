import LeNetEngine
import TestSupport
import Testing

/// Max-pool tie-breaking: like PyTorch's CPU kernel, the FIRST maximum in row-major window order wins.
@Suite struct MaxPoolTieTests {
    @Test func firstMaximumWinsTies() {
        // One 4x4 plane = four 2x2 windows:
        //  [1 1 | 0 2]
        //  [1 1 | 2 1]
        //  ----------
        //  [0 0 | 5 4]
        //  [3 3 | 5 5]
        let input: [Float] = [1, 1, 0, 2,
                              1, 1, 2, 1,
                              0, 0, 5, 4,
                              3, 3, 5, 5]
        let (output, argmax) = Reference.maxPool2x2Forward(input: input, batch: 1, channels: 1, height: 4, width: 4)
        #expect(output == [1, 2, 3, 5])
        // Flat indices in the 4x4 plane: (0,0)=0; (0,3)=3 before (1,2)=6; (3,0)=12 before (3,1)=13;
        // (2,2)=10 before (3,2), (3,3).
        #expect(argmax == [0, 3, 12, 10])
        let gradient = Reference.maxPool2x2Backward(outputGradient: [1, 2, 3, 4], argmax: argmax, batch: 1,
                                                    channels: 1, height: 4, width: 4)
        #expect(gradient == [1, 0, 0, 2,
                           0, 0, 0, 0,
                           0, 0, 4, 0,
                           3, 0, 0, 0])
    }

    @Test func oddSizesDropTheLastRowAndColumn() {
        // 3x5 plane → 1x2 output; row 2 and column 4 are ignored (PyTorch floor mode).
        let input: [Float] = [0, 1, 2, 3, 99,
                              4, 5, 6, 7, 99,
                              99, 99, 99, 99, 99]
        let (output, argmax) = Reference.maxPool2x2Forward(input: input, batch: 1, channels: 1, height: 3, width: 5)
        #expect(output == [5, 7])
        #expect(argmax == [6, 8])
    }

    @Test func naNWinsAndPropagates() {
        let (output, _) = Reference.maxPool2x2Forward(input: [1, .nan, 3, 2], batch: 1, channels: 1, height: 2,
                                                      width: 2)
        #expect(output[0].isNaN)
    }

    /// The fast path must break ties exactly like the reference: with zero c1 weights and positive c1
    /// biases every c1 output in a plane is equal, so every pooling window is a 4-way tie (and c3, seeing
    /// a constant input, ties too); the c1 weight gradient depends on which position each tie routes its
    /// gradient to, since the image patches differ.
    @Test func modelBreaksTiesLikeReference() {
        var random = SeededRandom(seed: 21)
        var rng = SplitMix64(seed: 5)
        var parameters = LeNet5Parameters.pytorchDefault(using: &rng)
        parameters.tensors[0] = [Float](repeating: 0, count: 150)
        parameters.tensors[1] = [Float](repeating: 0.5, count: 6)
        parameters.tensors[3] = (0..<16).map { 0.1 + Float($0) * 0.01 }
        let count = 3
        let images = random.images(count), labels = random.labels(count)
        let expected = ReferenceLeNet5.run(parameters: parameters, images: images, labels: labels)
        let model = LeNet5Model(maxBatchSize: count)
        var gradients = LeNet5Parameters.zeros()
        _ = images.withUnsafeBufferPointer { x in
            labels.map(UInt8.init).withUnsafeBufferPointer { y in
                model.trainingStep(parameters: parameters, images: x, labels: y, count: count, gradients: &gradients)
            }
        }
        #expect(expected.gradients.tensors[0].contains { $0 != 0 }, "the check needs a non-zero c1 gradient")
        for (index, spec) in LeNet5.parameterSpecs.enumerated() {
            expectClose(gradients.tensors[index], expected.gradients.tensors[index], tolerance: 1e-6, spec.name)
        }
    }
}
