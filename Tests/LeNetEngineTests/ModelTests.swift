import LeNetEngine
import TestSupport
import Foundation
import Testing

/// The fast `LeNet5Model` (SIMD direct convolutions, dense products, threads, chunking) against the composition of reference kernels.
@Suite struct ModelTests {
    /// Both sides are Float32 with different summation orders: agreement to ~1e-6 of the values.
    let tolerance = 1e-5

    struct Batch {
        var parameters: LeNet5Parameters
        var images: [Float]
        var labels: [Int]
        var labelBytes: [UInt8] { labels.map(UInt8.init) }
    }

    func makeBatch(count: Int, seed: UInt64) -> Batch {
        var random = SeededRandom(seed: seed)
        var parameters = LeNet5Parameters.pytorchDefault(using: &random.generator)
        // Scale up the weights so activations and gradients are far from zero (a sharper comparison).
        for i in parameters.tensors.indices { parameters.tensors[i] = parameters.tensors[i].map { $0 * 3 } }
        return Batch(parameters: parameters, images: random.images(count), labels: random.labels(count))
    }

    func trainingStep(_ model: LeNet5Model, _ batch: Batch,
                      gradients: inout LeNet5Parameters) -> (loss: Float, correct: Int) {
        batch.images.withUnsafeBufferPointer { x in
            batch.labelBytes.withUnsafeBufferPointer { y in
                model.trainingStep(parameters: batch.parameters, images: x, labels: y, count: batch.labels.count,
                                   gradients: &gradients)
            }
        }
    }

    // MARK: - Training step

    @Test func trainingStepMatchesReference() {
        // (images, maxBatchSize, threads): batch 1, a partial batch, chunking (count > maxBatchSize), threads.
        let configurations = [(1, 1, 1), (3, 4, 1), (7, 3, 1), (5, 64, 2), (7, 2, 2),
                              // Several 16-image chunks, a partial last chunk, count > maxBatchSize, 3 threads.
                              (16, 16, 1), (17, 64, 2), (33, 8, 3)]
        for (index, (count, maxBatch, threads)) in configurations.enumerated() {
            let batch = makeBatch(count: count, seed: UInt64(100 + index))
            let expected = ReferenceLeNet5.run(parameters: batch.parameters, images: batch.images, labels: batch.labels)
            let model = LeNet5Model(maxBatchSize: maxBatch, threads: threads)
            #expect(model.maxBatchSize == maxBatch)
            #expect(model.threads == min(threads, WorkerPool.processors))
            var gradients = LeNet5Parameters.zeros()
            let result = trainingStep(model, batch, gradients: &gradients)
            let label = "count \(count) maxBatch \(maxBatch) threads \(threads)"
            expectClose(Double(result.loss), Double(expected.loss), tolerance: tolerance, label)
            let predictions = ReferenceLeNet5.argmax(expected.logits)
            #expect(result.correct == zip(predictions, batch.labels).filter { $0 == $1 }.count, "\(label)")
            for (t, spec) in LeNet5.parameterSpecs.enumerated() {
                expectClose(gradients.tensors[t], expected.gradients.tensors[t], tolerance: tolerance,
                            "\(spec.name) \(label)")
            }
        }
    }

    @Test func gradientsAreOverwrittenAndRepeatable() {
        let batch = makeBatch(count: 5, seed: 7)
        let model = LeNet5Model(maxBatchSize: 8, threads: 2)
        var first = LeNet5Parameters.zeros()
        let r1 = trainingStep(model, batch, gradients: &first)
        var second = LeNet5Parameters(tensors: LeNet5.parameterSpecs.map { [Float](repeating: 42, count: $0.count) })
        let r2 = trainingStep(model, batch, gradients: &second)
        #expect(r1.loss == r2.loss)
        #expect(first == second, "same inputs, same threads: bit-identical, stale values overwritten")
    }

    // MARK: - Inference

    func classify(_ model: LeNet5Model, _ batch: Batch, labelled: Bool = true) -> LeNet5Classification {
        batch.images.withUnsafeBufferPointer { x in
            batch.labelBytes.withUnsafeBufferPointer { y in
                model.classify(parameters: batch.parameters, images: x, labels: labelled ? y : nil,
                               count: batch.labels.count)
            }
        }
    }

