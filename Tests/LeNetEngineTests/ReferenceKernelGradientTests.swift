import Foundation
import LeNetEngine
import TestSupport
import Testing

/// Finite-difference checks of every reference kernel's backward against its forward, on small random
/// shapes with odd sizes and batches of 1 and 3.
@Suite struct ReferenceKernelGradientTests {
    /// Tolerance of the finite-difference comparisons (same rule as everywhere: `Tolerance`).
    let tolerance = 1e-3

    // MARK: - conv2d

    @Test func conv2DGradients() {
        let shapes = [
            Conv2DShape(batch: 1, inChannels: 1, height: 7, width: 7, outChannels: 2,
                        kernelHeight: 5, kernelWidth: 5, padding: 2),
            Conv2DShape(batch: 3, inChannels: 2, height: 7, width: 5, outChannels: 3,
                        kernelHeight: 3, kernelWidth: 3, padding: 1),
            Conv2DShape(batch: 3, inChannels: 3, height: 6, width: 9, outChannels: 2,
                        kernelHeight: 3, kernelWidth: 2, padding: 0),
        ]
        var random = SeededRandom(seed: 11)
        for s in shapes {
            let input = random.floats(s.inputCount), weight = random.floats(s.weightCount)
            let bias = random.floats(s.outChannels), r = random.floats(s.outputCount)
            let analytic = Reference.conv2dBackward(outputGradient: r, input: input, weight: weight, shape: s)
            // Linear in each argument: a large step only reduces rounding noise.
            let h: Float = 0.1
            let dInput = GradientCheck.numericalGradient(at: input, step: h, projection: r) {
                Reference.conv2dForward(input: $0, weight: weight, bias: bias, shape: s)
            }
            let dWeight = GradientCheck.numericalGradient(at: weight, step: h, projection: r) {
                Reference.conv2dForward(input: input, weight: $0, bias: bias, shape: s)
            }
            let dBias = GradientCheck.numericalGradient(at: bias, step: h, projection: r) {
                Reference.conv2dForward(input: input, weight: weight, bias: $0, shape: s)
            }
            expectClose(analytic.input, dInput, tolerance: tolerance, "input \(s)")
            expectClose(analytic.weight, dWeight, tolerance: tolerance, "weight \(s)")
            expectClose(analytic.bias, dBias, tolerance: tolerance, "bias \(s)")
        }
    }

    @Test func conv2DForwardKnownValues() {
        // 1x1x3x3 input, one 3x3 all-ones filter, padding 1: each output is the sum of its neighbourhood.
        let s = Conv2DShape(batch: 1, inChannels: 1, height: 3, width: 3, outChannels: 1,
                            kernelHeight: 3, kernelWidth: 3, padding: 1)
        let out = Reference.conv2dForward(input: (1...9).map(Float.init), weight: Array(repeating: 1, count: 9),
                                          bias: [0.5], shape: s)
        #expect(out == [12, 21, 16, 27, 45, 33, 24, 39, 28].map { $0 + 0.5 })
    }

    // MARK: - linear

    @Test func linearGradients() {
        var random = SeededRandom(seed: 12)
        for (batch, inFeatures, outFeatures) in [(1, 7, 5), (3, 9, 4)] {
            let input = random.floats(batch * inFeatures), weight = random.floats(outFeatures * inFeatures)
            let bias = random.floats(outFeatures), r = random.floats(batch * outFeatures)
            func forward(_ x: [Float], _ w: [Float], _ b: [Float]) -> [Float] {
                Reference.linearForward(input: x, weight: w, bias: b, batch: batch, inFeatures: inFeatures,
                                        outFeatures: outFeatures)
            }
            let analytic = Reference.linearBackward(outputGradient: r, input: input, weight: weight, batch: batch,
                                                    inFeatures: inFeatures, outFeatures: outFeatures)
            let h: Float = 0.1
            expectClose(analytic.input, GradientCheck.numericalGradient(at: input, step: h, projection: r) {
                forward($0, weight, bias)
            }, tolerance: tolerance)
            expectClose(analytic.weight, GradientCheck.numericalGradient(at: weight, step: h, projection: r) {
                forward(input, $0, bias)
            }, tolerance: tolerance)
            expectClose(analytic.bias, GradientCheck.numericalGradient(at: bias, step: h, projection: r) {
                forward(input, weight, $0)
            }, tolerance: tolerance)
        }
    }

