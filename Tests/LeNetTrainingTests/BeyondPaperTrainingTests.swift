import Foundation
import LeNetEngine
import LeNetTraining
import MNISTData
import TestSupport
import Testing

/// `Fixtures/one_cycle.json`, written by `Scripts/make_beyond_fixtures.py`: PyTorch's `OneCycleLR` rate of
/// every mini-batch.
struct OneCycleFixture: Decodable {
    struct Case: Decodable {
        let learningRate: Double
        let epochs, batchesPerEpoch: Int
        let pctStart, divFactor, finalDivFactor: Double
        let rates: [Double]
        enum CodingKeys: String, CodingKey {
            case rates, epochs
            case learningRate = "learning_rate", batchesPerEpoch = "batches_per_epoch", pctStart = "pct_start"
            case divFactor = "div_factor", finalDivFactor = "final_div_factor"
        }
    }
    let cases: [Case]
}

/// The one-cycle schedule against PyTorch, its composition with the live multiplier, and augmented
/// training: bit-identical for 1 and 2 threads, the same seed the same numbers.
@Suite struct BeyondPaperTrainingTests {
    private static let data: TrainingData = BundledMNIST.trainingData(train: 640, test: 100)

    /// A fresh directory for each test (each test runs on its own instance of the suite), removed with it.
    private let temporary: TemporaryDirectory
    private var directory: URL { URL(fileURLWithPath: temporary.path) }

    init() throws { temporary = try TemporaryDirectory("lenet-beyond") }

    private func run(_ config: TrainingConfig, control: TrainingControl = TrainingControl()) -> [TrainingEvent] {
        var events: [TrainingEvent] = []
        _ = Trainer(config: config, data: Self.data, control: control).run { events.append($0) }
        return events
    }

    @Test func oneCycleMatchesPyTorchsOneCycleLR() throws {
        let fixture = try loadFixture("one_cycle", as: OneCycleFixture.self, in: .module)
        #expect(fixture.cases.map(\.rates.count) == [21, 20, 5])
        for testCase in fixture.cases {
            let config = TrainingConfig(epochs: testCase.epochs, learningRate: testCase.learningRate, lrSchedule: .oneCycle,
                                        oneCyclePctStart: testCase.pctStart, oneCycleDivFactor: testCase.divFactor,
                                        oneCycleFinalDivFactor: testCase.finalDivFactor)
            for (step, expected) in testCase.rates.enumerated() {
                let epoch = step / testCase.batchesPerEpoch + 1, batch = step % testCase.batchesPerEpoch + 1
                let rate = config.learningRate(epoch: epoch, batch: batch, batchesPerEpoch: testCase.batchesPerEpoch)
                #expect(abs(rate - expected) <= 1e-12 * expected, "lr \(testCase.learningRate) step \(step)")
            }
        }
    }

    @Test func theTrainerUsesTheOneCycleRateTimesTheMultiplier() {
        var config = TrainingConfig(batchSize: 32, epochs: 2, learningRate: 0.004, lrSchedule: .oneCycle, threads: 1,
                                    checkpoint: directory.appendingPathComponent("c.safetensors").path, limit: 96)
        config.oneCyclePctStart = 0.25
        let control = TrainingControl()
        control.setLearningRateMultiplier(LearningRateMultiplier(clamping: 1))
        let rates = run(config, control: control).compactMap { event -> Double? in
            if case .batchDone(let progress) = event { return progress.learningRate }
            return nil
        }
        #expect(rates.count == 6)
        let expected = (0..<6).map { 2 * config.learningRate(epoch: $0 / 3 + 1, batch: $0 % 3 + 1, batchesPerEpoch: 3) }
        #expect(rates == expected)
        // T = 6, phase 1 ends at 0.25·6 − 1 = 0.5: the second mini-batch already runs at the peak, ×2.
        #expect(abs(rates[0] - (2 * 0.004 / 25)) <= 1e-18)
        #expect(abs(rates[1] - (2 * 0.004 * (1 + cos(Double.pi * 0.5 / 4.5)) / 2 + 2 * 0.004 / 25 / 1e4 * (1 - cos(Double.pi * 0.5 / 4.5)) / 2)) <= 1e-15)
    }

