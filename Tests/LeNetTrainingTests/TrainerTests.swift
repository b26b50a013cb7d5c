import Foundation
import LeNetEngine
import LeNetTraining
import MNISTData
import XCTest

/// Trainer tests on small slices of the real bundled MNIST (kept small: `swift test` builds in debug).
final class TrainerTests: XCTestCase {
    /// The first 4,000 training and 200 test images of the bundled MNIST, loaded once.
    private static let mnist: (train: MNISTDataset, test: MNISTDataset) = {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let directory = repo.appendingPathComponent("assets/mnist")
        let train = try! MNISTLoader.load(split: .train, from: directory, verifyChecksums: false)
        let test = try! MNISTLoader.load(split: .test, from: directory, verifyChecksums: false)
        return (train.prefix(4000), test.prefix(200))
    }()

    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("lenet-trainer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func config(epochs: Int = 1, limit: Int = 256, batchSize: Int = 32, seed: UInt64 = 1,
                        optimizer: OptimizerKind = .adam, learningRate: Double = 0.003,
                        threads: Int = 1, name: String = "ck") -> TrainingConfig {
        var config = TrainingConfig.defaults
        config.epochs = epochs
        config.limit = limit
        config.batchSize = batchSize
        config.seed = seed
        config.optimizer = optimizer
        config.learningRate = learningRate
        config.lrSchedule = .constant
        config.threads = threads
        config.checkpoint = directory.appendingPathComponent("\(name).safetensors").path
        return config
    }

    private func run(_ config: TrainingConfig, control: TrainingControl = TrainingControl(),
                     resumeFrom: Checkpoint? = nil, onEvent: (TrainingEvent) -> Void = { _ in },
                     clock: (@Sendable () -> UInt64)? = nil)
        -> (events: [TrainingEvent], outcome: TrainingOutcome) {
        let data = TrainingData(train: Self.mnist.train, test: Self.mnist.test, normalization: .mnist)
        let trainer = clock.map { Trainer(config: config, data: data, control: control, resumeFrom: resumeFrom, clock: $0) }
            ?? Trainer(config: config, data: data, control: control, resumeFrom: resumeFrom)
        var events: [TrainingEvent] = []
        let outcome = trainer.run { event in
            events.append(event)
            onEvent(event)
        }
        return (events, outcome)
    }

    private func summaries(_ events: [TrainingEvent]) -> [EpochSummary] {
        events.compactMap { if case .epochDone(let s) = $0 { return s } else { return nil } }
    }

    private func batchLosses(_ events: [TrainingEvent]) -> [Double] {
        events.compactMap { if case .batchDone(let b) = $0 { return b.batchLoss } else { return nil } }
    }

    // MARK: - Learning

    func testAFewHundredImagesBringTheLossWellBelowItsStart() {
        let (events, outcome) = run(config(epochs: 3, limit: 320))
        XCTAssertEqual(outcome, .completed)
        let losses = batchLosses(events)
        XCTAssertEqual(losses.count, 30, "320 images / batch 32 = 10 mini-batches per epoch, 3 epochs")
        // An untrained 10-class network starts near ln 10 = 2.303.
        XCTAssertEqual(losses[0], log(10), accuracy: 0.15)
        let last = summaries(events).last!
        XCTAssertLessThan(last.trainLoss, 0.9, "mean training loss of epoch 3")
        XCTAssertLessThan(last.testLoss, 1.0)
        XCTAssertGreaterThan(last.testAccuracy, 0.70)
        XCTAssertEqual(last.confusionMatrix.total, 200)
    }

