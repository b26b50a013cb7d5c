import Foundation
import LeNetEngine
import MNISTData
import Testing
import TestSupport
@testable import LeNetTraining

/// The one inference path over a dataset in chunks, against the plain reference kernels
/// (`Reference.LeNet5Pass` for the logits, `Reference.softmaxCrossEntropyForward` for the losses and, with
/// every image labelled k, for `p_k = exp(−loss)`).
struct ClassifierTests {
    /// 37 images of random bytes with random labels (so a chunk of 7 leaves a partial last chunk of 2),
    /// and PyTorch-default weights scaled by 3 (logits far apart, no near ties).
    static let count = 37
    static let (dataset, parameters): (MNISTDataset, LeNet5Parameters) = {
        var random = SeededRandom(seed: 13)
        var parameters = LeNet5Parameters.pytorchDefault(using: &random.generator)
        for i in parameters.tensors.indices { parameters.tensors[i] = parameters.tensors[i].map { $0 * 3 } }
        let pixels = (0..<count * 784).map { _ in UInt8(truncatingIfNeeded: random.generator.next()) }
        let labels = random.labels(count).map(UInt8.init)
        return (try! MNISTDataset(images: pixels, labels: labels, rows: 28, cols: 28), parameters)
    }()

    /// What the reference kernels make of the dataset.
    static let reference: (logits: [Float], losses: [Float], probabilities: [Float]) = {
        var input = [Float](repeating: 0, count: count * 784)
        dataset.images.withUnsafeBufferPointer { pixels in
            input.withUnsafeMutableBufferPointer { PixelNormalization.mnist.normalize(pixels, into: $0) }
        }
        let logits = Reference.LeNet5Pass(parameters: parameters, images: input, batch: count).logits
        let losses = Reference.softmaxCrossEntropyForward(logits: logits, labels: dataset.labels.map(Int.init),
                                                          classCount: 10)
        var probabilities = [Float](repeating: 0, count: count * 10)
        for k in 0..<10 {
            let lossesIfK = Reference.softmaxCrossEntropyForward(logits: logits, labels: Array(repeating: k, count: count),
                                                                 classCount: 10)
            for n in 0..<count { probabilities[n * 10 + k] = Float(exp(-Double(lossesIfK[n]))) }
        }
        return (logits, losses, probabilities)
    }()

    func classify(chunkSize: Int, threads: Int) -> LeNet5Classification {
        Classifier(chunkSize: chunkSize, threads: threads)
            .classify(Self.dataset, parameters: Self.parameters, normalization: .mnist)
    }

    @Test func aDatasetInChunksMatchesTheReferenceKernels() {
        let result = classify(chunkSize: 7, threads: 2)
        let reference = Self.reference
        #expect(result.count == 37)
        #expect(Difference(result.logits, reference.logits).maxScaled < 1e-5)
        #expect(Difference(result.losses, reference.losses).maxScaled < 1e-5)
        #expect(Difference(result.probabilities, reference.probabilities).maxScaled < 1e-5)
        let expectedSum = reference.losses.reduce(0.0) { $0 + Double($1) }
        #expect(abs(result.lossSum - expectedSum) < 1e-5 * expectedSum)
        let expectedPredictions = (0..<37).map { n in
            (0..<10).max { reference.logits[n * 10 + $0] < reference.logits[n * 10 + $1] }!
        }
        #expect(result.predictions.map(Int.init) == expectedPredictions)
    }

    /// Chunk size and threads change nothing but the grouping of the loss sum: every per-image value is
    /// bit-identical (each image's forward pass is on its own).
    @Test func chunksAndThreadsDoNotChangeAnImagesAnswer() {
        let whole = classify(chunkSize: 37, threads: 1)
        for (chunkSize, threads) in [(7, 2), (16, 1), (1, 1)] {
            let chunked = classify(chunkSize: chunkSize, threads: threads)
            #expect(chunked.logits == whole.logits, "chunk \(chunkSize)")
            #expect(chunked.probabilities == whole.probabilities, "chunk \(chunkSize)")
            #expect(chunked.predictions == whole.predictions, "chunk \(chunkSize)")
            #expect(chunked.losses == whole.losses, "chunk \(chunkSize)")
            #expect(abs(chunked.lossSum - whole.lossSum) < 1e-12 * whole.lossSum, "chunk \(chunkSize)")
        }
    }

    @Test func chunksArriveInFileOrderAndStopWhenAsked() {
        let classifier = Classifier(chunkSize: 7, threads: 1)
        var starts: [Int] = [], counts: [Int] = []
        classifier.forEachChunk(of: Self.dataset, parameters: Self.parameters, normalization: .mnist) { start, chunk in
            starts.append(start)
            counts.append(chunk.count)
            return true
        }
        #expect(starts == [0, 7, 14, 21, 28, 35])
        #expect(counts == [7, 7, 7, 7, 7, 2])
        var calls = 0
        var firstTwo = LeNet5Classification()
        classifier.forEachChunk(of: Self.dataset, parameters: Self.parameters, normalization: .mnist) { _, chunk in
            calls += 1
            firstTwo.append(chunk)
            return calls < 2
        }
        #expect(calls == 2)
        #expect(firstTwo.logits == Array(classify(chunkSize: 7, threads: 1).logits[0 ..< 140]))
    }

    /// Byte images (a sketch, the pad) go the same way as a dataset's, without labels.
    @Test func byteImagesGiveTheDatasetsAnswersWithoutLosses() {
        let images = (0..<5).map { Array(Self.dataset.image(at: $0)) }
        let result = Classifier(chunkSize: 16).classify(images, parameters: Self.parameters, normalization: .mnist)
        let dataset = classify(chunkSize: 7, threads: 1)
        #expect(result.logits == Array(dataset.logits[0 ..< 50]))
        #expect(result.probabilities == Array(dataset.probabilities[0 ..< 50]))
        #expect(result.predictions == Array(dataset.predictions[0 ..< 5]))
        #expect(result.losses.isEmpty && result.lossSum == 0)
        #expect(Classifier(chunkSize: 16).classify([], parameters: Self.parameters, normalization: .mnist).count == 0)
    }

    @Test func evaluationCountsTheClassificationAgainstTheLabels() {
        let classification = classify(chunkSize: 7, threads: 1)
        let result = EvaluationResult(classification, labels: Self.dataset.labels)
        let correct = zip(classification.predictions, Self.dataset.labels).filter { $0 == $1 }.count
        #expect(result.total == 37 && result.correct == correct)
        #expect(result.lossSum == classification.lossSum)
        for i in 0..<10 {
            let row = (0..<37).filter { Self.dataset.labels[$0] == i }
            #expect(result.confusionMatrix.rows[i].reduce(0, +) == row.count)
        }
        let evaluated = Evaluator.evaluate(model: LeNet5Model(maxBatchSize: 7), parameters: Self.parameters,
                                           dataset: Self.dataset, normalization: .mnist, batch: MiniBatch(capacity: 7))
        #expect(evaluated == result)
    }
}
