import Foundation
import LeNetEngine
import LeNetTraining
import MNISTData
import Testing

/// Trainer tests on small slices of the real bundled MNIST (kept small: `swift test` builds in debug).
@Suite struct TrainerTests {
    /// The first 4,000 training and 200 test images of the bundled MNIST, loaded once.
    private static let mnist: (train: MNISTDataset, test: MNISTDataset) =
        (BundledMNIST.full.train.prefix(4000), BundledMNIST.full.test.prefix(200))

    /// A fresh directory for each test (each test runs on its own instance of the suite), removed with it.
    private let temporary: TemporaryDirectory
    private var directory: URL { URL(fileURLWithPath: temporary.path) }

    init() throws { temporary = try TemporaryDirectory("lenet-trainer") }

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

    @Test func aFewHundredImagesBringTheLossWellBelowItsStart() {
        let (events, outcome) = run(config(epochs: 3, limit: 320))
        #expect(outcome == .completed)
        let losses = batchLosses(events)
        #expect(losses.count == 30, "320 images / batch 32 = 10 mini-batches per epoch, 3 epochs")
        // An untrained 10-class network starts near ln 10 = 2.303.
        #expect(abs(losses[0] - log(10)) <= 0.15)
        let last = summaries(events).last!
        #expect(last.trainLoss < 0.9, "mean training loss of epoch 3")
        #expect(last.testLoss < 1.0)
        #expect(last.testAccuracy > 0.70)
        #expect(last.confusionMatrix.total == 200)
    }