    /// `classify` against the reference kernels: logits from `Reference.LeNet5Pass`, per-image losses from
    /// `Reference.softmaxCrossEntropyForward`, and each probability `p_k = exp(−loss(label k))` from the same
    /// reference loss with every image labelled `k` (no softmax written again here).
    @Test(arguments: [(9, 1), (4, 2)])
    func classifyMatchesReference(maxBatch: Int, threads: Int) {
        let batch = makeBatch(count: 9, seed: 8)
        let expected = ReferenceLeNet5.run(parameters: batch.parameters, images: batch.images, labels: batch.labels)
        var expectedProbabilities = [Float](repeating: 0, count: 90)
        for k in 0..<10 {
            let losses = Reference.softmaxCrossEntropyForward(logits: expected.logits, labels: Array(repeating: k, count: 9),
                                                              classCount: 10)
            for n in 0..<9 { expectedProbabilities[n * 10 + k] = Float(exp(-Double(losses[n]))) }
        }
        let model = LeNet5Model(maxBatchSize: maxBatch, threads: threads)
        let result = classify(model, batch)
        #expect(result.count == 9)
        expectClose(result.logits, expected.logits, tolerance: tolerance, "logits")
        expectClose(result.losses, expected.losses, tolerance: tolerance, "losses")
        expectClose(result.lossSum, expected.losses.reduce(0.0) { $0 + Double($1) }, tolerance: tolerance)
        expectClose(result.probabilities, expectedProbabilities, tolerance: tolerance, "probabilities")
        #expect(result.predictions.map(Int.init) == ReferenceLeNet5.argmax(expected.logits))
        #expect((0..<9).map(result.prediction(ofImage:)) == ReferenceLeNet5.argmax(expected.logits))
        #expect(Array(result.probabilities(ofImage: 8)) == Array(result.probabilities[80..<90]))

        // Without labels: the same answers bit for bit, no losses.
        let unlabelled = classify(model, batch, labelled: false)
        #expect(unlabelled.logits == result.logits)
        #expect(unlabelled.probabilities == result.probabilities)
        #expect(unlabelled.predictions == result.predictions)
        #expect(unlabelled.losses == [])
        #expect(unlabelled.lossSum == 0)
    }

    /// `append` concatenates image by image and adds the loss sums.
    @Test func classificationsAppend() {
        let batch = makeBatch(count: 5, seed: 11)
        let model = LeNet5Model(maxBatchSize: 8)
        let whole = classify(model, batch)
        var joined = LeNet5Classification()
        #expect(joined.count == 0)
        for range in [0..<2, 2..<5] {
            let part = Batch(parameters: batch.parameters, images: Array(batch.images[range.lowerBound * 784 ..< range.upperBound * 784]),
                             labels: Array(batch.labels[range]))
            joined.append(classify(model, part))
        }
        #expect(joined.count == 5)
        #expect(joined.logits == whole.logits)
        #expect(joined.probabilities == whole.probabilities)
        #expect(joined.predictions == whole.predictions)
        #expect(joined.losses == whole.losses)
        expectClose(joined.lossSum, whole.lossSum, tolerance: 1e-12)
    }

    /// The one softmax and argmax: ties go to the lowest index counted from the slice's start; huge logits
    /// do not overflow; non-finite ones give the uniform distribution.
    @Test func softmaxAndArgmax() {
        #expect(argmax([Float]([0.1, 0.7, 0.7])) == 1)
        #expect(argmax([Float]([9, 1, 5, 5, 2])[1...]) == 1, "index from the slice's start")
        #expect(argmax([Float]()) == 0)
        #expect(softmax([Float]([1000, 1000, -1000])) == [0.5, 0.5, 0])
        #expect(softmax([Float]([.infinity, 1])) == [0.5, 0.5])
        #expect(softmax([Float](repeating: -3, count: 4)) == [0.25, 0.25, 0.25, 0.25])
        #expect(softmax([Float]()) == [])
        #expect(softmaxInDouble([Float]([1000, 1000, -1000])) == [0.5, 0.5, 0])
        #expect(softmaxInDouble([Float]([0, 0, 0])) == [Double](repeating: 1.0 / 3, count: 3))
    }

    @Test func classifyLeavesTrainingUnaffected() {
        let batch = makeBatch(count: 4, seed: 9)
        let model = LeNet5Model(maxBatchSize: 4)
        var before = LeNet5Parameters.zeros(), after = LeNet5Parameters.zeros()
        let r1 = trainingStep(model, batch, gradients: &before)
        let other = makeBatch(count: 4, seed: 10)
        let e1 = classify(model, other)
        let e2 = classify(model, other)
        #expect(e1 == e2)
        let r2 = trainingStep(model, batch, gradients: &after)
        #expect(r1.loss == r2.loss)
        #expect(before == after)
    }
}