    private func augmentedConfig(threads: Int, name: String) -> TrainingConfig {
        var config = TrainingConfig(batchSize: 40, epochs: 2, learningRate: 0.002, lrSchedule: .oneCycle, threads: threads,
                                    checkpoint: directory.appendingPathComponent("\(name).safetensors").path, limit: 200)
        config.optimizer = .adamw
        config.weightDecay = 0.05
        config.labelSmoothing = 0.1
        config.augmentation = AugmentationSettings(shift: 2, rotation: 10, scale: 0.1, shear: 8, elasticAlpha: 34, elasticSigma: 4)
        return config
    }

    private func finalWeights(_ config: TrainingConfig) throws -> (LeNet5Parameters, [Double]) {
        let losses = run(config).compactMap { event -> Double? in
            if case .epochDone(let summary) = event { return summary.trainLoss }
            return nil
        }
        return (try Checkpoint.read(from: config.checkpoint).parameters, losses)
    }

    @Test func augmentedTrainingIsBitIdenticalForOneAndTwoThreads() throws {
        let (one, oneLosses) = try finalWeights(augmentedConfig(threads: 1, name: "one"))
        let (two, twoLosses) = try finalWeights(augmentedConfig(threads: 2, name: "two"))
        #expect(oneLosses.count == 2)
        #expect(oneLosses == twoLosses)
        #expect(one == two)
        // Without augmentation the same run gives other weights: the images really changed.
        var plain = augmentedConfig(threads: 1, name: "plain")
        plain.augmentation = .off
        let (unaugmented, _) = try finalWeights(plain)
        #expect(one != unaugmented)
    }

    @Test func augmentedBatchesDependOnSeedEpochAndPositionOnly() {
        let settings = AugmentationSettings(shift: 2, rotation: 10, scale: 0.1, shear: 8, elasticAlpha: 34, elasticSigma: 4)
        let order: [Int32] = Array(0..<50).map(Int32.init).reversed()
        func batch(threads: Int, epoch: Int, seed: UInt64 = 1, start: Int = 0) -> [Float] {
            let augmenter = BatchAugmenter(settings: settings, seed: seed, threads: threads)
            let batch = MiniBatch(capacity: 20)
            augmenter.load(into: batch, from: Self.data.train, order: order, start: start, count: 20,
                           normalization: .mnist, epoch: epoch, pool: WorkerPool(threads: threads))
            #expect(batch.count == 20)
            #expect(Array(batch.labels.prefix(20)) == order[start ..< start + 20].map { Self.data.train.labels[Int($0)] })
            return Array(batch.images.prefix(20 * 784))
        }
        let reference = batch(threads: 1, epoch: 3)
        #expect(batch(threads: 2, epoch: 3) == reference)
        #expect(batch(threads: 3, epoch: 3) == reference)
        // More distorters than whole ranges: 20 images over 8 (or 15) distorters are 7 (or 10) ranges of 3
        // (or 2); the last distorters get none (their ranges used to start past the batch and trap).
        #expect(batch(threads: 8, epoch: 3) == reference)
        #expect(batch(threads: 15, epoch: 3) == reference)
        #expect(batch(threads: 1, epoch: 4) != reference)
        #expect(batch(threads: 1, epoch: 3, seed: 2) != reference)
        // Every value is a normalised pixel: between the normalised 0 and 255.
        let (low, high) = (PixelNormalization.mnist.normalize(0), PixelNormalization.mnist.normalize(255))
        #expect(reference.allSatisfy { $0 >= low - 1e-5 && $0 <= high + 1e-5 })
        // Image seeds are distinct across epochs and positions.
        let seeds = Set((1...3).flatMap { e in (0..<1000).map { BatchAugmenter.imageSeed(runSeed: 1, epoch: e, position: $0) } })
        #expect(seeds.count == 3000)
    }
}
