#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import LeNetEngine
import MNISTData

// MARK: - Result

/// What `Benchmark.run` measured.
public struct BenchmarkResult: Sendable, Equatable {
    /// Training throughput: images per second over the timed mini-batches (normalising the batch,
    /// forward, backward and the Adam step, as PyTorch's reference loop times them).
    public var trainImagesPerSecond: Double
    /// Inference throughput over the whole test set through `Classifier` (normalising, forward, softmax,
    /// argmax and loss, in chunks of `Benchmark.inferenceBatchSize`).
    public var inferenceImagesPerSecond: Double
    /// Achieved training GFLOP/s: `trainingFLOPsPerImage · trainImagesPerSecond / 1e9`.
    public var gflops: Double
    /// FLOPs per training image used for `gflops` (forward + backward, `LeNet5.trainingFLOPsPerImage`).
    public var trainingFLOPsPerImage: Int
    /// Engine worker threads used: the request, at most the processors there are (`WorkerPool.threads`).
    public var threads: Int
    /// Mini-batch size.
    public var batchSize: Int
    /// Timed training mini-batches (after the warm-up).
    public var trainBatches: Int
    /// Seconds of the timed training mini-batches.
    public var trainSeconds: Double
    /// Seconds of the test-set pass.
    public var inferenceSeconds: Double
    /// Test-set accuracy after the benchmark's training (a sanity check, not a goal).
    public var testAccuracy: Double
    /// The draw pad's latency: microseconds to classify one 28×28 byte image through `DigitPredictor`
    /// (normalising, packing the weights, the forward pass, softmax), the median of
    /// `Benchmark.padRepetitions` calls over the first test images.
    public var padLatencyMicroseconds: Double
    /// Peak resident set size of the process so far, bytes (`getrusage` `ru_maxrss` · 1024 on Linux).
    public var peakRSSBytes: Int
}

// MARK: - Runner

/// A side-effect-free throughput benchmark of the engine (no printing): trains with Adam (lr 1e-3) on
/// consecutive mini-batches of a fixed shuffle of the training set, then evaluates the test set.
public enum Benchmark {
    /// Images per inference call.
    public static let inferenceBatchSize = 1_000
    /// Single-image classifications timed for `padLatencyMicroseconds`.
    public static let padRepetitions = 500

    /// Runs `warmupBatches` untimed then `batches` timed training mini-batches of `batchSize`, then one
    /// timed pass over `test`.
    /// - Precondition: `batchSize >= 1`, `threads >= 1`, `batches >= 1`, `train` not empty.
    public static func run(train: MNISTDataset, test: MNISTDataset, normalization: PixelNormalization = .mnist,
                           batchSize: Int = 64, threads: Int = 1, batches: Int = 300, warmupBatches: Int = 20,
                           seed: UInt64 = 1) -> BenchmarkResult {
        precondition(batchSize >= 1 && threads >= 1 && batches >= 1 && train.count >= 1)
        let model = LeNet5Model(maxBatchSize: max(batchSize, inferenceBatchSize), threads: threads)
        let batch = MiniBatch(capacity: batchSize)
        var rng = SplitMix64(seed: seed)
        var parameters = LeNet5Parameters.pytorchDefault(using: &rng)
        var gradients = LeNet5Parameters.zeros()
        var optimizer = Adam(learningRate: 1e-3)
        let order = shuffledIndices(count: train.count, using: &rng)
        var position = 0

        func step() {
            let count = min(batchSize, train.count)
            if position + count > train.count { position = 0 }
            batch.load(from: train, order: order, start: position, count: count, normalization: normalization, pool: model.pool)
            position += count
            _ = batch.withBuffers { images, labels in
                model.trainingStep(parameters: parameters, images: images, labels: labels, count: count,
                                   gradients: &gradients)
            }
            optimizer.step(&parameters, gradients: gradients, pool: model.pool)
        }

        for _ in 0..<warmupBatches { step() }
        let trainStart = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<batches { step() }
        let trainSeconds = Double(DispatchTime.now().uptimeNanoseconds - trainStart) / 1e9
        let trainImages = Double(batches * min(batchSize, train.count))

        let classifier = Classifier(model: model, batch: MiniBatch(capacity: inferenceBatchSize))
        let inferenceStart = DispatchTime.now().uptimeNanoseconds
        let classification = classifier.classify(test, parameters: parameters, normalization: normalization)
        let inferenceSeconds = Double(DispatchTime.now().uptimeNanoseconds - inferenceStart) / 1e9

        let predictor = DigitPredictor(fixed: parameters, normalization: normalization)
        var latencies: [Double] = []
        for repetition in 0..<padRepetitions {
            let index = test.count > 0 ? repetition % test.count : 0
            let image = test.count > 0 ? Array(test.images[index * 784 ..< index * 784 + 784]) : [UInt8](repeating: 0, count: 784)
            let start = DispatchTime.now().uptimeNanoseconds
            _ = predictor.probabilities([image])
            latencies.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e3)
        }
        latencies.sort()

        let trainRate = trainImages / trainSeconds
        return BenchmarkResult(
            trainImagesPerSecond: trainRate,
            inferenceImagesPerSecond: test.count > 0 ? Double(test.count) / inferenceSeconds : 0,
            gflops: Double(LeNet5.trainingFLOPsPerImage) * trainRate / 1e9,
            trainingFLOPsPerImage: LeNet5.trainingFLOPsPerImage,
            threads: model.pool.threads, batchSize: batchSize, trainBatches: batches, trainSeconds: trainSeconds,
            inferenceSeconds: inferenceSeconds,
            testAccuracy: EvaluationResult(classification, labels: test.labels).accuracy,
            padLatencyMicroseconds: latencies[latencies.count / 2],
            peakRSSBytes: peakResidentSetBytes())
    }

    /// Peak resident set size of this process in bytes (`ru_maxrss` is KiB on Linux, bytes on macOS).
    public static func peakResidentSetBytes() -> Int {
        var usage = rusage()
        #if canImport(Darwin)
        guard getrusage(RUSAGE_SELF, &usage) == 0 else { return 0 }
        return Int(usage.ru_maxrss)
        #else
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        return Int(usage.ru_maxrss) * 1024
        #endif
    }
}
