import LeNetEngine
import TestSupport
import Testing

/// The engine's result must not depend on the thread count: chunk boundaries are fixed (16 images) and
/// chunk gradients are summed in chunk order, so every thread count gives bit-identical gradients.
@Suite struct DeterminismTests {
    func makeData(count: Int, seed: UInt64) -> (LeNet5Parameters, [Float], [UInt8]) {
        var random = SeededRandom(seed: seed)
        let parameters = LeNet5Parameters.pytorchDefault(using: &random.generator)
        return (parameters, random.images(count), random.labels(count).map(UInt8.init))
    }

    func step(_ model: LeNet5Model, _ parameters: LeNet5Parameters, _ images: [Float], _ labels: [UInt8],
              gradients: inout LeNet5Parameters) -> (loss: Float, correct: Int) {
        images.withUnsafeBufferPointer { x in
            labels.withUnsafeBufferPointer { y in
                model.trainingStep(parameters: parameters, images: x, labels: y, count: labels.count,
                                   gradients: &gradients)
            }
        }
    }

    @Test(arguments: [(64, 64), (37, 64), (5, 64), (150, 20)])
    func trainingStepIsBitIdenticalForAnyThreadCount(count: Int, maxBatch: Int) {
        // 64: four full chunks; 37: two full chunks and a partial one; 5: less than one chunk; 150 with
        // maxBatch 20: more chunks than one round holds.
        let (parameters, images, labels) = makeData(count: count, seed: UInt64(count))
        var results: [(Float, Int, LeNet5Parameters)] = []
        for threads in [1, 2, 3, 4] {
            let model = LeNet5Model(maxBatchSize: maxBatch, threads: threads)
            var gradients = LeNet5Parameters.zeros()
            let r = step(model, parameters, images, labels, gradients: &gradients)
            results.append((r.loss, r.correct, gradients))
        }
        for (index, r) in results.enumerated().dropFirst() {
            let label = "count \(count), threads \(index + 1) vs 1"
            #expect(r.0.bitPattern == results[0].0.bitPattern, "\(label)")
            #expect(r.1 == results[0].1, "\(label)")
            for t in 0..<LeNet5.parameterSpecs.count {
                #expect(r.2.tensors[t].map(\.bitPattern) == results[0].2.tensors[t].map(\.bitPattern), "\(LeNet5.parameterSpecs[t].name) \(label)")
            }
        }
    }

    @Test func adamTrainingIsBitIdenticalForAnyThreadCount() {
        let (initial, images, labels) = makeData(count: 64, seed: 3)
        var finals: [LeNet5Parameters] = []
        for threads in [1, 2, 3] {
            let model = LeNet5Model(maxBatchSize: 64, threads: threads)
            var parameters = initial, gradients = LeNet5Parameters.zeros()
            var adam = Adam(learningRate: 1e-3)
            for _ in 0..<5 {
                _ = step(model, parameters, images, labels, gradients: &gradients)
                adam.step(&parameters, gradients: gradients)
            }
            finals.append(parameters)
        }
        #expect(finals[0] != initial)
        for t in 0..<LeNet5.parameterSpecs.count {
            #expect(finals[1].tensors[t].map(\.bitPattern) == finals[0].tensors[t].map(\.bitPattern))
            #expect(finals[2].tensors[t].map(\.bitPattern) == finals[0].tensors[t].map(\.bitPattern))
        }
    }

    @Test func inferenceIsBitIdenticalForAnyThreadCount() {
        let (parameters, images, labels) = makeData(count: 35, seed: 4)
        var outputs: [LeNet5Classification] = []
        for threads in [1, 2, 3] {
            let model = LeNet5Model(maxBatchSize: 16, threads: threads)
            outputs.append(images.withUnsafeBufferPointer { x in
                labels.withUnsafeBufferPointer { y in
                    model.classify(parameters: parameters, images: x, labels: y, count: 35)
                }
            })
        }
        for other in outputs.dropFirst() {
            #expect(other.logits.map(\.bitPattern) == outputs[0].logits.map(\.bitPattern))
            #expect(other.probabilities.map(\.bitPattern) == outputs[0].probabilities.map(\.bitPattern))
            #expect(other.losses.map(\.bitPattern) == outputs[0].losses.map(\.bitPattern))
            #expect(other.lossSum.bitPattern == outputs[0].lossSum.bitPattern)
            #expect(other.predictions == outputs[0].predictions)
        }
    }
}