    @Test func eventsArriveInOrderWithAPartialLastBatch() {
        let (events, _) = run(config(epochs: 2, limit: 100, batchSize: 32))
        guard case .started(let plan) = events.first else { Issue.record("first event is not .started"); return }
        #expect(plan == TrainingPlan(firstEpoch: 1, epochs: 2, batchesPerEpoch: 4, trainImages: 100,
                                   testImages: 200, batchSize: 32))
        #expect(events.last == .finished(completed: true))
        let batches = events.compactMap { if case .batchDone(let b) = $0 { return (b.epoch, b.batch) } else { return nil } }
        #expect(batches.map { "\($0.0).\($0.1)" } == ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4"])
        let saved = events.compactMap { if case .checkpointSaved(_, let epoch) = $0 { return epoch } else { return nil } }
        #expect(saved == [1, 2], "a checkpoint after every epoch")
    }

    @Test func aBatchLargerThanTheDataAndABatchOfOneBothWork() {
        let large = run(config(epochs: 1, limit: 20, batchSize: 64))
        #expect(large.outcome == .completed)
        #expect(batchLosses(large.events).count == 1, "20 images in one partial mini-batch of 64")
        let single = run(config(epochs: 1, limit: 5, batchSize: 1, name: "one"))
        #expect(single.outcome == .completed)
        #expect(batchLosses(single.events).count == 5)
        #expect(batchLosses(single.events).allSatisfy { $0.isFinite })
    }

    // MARK: - Determinism

    @Test func sameSeedSameNumbersOtherSeedOtherNumbers() throws {
        let a = run(config(epochs: 2, limit: 128, seed: 7, name: "a"))
        let b = run(config(epochs: 2, limit: 128, seed: 7, name: "b"))
        let c = run(config(epochs: 2, limit: 128, seed: 8, name: "c"))
        #expect(batchLosses(a.events) == batchLosses(b.events))
        #expect(summaries(a.events).map(\.testLoss) == summaries(b.events).map(\.testLoss))
        #expect(batchLosses(a.events) != batchLosses(c.events))
        let checkpointA = try Checkpoint.read(from: directory.appendingPathComponent("a.safetensors").path)
        let checkpointB = try Checkpoint.read(from: directory.appendingPathComponent("b.safetensors").path)
        #expect(checkpointA.parameters == checkpointB.parameters)
    }

    @Test func resumingAfterOneEpochEqualsTwoEpochsInOneRun() throws {
        for optimizer in [OptimizerKind.adam, .sgd] {
            let lr = optimizer == .adam ? 0.003 : 0.05
            _ = run(config(epochs: 2, limit: 96, optimizer: optimizer, learningRate: lr, name: "straight"))
            _ = run(config(epochs: 1, limit: 96, optimizer: optimizer, learningRate: lr, name: "first"))
            let first = try Checkpoint.read(from: directory.appendingPathComponent("first.safetensors").path)
            #expect(first.epoch == 1)
            let resumed = run(config(epochs: 2, limit: 96, optimizer: optimizer, learningRate: lr, name: "first"),
                              resumeFrom: first)
            guard case .started(let plan) = resumed.events.first else { Issue.record("no start"); return }
            #expect(plan.firstEpoch == 2)
            let straight = try Checkpoint.read(from: directory.appendingPathComponent("straight.safetensors").path)
            let continued = try Checkpoint.read(from: directory.appendingPathComponent("first.safetensors").path)
            #expect(continued.epoch == 2)
            #expect(continued.parameters == straight.parameters, "\(optimizer): bit-identical weights")
            #expect(continued.optimizer == straight.optimizer)
        }
    }

    // MARK: - Control

    @Test func pauseTakesEffectWithinOneMiniBatchAndResumeContinues() {
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
        #expect(pausedAt.wait(timeout: .now() + 60) == .success)
        Thread.sleep(forTimeInterval: 0.3)
        #expect(log.batchNumbers == [1, 2], "no mini-batch runs while paused")
        control.resume()
        #expect(log.waitForFinish(seconds: 120))
        #expect(log.batchNumbers == [1, 2, 3, 4, 5, 6])
        #expect(log.outcome == .completed)
        #expect(log.events.contains(.resumed))
    }

    @Test func stopEndsTheRunAfterTheCurrentMiniBatch() {
        let control = TrainingControl()
        let (events, outcome) = run(config(epochs: 3, limit: 192), control: control) { event in
            if case .batchDone(let b) = event, b.batch == 3 { control.stop() }
        }
        #expect(outcome == .stopped)
        #expect(batchLosses(events).count == 3)
        #expect(events.last == .finished(completed: false))
    }

    @Test func aNonFiniteLossStopsWithAMessageNamingEpochBatchAndRate() {
        let (events, outcome) = run(config(epochs: 1, limit: 256, optimizer: .sgd, learningRate: 1e9))
        guard case .failed(let message) = outcome else { Issue.record("expected failure, got \(outcome)"); return }
        #expect(message.hasPrefix("epoch 1, mini-batch "), "\(message)")
        #expect(message.contains("loss is not finite (learning rate 1000000000.0)"), "\(message)")
        #expect(events.last == .failed(message: message))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("ck.safetensors").path), "no checkpoint of a diverged network")
    }

    @Test func aBatchLargerThanTheSetIsOneMiniBatchAndAllocatedForTheSet() {
        #expect(Trainer.allocationBatchSize(batchSize: 60_000, trainImages: 100) == 100)
        #expect(Trainer.allocationBatchSize(batchSize: 64, trainImages: 60_000) == 64)
        #expect(Trainer.allocationBatchSize(batchSize: 64, trainImages: 0) == 1)
        let (events, outcome) = run(config(epochs: 1, limit: 100, batchSize: 60_000))
        #expect(outcome == .completed)
        guard case .started(let plan) = events.first else { Issue.record("no start event"); return }
        #expect(plan.batchesPerEpoch == 1)
        #expect(batchLosses(events).count == 1)
        #expect(summaries(events).map(\.epoch) == [1])
    }

    @Test func aCheckpointPastTheLastEpochTrainsNothingAndNeverOverflows() {
        var rng = SplitMix64(seed: 1)
        let checkpoint = Checkpoint(parameters: .pytorchDefault(using: &rng), epoch: Int.max,
                                    optimizer: .adam(step: 1, firstMoments: .zeros(), secondMoments: .zeros()), rngState: 5)
        let (events, outcome) = run(config(epochs: 2), resumeFrom: checkpoint)
        #expect(outcome == .completed)
        #expect(summaries(events).isEmpty)
        guard case .started(let plan) = events.first else { Issue.record("no start event"); return }
        #expect(plan.firstEpoch == Int.max)
    }

    // MARK: - Time and learning rate

    @Test func suspendedTimeIsNotTrainingTimeAndEveryMiniBatchReportsItsLearningRate() {
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
        #expect(outcome == .completed)
        #expect(clock.suspendedNanoseconds == 5_000_000_000)
        let epochs = summaries(events)
        // 3 mini-batches per epoch, 1 ms each: the suspension inside mini-batch 2 is left out.
        #expect(epochs.map(\.seconds) == [0.003, 0.003])
        #expect(epochs.map { $0.imagesPerSecond.rounded() } == [32_000, 32_000])
        let batches = events.compactMap { if case .batchDone(let b) = $0 { return b } else { return nil } }
        #expect(batches.map { ($0.elapsedSeconds * 1000).rounded() } == [1, 2, 3, 4, 5, 6])
        #expect(batches.map(\.learningRate) == [0.003, 0.003, 0.003, 0.0015, 0.0015, 0.0015])
    }

    // MARK: - Training health

    @Test func healthFiguresAreTheNormsOfTheWeightsTheGradientAndTheStep() throws {
        // One SGD step from the seed's initial weights: the first step moves the weights by exactly -lr · g
        // (the momentum buffer starts as g), so ‖Δw‖ = lr · ‖g‖ up to the rounding of w + Δw.
        let lr = 0.05
        let (events, outcome) = run(config(epochs: 1, limit: 32, batchSize: 32, optimizer: .sgd, learningRate: lr))
        #expect(outcome == .completed)
        let reports = events.compactMap { if case .batchDone(let b) = $0 { return b.health } else { return nil } }
        let health = try #require(reports.first)
        #expect(reports.count == 1)
        #expect(health.layers.map(\.layer) == ["c1", "c3", "c5", "f6", "output"])
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
            #expect(abs(figures.weightNorm - weights) <= weights * 1e-5, "\(figures.layer)")
            #expect(abs(figures.updateNorm - step) <= step * 1e-5, "\(figures.layer)")
            #expect(figures.updateNorm > 0, "\(figures.layer)")
            #expect(abs((figures.gradientNorm * lr) - figures.updateNorm) <= figures.updateNorm * 1e-3, "\(figures.layer)")
            #expect(abs(figures.updateRatio - (step / weights)) <= step / weights * 1e-4, "\(figures.layer)")
        }
    }

    @Test func evaluationChangesNoParameters() {
        var rng = SplitMix64(seed: 3)
        let parameters = LeNet5Parameters.pytorchDefault(using: &rng)
        let model = LeNet5Model(maxBatchSize: 64, threads: 1)
        let batch = MiniBatch(capacity: 64)
        let first = Evaluator.evaluate(model: model, parameters: parameters, dataset: Self.mnist.test,
                                       normalization: .mnist, batch: batch)
        let second = Evaluator.evaluate(model: model, parameters: parameters, dataset: Self.mnist.test,
                                        normalization: .mnist, batch: batch)
        #expect(first == second)
        #expect(first.total == 200)
        var again = SplitMix64(seed: 3)
        #expect(parameters == LeNet5Parameters.pytorchDefault(using: &again))
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