    func testEventsArriveInOrderWithAPartialLastBatch() {
        let (events, _) = run(config(epochs: 2, limit: 100, batchSize: 32))
        guard case .started(let plan) = events.first else { return XCTFail("first event is not .started") }
        XCTAssertEqual(plan, TrainingPlan(firstEpoch: 1, epochs: 2, batchesPerEpoch: 4, trainImages: 100,
                                          testImages: 200, batchSize: 32))
        XCTAssertEqual(events.last, .finished(completed: true))
        let batches = events.compactMap { if case .batchDone(let b) = $0 { return (b.epoch, b.batch) } else { return nil } }
        XCTAssertEqual(batches.map { "\($0.0).\($0.1)" }, ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4"])
        let saved = events.compactMap { if case .checkpointSaved(_, let epoch) = $0 { return epoch } else { return nil } }
        XCTAssertEqual(saved, [1, 2], "a checkpoint after every epoch")
    }

    func testABatchLargerThanTheDataAndABatchOfOneBothWork() {
        let large = run(config(epochs: 1, limit: 20, batchSize: 64))
        XCTAssertEqual(large.outcome, .completed)
        XCTAssertEqual(batchLosses(large.events).count, 1, "20 images in one partial mini-batch of 64")
        let single = run(config(epochs: 1, limit: 5, batchSize: 1, name: "one"))
        XCTAssertEqual(single.outcome, .completed)
        XCTAssertEqual(batchLosses(single.events).count, 5)
        XCTAssertTrue(batchLosses(single.events).allSatisfy { $0.isFinite })
    }

    // MARK: - Determinism

    func testSameSeedSameNumbersOtherSeedOtherNumbers() throws {
        let a = run(config(epochs: 2, limit: 128, seed: 7, name: "a"))
        let b = run(config(epochs: 2, limit: 128, seed: 7, name: "b"))
        let c = run(config(epochs: 2, limit: 128, seed: 8, name: "c"))
        XCTAssertEqual(batchLosses(a.events), batchLosses(b.events))
        XCTAssertEqual(summaries(a.events).map(\.testLoss), summaries(b.events).map(\.testLoss))
        XCTAssertNotEqual(batchLosses(a.events), batchLosses(c.events))
        let checkpointA = try Checkpoint.read(from: directory.appendingPathComponent("a.safetensors").path)
        let checkpointB = try Checkpoint.read(from: directory.appendingPathComponent("b.safetensors").path)
        XCTAssertEqual(checkpointA.parameters, checkpointB.parameters)
    }

    func testResumingAfterOneEpochEqualsTwoEpochsInOneRun() throws {
        for optimizer in [OptimizerKind.adam, .sgd] {
            let lr = optimizer == .adam ? 0.003 : 0.05
            _ = run(config(epochs: 2, limit: 96, optimizer: optimizer, learningRate: lr, name: "straight"))
            _ = run(config(epochs: 1, limit: 96, optimizer: optimizer, learningRate: lr, name: "first"))
            let first = try Checkpoint.read(from: directory.appendingPathComponent("first.safetensors").path)
            XCTAssertEqual(first.epoch, 1)
            let resumed = run(config(epochs: 2, limit: 96, optimizer: optimizer, learningRate: lr, name: "first"),
                              resumeFrom: first)
            guard case .started(let plan) = resumed.events.first else { return XCTFail("no start") }
            XCTAssertEqual(plan.firstEpoch, 2)
            let straight = try Checkpoint.read(from: directory.appendingPathComponent("straight.safetensors").path)
            let continued = try Checkpoint.read(from: directory.appendingPathComponent("first.safetensors").path)
            XCTAssertEqual(continued.epoch, 2)
            XCTAssertEqual(continued.parameters, straight.parameters, "\(optimizer): bit-identical weights")
            XCTAssertEqual(continued.optimizer, straight.optimizer)
        }
    }

    // MARK: - Control

    func testPauseTakesEffectWithinOneMiniBatchAndResumeContinues() {
        let control = TrainingControl()
        let pausedAt = DispatchSemaphore(value: 0)
        let data = TrainingData(train: Self.mnist.train, test: Self.mnist.test, normalization: .mnist)
        let trainer = Trainer(config: config(epochs: 1, limit: 192), data: data, control: control)
        let log = EventLog()
        trainer.start(sink: { event in
            log.append(event)
            if case .batchDone(let b) = event, b.batch == 2 { control.pause() }
            if case .paused = event { pausedAt.signal() }
        }, completion: { log.finish($0) })
        XCTAssertEqual(pausedAt.wait(timeout: .now() + 60), .success)
        Thread.sleep(forTimeInterval: 0.3)
        XCTAssertEqual(log.batchNumbers, [1, 2], "no mini-batch runs while paused")
        control.resume()
        XCTAssertTrue(log.waitForFinish(seconds: 120))
        XCTAssertEqual(log.batchNumbers, [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(log.outcome, .completed)
        XCTAssertTrue(log.events.contains(.resumed))
    }

    func testStopEndsTheRunAfterTheCurrentMiniBatch() {
        let control = TrainingControl()
        let (events, outcome) = run(config(epochs: 3, limit: 192), control: control) { event in
            if case .batchDone(let b) = event, b.batch == 3 { control.stop() }
        }
        XCTAssertEqual(outcome, .stopped)
        XCTAssertEqual(batchLosses(events).count, 3)
        XCTAssertEqual(events.last, .finished(completed: false))
    }

    func testANonFiniteLossStopsWithAMessageNamingEpochBatchAndRate() {
        let (events, outcome) = run(config(epochs: 1, limit: 256, optimizer: .sgd, learningRate: 1e9))
        guard case .failed(let message) = outcome else { return XCTFail("expected failure, got \(outcome)") }
        XCTAssertTrue(message.hasPrefix("epoch 1, mini-batch "), message)
        XCTAssertTrue(message.contains("loss is not finite (learning rate 1000000000.0)"), message)
        XCTAssertEqual(events.last, .failed(message: message))
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("ck.safetensors").path),
                       "no checkpoint of a diverged network")
    }

    func testABatchLargerThanTheSetIsOneMiniBatchAndAllocatedForTheSet() {
        XCTAssertEqual(Trainer.allocationBatchSize(batchSize: 60_000, trainImages: 100), 100)
        XCTAssertEqual(Trainer.allocationBatchSize(batchSize: 64, trainImages: 60_000), 64)
        XCTAssertEqual(Trainer.allocationBatchSize(batchSize: 64, trainImages: 0), 1)
        let (events, outcome) = run(config(epochs: 1, limit: 100, batchSize: 60_000))
        XCTAssertEqual(outcome, .completed)
        guard case .started(let plan) = events.first else { return XCTFail("no start event") }
        XCTAssertEqual(plan.batchesPerEpoch, 1)
        XCTAssertEqual(batchLosses(events).count, 1)
        XCTAssertEqual(summaries(events).map(\.epoch), [1])
    }

    func testACheckpointPastTheLastEpochTrainsNothingAndNeverOverflows() {
        var rng = SplitMix64(seed: 1)
        let checkpoint = Checkpoint(parameters: .pytorchDefault(using: &rng), epoch: Int.max,
                                    optimizer: .adam(step: 1, firstMoments: .zeros(), secondMoments: .zeros()), rngState: 5)
        let (events, outcome) = run(config(epochs: 2), resumeFrom: checkpoint)
        XCTAssertEqual(outcome, .completed)
        XCTAssertTrue(summaries(events).isEmpty)
        guard case .started(let plan) = events.first else { return XCTFail("no start event") }
        XCTAssertEqual(plan.firstEpoch, Int.max)
    }

    // MARK: - Time and learning rate

    func testSuspendedTimeIsNotTrainingTimeAndEveryMiniBatchReportsItsLearningRate() {
        // A fake monotonic source: every reading advances 1 ms; the 4th (the end of mini-batch 2) comes after
        // a 5 s suspension recorded as the SIGTSTP handler records it.
        let time = FakeTime()
        let clock = SuspensionClock(source: { time.next() })
        time.onReading = { reading, now in
            guard reading == 4 else { return now }
            clock.suspend(at: now)
            clock.resume(at: now + 5_000_000_000)
            return now + 5_000_000_000
        }
        var config = config(epochs: 2, limit: 96, batchSize: 32)
        config.lrSchedule = .step
        config.lrStepSize = 1
        config.lrGamma = 0.5
        let (events, outcome) = run(config, clock: { clock.now() })
        XCTAssertEqual(outcome, .completed)
        XCTAssertEqual(clock.suspendedNanoseconds, 5_000_000_000)
        let epochs = summaries(events)
        // 3 mini-batches per epoch, 1 ms each: the suspension inside mini-batch 2 is left out.
        XCTAssertEqual(epochs.map(\.seconds), [0.003, 0.003])
        XCTAssertEqual(epochs.map { $0.imagesPerSecond.rounded() }, [32_000, 32_000])
        let batches = events.compactMap { if case .batchDone(let b) = $0 { return b } else { return nil } }
        XCTAssertEqual(batches.map { ($0.elapsedSeconds * 1000).rounded() }, [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(batches.map(\.learningRate), [0.003, 0.003, 0.003, 0.0015, 0.0015, 0.0015])
    }

    // MARK: - Training health

    func testHealthFiguresAreTheNormsOfTheWeightsTheGradientAndTheStep() throws {
        // One SGD step from the seed's initial weights: the first step moves the weights by exactly -lr · g
        // (the momentum buffer starts as g), so ‖Δw‖ = lr · ‖g‖ up to the rounding of w + Δw.
        let lr = 0.05
        let (events, outcome) = run(config(epochs: 1, limit: 32, batchSize: 32, optimizer: .sgd, learningRate: lr))
        XCTAssertEqual(outcome, .completed)
        let reports = events.compactMap { if case .batchDone(let b) = $0 { return b.health } else { return nil } }
        let health = try XCTUnwrap(reports.first)
        XCTAssertEqual(reports.count, 1)
        XCTAssertEqual(health.layers.map(\.layer), ["c1", "c3", "c5", "f6", "output"])
        var rng = SplitMix64(seed: 1)
        let before = LeNet5Parameters.pytorchDefault(using: &rng)
        let after = try Checkpoint.read(from: directory.appendingPathComponent("ck.safetensors").path).parameters
        func norm(_ layer: Int, _ value: (Int, Int) -> Float) -> Double {
            (2 * layer ... 2 * layer + 1).map { t in
                after.tensors[t].indices.reduce(0.0) { sum, i in let v = Double(value(t, i)); return sum + v * v }
            }.reduce(0, +).squareRoot()
        }
        for (layer, figures) in health.layers.enumerated() {
            let weights = norm(layer) { after.tensors[$0][$1] }
            let step = norm(layer) { after.tensors[$0][$1] - before.tensors[$0][$1] }
            XCTAssertEqual(figures.weightNorm, weights, accuracy: weights * 1e-5, figures.layer)
            XCTAssertEqual(figures.updateNorm, step, accuracy: step * 1e-5, figures.layer)
            XCTAssertGreaterThan(figures.updateNorm, 0, figures.layer)
            XCTAssertEqual(figures.gradientNorm * lr, figures.updateNorm, accuracy: figures.updateNorm * 1e-3, figures.layer)
            XCTAssertEqual(figures.updateRatio, step / weights, accuracy: step / weights * 1e-4, figures.layer)
        }
    }

    func testEvaluationChangesNoParameters() {
        var rng = SplitMix64(seed: 3)
        let parameters = LeNet5Parameters.pytorchDefault(using: &rng)
        let model = LeNet5Model(maxBatchSize: 64, threads: 1)
        let batch = MiniBatch(capacity: 64)
        let first = Evaluator.evaluate(model: model, parameters: parameters, dataset: Self.mnist.test,
                                       normalization: .mnist, batch: batch)
        let second = Evaluator.evaluate(model: model, parameters: parameters, dataset: Self.mnist.test,
                                        normalization: .mnist, batch: batch)
        XCTAssertEqual(first, second)
        XCTAssertEqual(first.total, 200)
        var again = SplitMix64(seed: 3)
        XCTAssertEqual(parameters, LeNet5Parameters.pytorchDefault(using: &again))
    }
}

/// Collects events from the trainer's queue for a test thread.
private final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [TrainingEvent] = []
    private var result: TrainingOutcome?
    private let done = DispatchSemaphore(value: 0)

    func append(_ event: TrainingEvent) { lock.lock(); stored.append(event); lock.unlock() }
    func finish(_ outcome: TrainingOutcome) { lock.lock(); result = outcome; lock.unlock(); done.signal() }
    func waitForFinish(seconds: Double) -> Bool { done.wait(timeout: .now() + seconds) == .success }
    var events: [TrainingEvent] { lock.lock(); defer { lock.unlock() }; return stored }
    var outcome: TrainingOutcome? { lock.lock(); defer { lock.unlock() }; return result }
    var batchNumbers: [Int] {
        events.compactMap { if case .batchDone(let b) = $0 { return b.batch } else { return nil } }
    }
}

/// A fake monotonic clock for the trainer: each reading is 1 ms after the previous; `onReading` may move
/// the reading (the reading's 1-based number and the time) to simulate a suspension.
private final class FakeTime: @unchecked Sendable {
    private let lock = NSLock()
    private var readings = 0
    private var now: UInt64 = 1_000_000_000
    var onReading: (Int, UInt64) -> UInt64 = { $1 }

    func next() -> UInt64 {
        lock.lock(); defer { lock.unlock() }
        readings += 1
        now += 1_000_000
        now = onReading(readings, now)
        return now
    }
}
