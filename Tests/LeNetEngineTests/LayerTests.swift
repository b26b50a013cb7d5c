import LeNetEngine
import Testing

/// The layer list that shapes, parameter counts and FLOP counts are computed from.
@Suite struct LayerTests {
    @Test func outputShapesFollowTheLayers() {
        #expect(LeNet5.layers.map(\.name) ==
                ["input", "c1", "pool1", "c3", "pool2", "flatten", "c5", "f6", "output"])
        #expect(LeNet5.layerOutputShapes ==
                [[1, 28, 28], [6, 28, 28], [6, 14, 14], [16, 10, 10], [16, 5, 5], [400], [120], [84], [10]])
    }

    @Test func parameterCountsPerLayer() {
        #expect(LeNet5.layers.map(\.parameterCount) == [0, 156, 0, 2_416, 0, 0, 48_120, 10_164, 850])
        #expect(LeNet5.layers.map(\.parameterCount).reduce(0, +) == 61_706)
        #expect(LeNet5.layers.filter(\.relu).map(\.name) == ["c1", "c3", "c5", "f6"])
    }

    @Test func multiplyAddsPerLayer() {
        #expect(LeNet5.layerMultiplyAdds == [0, 117_600, 0, 240_000, 0, 0, 48_000, 10_080, 840])
        // c1's input is the image: no input gradient, so forward + weight gradient only.
        #expect(LeNet5.layerTrainingMultiplyAdds == [0, 235_200, 0, 720_000, 0, 0, 144_000, 30_240, 2_520])
        #expect(LeNet5.inferenceFLOPsPerImage == 833_040)
    }

    @Test func anotherLayerListGetsItsOwnShapes() {
        // The arithmetic is the layers', not LeNet-5's: a 3×3 convolution without padding on 32×32.
        let conv = LayerSpec(name: "k", operation: .convolution(inChannels: 3, outChannels: 8, kernel: 3, padding: 0))
        #expect(conv.outputShape(input: [3, 32, 32]) == [8, 30, 30])
        #expect(conv.multiplyAdds(output: [8, 30, 30]) == 8 * 30 * 30 * 27)
        #expect(conv.parameterSpecs.map(\.shape) == [[8, 3, 3, 3], [8]])
        #expect(LayerSpec(name: "p", operation: .maxPool(size: 2)).outputShape(input: [8, 15, 15]) == [8, 7, 7])
        #expect(LayerSpec(name: "f", operation: .flatten).outputShape(input: [8, 7, 7]) == [392])
    }
}