    // MARK: - relu

    @Test func reLUGradient() {
        var random = SeededRandom(seed: 13)
        let x = random.floatsAwayFromZero(13, gap: 0.1), r = random.floats(13)
        let analytic = Reference.reluBackward(outputGradient: r, input: x)
        let numeric = GradientCheck.numericalGradient(at: x, step: 0.01, projection: r, Reference.reluForward)
        expectClose(analytic, numeric, tolerance: tolerance)
        #expect(Reference.reluForward([-2, 0, 3]) == [0, 0, 3])
        #expect(Reference.reluForward([.nan])[0].isNaN, "NaN propagates, as in PyTorch")
        #expect(Reference.reluBackward(outputGradient: [1, 1, 1], input: [-1, 0, 2]) == [0, 0, 1])
    }

    // MARK: - maxPool2x2

    @Test func maxPoolGradient() {
        var random = SeededRandom(seed: 14)
        for (batch, channels, height, width) in [(1, 2, 5, 7), (3, 2, 4, 6)] {
            let count = batch * channels * height * width
            // Distinct values 0.1 apart: a 0.01 step never changes a window's winner.
            let x = random.distinctFloats(count, spacing: 0.1)
            let pooledCount = batch * channels * (height / 2) * (width / 2)
            let r = random.floats(pooledCount)
            let forward = Reference.maxPool2x2Forward(input: x, batch: batch, channels: channels, height: height,
                                                      width: width)
            #expect(forward.output.count == pooledCount)
            let analytic = Reference.maxPool2x2Backward(outputGradient: r, argmax: forward.argmax, batch: batch,
                                                        channels: channels, height: height, width: width)
            let numeric = GradientCheck.numericalGradient(at: x, step: 0.01, projection: r) {
                Reference.maxPool2x2Forward(input: $0, batch: batch, channels: channels, height: height,
                                            width: width).output
            }
            expectClose(analytic, numeric, tolerance: tolerance, "\(batch)x\(channels)x\(height)x\(width)")
        }
    }

    // MARK: - softmaxCrossEntropy

    @Test func softmaxCrossEntropyGradient() {
        var random = SeededRandom(seed: 15)
        for batch in [1, 3] {
            let logits = random.floats(batch * 10, in: -3...3), labels = random.labels(batch)
            let analytic = Reference.softmaxCrossEntropyBackward(logits: logits, labels: labels, classCount: 10)
            // Scalar output: the mean loss, projection [1].
            let numeric = GradientCheck.numericalGradient(at: logits, step: 0.01, projection: [1]) {
                let losses = Reference.softmaxCrossEntropyForward(logits: $0, labels: labels, classCount: 10)
                return [Float(losses.reduce(0.0) { $0 + Double($1) } / Double(batch))]
            }
            expectClose(analytic, numeric, tolerance: tolerance, "batch \(batch)")
        }
    }

    @Test func softmaxCrossEntropyIsStableForHugeLogits() {
        let logits: [Float] = [1e30, 0, -1e30, 1000, 0, -1000]
        let losses = Reference.softmaxCrossEntropyForward(logits: logits, labels: [0, 1], classCount: 3)
        #expect(losses[0] == 0)
        #expect(losses[1] == 1000)
        let gradient = Reference.softmaxCrossEntropyBackward(logits: logits, labels: [0, 1], classCount: 3)
        #expect(gradient.allSatisfy { $0.isFinite })
        #expect(gradient == [0, 0, 0, 0.5, -0.5, 0])
    }

    @Test func softmaxCrossEntropyUniformLogits() {
        // Equal logits: loss = log K for any label.
        let losses = Reference.softmaxCrossEntropyForward(logits: [Float](repeating: 7, count: 10), labels: [4],
                                                          classCount: 10)
        expectClose(Double(losses[0]), log(10.0), tolerance: 1e-6)
    }
}
