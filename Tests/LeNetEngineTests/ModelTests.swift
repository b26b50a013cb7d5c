import LeNetEngine
import TestSupport
import XCTest

/// The fast `LeNet5Model` (SIMD direct convolutions, dense products, threads, chunking) against the composition of reference kernels.
final class ModelTests: XCTestCase {
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

    func testTrainingStepMatchesReference() {
        // (images, maxBatchSize, threads): batch 1, a partial batch, chunking (count > maxBatchSize), threads.
        let configurations = [(1, 1, 1), (3, 4, 1), (7, 3, 1), (5, 64, 2), (7, 2, 2),
                              // Several 16-image chunks, a partial last chunk, count > maxBatchSize, 3 threads.
                              (16, 16, 1), (17, 64, 2), (33, 8, 3)]
        for (index, (count, maxBatch, threads)) in configurations.enumerated() {
            let batch = makeBatch(count: count, seed: UInt64(100 + index))
            let expected = ReferenceLeNet5.run(parameters: batch.parameters, images: batch.images, labels: batch.labels)
            let model = LeNet5Model(maxBatchSize: maxBatch, threads: threads)
            XCTAssertEqual(model.maxBatchSize, maxBatch)
            XCTAssertEqual(model.threads, threads)
            var gradients = LeNet5Parameters.zeros()
            let result = trainingStep(model, batch, gradients: &gradients)
            let label = "count \(count) maxBatch \(maxBatch) threads \(threads)"
            assertClose(Double(result.loss), Double(expected.loss), relativeTolerance: tolerance, label)
            let predictions = ReferenceLeNet5.argmax(expected.logits)
            XCTAssertEqual(result.correct, zip(predictions, batch.labels).filter { $0 == $1 }.count, label)
            for (t, spec) in LeNet5.parameterSpecs.enumerated() {
                assertClose(gradients.tensors[t], expected.gradients.tensors[t], relativeTolerance: tolerance,
                            "\(spec.name) \(label)")
            }
        }
    }

    func testGradientsAreOverwrittenAndRepeatable() {
        let batch = makeBatch(count: 5, seed: 7)
        let model = LeNet5Model(maxBatchSize: 8, threads: 2)
        var first = LeNet5Parameters.zeros()
        let r1 = trainingStep(model, batch, gradients: &first)
        var second = LeNet5Parameters(tensors: LeNet5.parameterSpecs.map { [Float](repeating: 42, count: $0.count) })
        let r2 = trainingStep(model, batch, gradients: &second)
        XCTAssertEqual(r1.loss, r2.loss)
        XCTAssertEqual(first, second, "same inputs, same threads: bit-identical, stale values overwritten")
    }

    // MARK: - Inference

    func testLogitsAndEvaluateMatchReference() {
        let batch = makeBatch(count: 9, seed: 8)
        let expected = ReferenceLeNet5.run(parameters: batch.parameters, images: batch.images, labels: batch.labels)
        for (maxBatch, threads) in [(9, 1), (4, 2)] {
            let model = LeNet5Model(maxBatchSize: maxBatch, threads: threads)
            let logits = batch.images.withUnsafeBufferPointer {
                model.logits(parameters: batch.parameters, images: $0, count: 9)
            }
            assertClose(logits, expected.logits, relativeTolerance: tolerance)
            let evaluation = batch.images.withUnsafeBufferPointer { x in
                batch.labelBytes.withUnsafeBufferPointer { y in
                    model.evaluate(parameters: batch.parameters, images: x, labels: y, count: 9)
                }
            }
            let lossSum = expected.losses.reduce(0.0) { $0 + Double($1) }
            assertClose(evaluation.lossSum, lossSum, relativeTolerance: tolerance)
            XCTAssertEqual(evaluation.predictions.map(Int.init), ReferenceLeNet5.argmax(expected.logits))
        }
    }

    func testEvaluateLeavesTrainingUnaffected() {
        let batch = makeBatch(count: 4, seed: 9)
        let model = LeNet5Model(maxBatchSize: 4)
        var before = LeNet5Parameters.zeros(), after = LeNet5Parameters.zeros()
        let r1 = trainingStep(model, batch, gradients: &before)
        let other = makeBatch(count: 4, seed: 10)
        let e1 = other.images.withUnsafeBufferPointer { x in
            other.labelBytes.withUnsafeBufferPointer { y in
                model.evaluate(parameters: other.parameters, images: x, labels: y, count: 4)
            }
        }
        let e2 = other.images.withUnsafeBufferPointer { x in
            other.labelBytes.withUnsafeBufferPointer { y in
                model.evaluate(parameters: other.parameters, images: x, labels: y, count: 4)
            }
        }
        XCTAssertEqual(e1.lossSum, e2.lossSum)
        XCTAssertEqual(e1.predictions, e2.predictions)
        let r2 = trainingStep(model, batch, gradients: &after)
        XCTAssertEqual(r1.loss, r2.loss)
        XCTAssertEqual(before, after)
    }
}
