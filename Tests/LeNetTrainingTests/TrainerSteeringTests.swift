import Foundation
import LeNetEngine
import LeNetFormats
import LeNetTraining
import MNISTData
import Testing

/// Steering through the trainer API on small slices of the bundled MNIST: the live learning-rate
/// multiplier (and resuming with it), single steps, rewind and pace.
/// Serialized, as under XCTest: the pace tests time wall-clock seconds and would share the 2 cores with
/// their own suite's training runs.
@Suite(.serialized) struct TrainerSteeringTests {
    /// The first 640 training and 100 test images of the bundled MNIST, loaded once.
    private static let data: TrainingData = BundledMNIST.trainingData(train: 640, test: 100)

    /// A fresh directory for each test (each test runs on its own instance of the suite), removed with it.
    private let temporary: TemporaryDirectory
    private var directory: URL { URL(fileURLWithPath: temporary.path) }

    init() throws { temporary = try TemporaryDirectory("lenet-steer") }

    /// Adam, constant rate 0.003, 3 mini-batches of 32 per epoch (96 images), one thread.
    private func config(epochs: Int, limit: Int = 96, batchSize: Int = 32, name: String) -> TrainingConfig {
        var config = TrainingConfig.defaults
        config.epochs = epochs
        config.limit = limit
        config.batchSize = batchSize
        config.learningRate = 0.003
        config.lrSchedule = .constant
        config.threads = 1
        config.checkpoint = path(name)
        return config
    }

    private func path(_ name: String) -> String { directory.appendingPathComponent("\(name).safetensors").path }

    /// Runs on the calling thread; `onEvent` sees each event on the trainer's thread as it happens.
    private func run(_ config: TrainingConfig, control: TrainingControl = TrainingControl(), resumeFrom: Checkpoint? = nil,
                     onEvent: (TrainingEvent, Trainer) -> Void = { _, _ in }) -> (events: [TrainingEvent], outcome: TrainingOutcome) {
        let trainer = Trainer(config: config, data: Self.data, control: control, resumeFrom: resumeFrom)
        var events: [TrainingEvent] = []
        let outcome = trainer.run { event in
            events.append(event)
            onEvent(event, trainer)
        }
        return (events, outcome)
    }

    /// The presses of the test below: x2 after mini-batch 1.1, x2 after 2.1, /2 after 3.2.
    private func press(_ event: TrainingEvent, _ control: TrainingControl) {
        guard case .batchDone(let b) = event else { return }
        switch (b.epoch, b.batch) {
        case (1, 1), (2, 1): control.doubleLearningRate()
        case (3, 2): control.halveLearningRate()
        default: break
        }
    }

    // MARK: - Learning-rate multiplier

    @Test func resumingWithAMultiplierIsBitIdenticalToAnUninterruptedRun() throws {
        let straightControl = TrainingControl()
        let straight = run(config(epochs: 3, name: "straight"), control: straightControl) { event, _ in
            press(event, straightControl)
        }
        #expect(straight.outcome == .completed)
        let rates = straight.events.compactMap { event -> String? in
            guard case .batchDone(let b) = event else { return nil }
            return "\(b.epoch).\(b.batch) \(b.learningRate) x\(b.learningRateMultiplier)"
        }
        #expect(rates == ["1.1 0.003 x1", "1.2 0.006 x2", "1.3 0.006 x2", "2.1 0.006 x2", "2.2 0.012 x4",
                        "2.3 0.012 x4", "3.1 0.012 x4", "3.2 0.012 x4", "3.3 0.006 x2"])
        let changes = straight.events.compactMap { event -> String? in
            if case .learningRateChanged(let change) = event { return change.description } else { return nil }
        }
        #expect(changes == ["lr x2 -> 0.006 at epoch 1, batch 2", "lr x2 -> 0.012 at epoch 2, batch 2",
                          "lr /2 -> 0.006 at epoch 3, batch 3"])

        // The same presses, but the run ends after epoch 2 and a new process (a fresh control) resumes it.
        let firstControl = TrainingControl()
        _ = run(config(epochs: 2, name: "split"), control: firstControl) { event, _ in press(event, firstControl) }
        let checkpoint = try Checkpoint.read(from: path("split"))
        #expect(checkpoint.extraMetadata[Checkpoint.learningRateMultiplierKey] == "4")
        let resumedControl = TrainingControl()
        let resumed = run(config(epochs: 3, name: "split"), control: resumedControl, resumeFrom: checkpoint) { event, _ in
            press(event, resumedControl)
        }
        #expect(resumed.outcome == .completed)
        let a = try Checkpoint.read(from: path("straight")), b = try Checkpoint.read(from: path("split"))
        #expect(b.epoch == 3)
        #expect(b.parameters == a.parameters, "bit-identical weights")
        #expect(b.optimizer == a.optimizer, "bit-identical Adam moments")
        #expect(b.extraMetadata[Checkpoint.learningRateMultiplierKey] == "2")
        // Epoch 3's summary alike, apart from the clock (seconds, images/s).
        let last = { (events: [TrainingEvent]) -> String in
            let s = events.compactMap { if case .epochDone(let s) = $0 { return s } else { return nil } }.last!
            return "\(s.epoch) \(s.trainLoss) \(s.trainAccuracy) \(s.testLoss) \(s.confusionMatrix.counts) "
                + "lr \(s.learningRate) x\(s.learningRateMultiplier)"
        }
        #expect(last(resumed.events) == last(straight.events))
        #expect(last(straight.events).hasSuffix(" lr 0.006 x2"), "the rate in force at the end of the epoch")

        // Without the stored multiplier epoch 3 would start at x1 and end elsewhere: the check can fail.
        var forgetful = checkpoint
        forgetful.extraMetadata[Checkpoint.learningRateMultiplierKey] = nil
        let forgetfulControl = TrainingControl()
        _ = run(config(epochs: 3, name: "forgetful"), control: forgetfulControl, resumeFrom: forgetful) { event, _ in
            press(event, forgetfulControl)
        }
        #expect(try Checkpoint.read(from: path("forgetful")).parameters != a.parameters)
    }

    @Test func metricsCSVHoldsTheRateInForceAtTheEndOfEachEpochAndTheMultiplier() throws {
        // Cosine over 2 epochs from 0.003: epoch 1 at 0.003, epoch 2 at 0.0015; x2 from mini-batch 1.3 on.
        var config = config(epochs: 2, name: "csv")
        config.lrSchedule = .cosine
        let control = TrainingControl()
        let results = TrainingResults(directory: directory.appendingPathComponent("results").path, plannedEpochs: 2, title: "t")
        let (events, outcome) = run(config, control: control) { event, _ in
            if case .batchDone(let b) = event, b.epoch == 1, b.batch == 2 { control.doubleLearningRate() }
            if case .epochDone(let summary) = event { try? results.record(EpochMetrics(summary)) }
        }
        #expect(outcome == .completed)
        let csv = try String(contentsOfFile: results.metricsPath, encoding: .utf8)
        let lines = csv.split(separator: "\n").map { $0.split(separator: ",") }
        #expect(lines.count == 3)
        #expect(lines.map { "\($0[0]) \($0[5]) \($0[6])" } ==
                ["epoch learning_rate lr_multiplier", "1 0.006 2", "2 0.003 2"])
        let rates = events.compactMap { if case .batchDone(let b) = $0 { return b.learningRate } else { return nil } }
        let expected = [0.003, 0.003, 0.006, 0.003, 0.003, 0.003]
        #expect(rates.count == expected.count)
        for (rate, want) in zip(rates, expected) { #expect(abs(rate - want) <= 1e-15) }
    }

    // MARK: - Single step

    @Test func aSingleStepWhilePausedRunsExactlyOneMiniBatch() {
        let control = TrainingControl()
        let log = EventLog()
        let trainer = Trainer(config: config(epochs: 1, limit: 192, name: "step"), data: Self.data, control: control)
        trainer.start(sink: { event in
            log.append(event)
            if case .batchDone(let b) = event, b.batch == 2 { control.pause() }
        }, completion: { log.finish($0) })
        #expect(log.wait(seconds: 60) { $0.contains(.paused) })
        Thread.sleep(forTimeInterval: 0.3)
        #expect(log.batchNumbers == [1, 2], "no mini-batch runs while paused")
        #expect(control.step())
        #expect(log.wait(seconds: 60) { $0.batchNumbers.count == 3 })
        Thread.sleep(forTimeInterval: 0.3)
        #expect(log.batchNumbers == [1, 2, 3], "one step, one mini-batch")
        #expect(control.isPaused)
        #expect(control.step() && control.step())
        #expect(log.wait(seconds: 60) { $0.batchNumbers.count == 5 })
        Thread.sleep(forTimeInterval: 0.3)
        #expect(log.batchNumbers == [1, 2, 3, 4, 5])
        #expect(!log.events.contains(.resumed), "steps do not resume")
        #expect(log.events.filter { $0 == .paused }.count == 1, "and the pause is reported once")
        control.resume()
        #expect(log.waitForFinish(seconds: 120))
        #expect(log.batchNumbers == [1, 2, 3, 4, 5, 6])
        #expect(log.outcome == .completed)
        #expect(log.events.filter { $0 == .resumed }.count == 1)
    }

    // MARK: - Rewind

    @Test func rewindReproducesEpochOneBitForBitAndTheWholeRun() throws {
        let control = TrainingControl()
        var epochWeights: [LeNet5Parameters] = []
        var rewound = false
        let (events, outcome) = run(config(epochs: 2, name: "rewind"), control: control) { event, trainer in
            if case .epochDone = event { epochWeights.append(trainer.snapshot().parameters) }
            if case .batchDone(let b) = event, b.epoch == 2, b.batch == 2, !rewound {
                rewound = true
                control.rewind()
            }
        }
        #expect(outcome == .completed)
        let trace = events.compactMap { event -> String? in
            switch event {
            case .batchDone(let b): return "\(b.epoch).\(b.batch)"
            case .rewound(let r): return r.description
            default: return nil
            }
        }
        #expect(trace == ["1.1", "1.2", "1.3", "2.1", "2.2",
                        "rewound at epoch 2, batch 2: from epoch 1 again, seed 1",
                        "1.1", "1.2", "1.3", "2.1", "2.2", "2.3"])
        #expect(epochWeights.count == 3)
        #expect(epochWeights[1] == epochWeights[0], "epoch 1 again: same initial weights and shuffles")
        let straight = run(config(epochs: 2, name: "straight"))
        #expect(straight.outcome == .completed)
        #expect(try Checkpoint.read(from: path("rewind")).parameters ==
                Checkpoint.read(from: path("straight")).parameters, "the rewound run ends where a fresh one does")
        let elapsed = events.compactMap { if case .batchDone(let b) = $0 { return b.elapsedSeconds } else { return nil } }
        #expect(elapsed[5] < elapsed[4], "the training clock starts again")
    }

    @Test func rewindKeepsTheMultiplierAndThePause() {
        let control = TrainingControl()
        let log = EventLog()
        let trainer = Trainer(config: config(epochs: 1, name: "keep"), data: Self.data, control: control)
        trainer.start(sink: { event in
            log.append(event)
            if case .batchDone(let b) = event, b.batch == 2, !log.contains(.paused) {
                control.doubleLearningRate()
                control.pause()
            }
        }, completion: { log.finish($0) })
        #expect(log.wait(seconds: 60) { $0.contains(.paused) })
        control.rewind()
        #expect(log.wait(seconds: 60) { $0.events.contains { if case .rewound = $0 { true } else { false } } })
        Thread.sleep(forTimeInterval: 0.3)
        #expect(log.batchNumbers == [1, 2], "still paused after the rewind")
        #expect(control.step())
        #expect(log.wait(seconds: 60) { $0.batchNumbers.count == 3 })
        control.resume()
        #expect(log.waitForFinish(seconds: 120))
        let trace = log.events.compactMap { event -> String? in
            switch event {
            case .batchDone(let b): return "\(b.epoch).\(b.batch) x\(b.learningRateMultiplier)"
            case .rewound(let r): return r.description
            case .learningRateChanged(let c): return c.description
            default: return nil
            }
        }
        #expect(trace == ["1.1 x1", "1.2 x1", "rewound at epoch 1, batch 2: from epoch 1 again, seed 1 (lr x2 kept)",
                        "lr x2 -> 0.006 at epoch 1, batch 1", "1.1 x2", "1.2 x2", "1.3 x2"])
    }

    // MARK: - Pace

    @Test func paceTenPerSecondSpreadsTwentyMiniBatchesOverTwoSecondsAndIsNotCountedAsTraining() {
        let control = TrainingControl()
        control.setPace(TrainingPace(batchesPerSecond: 10)!)
        let clock = Date()
        let (events, outcome) = run(config(epochs: 1, limit: 160, batchSize: 8, name: "pace"), control: control)
        let wall = Date().timeIntervalSince(clock)
        #expect(outcome == .completed)
        let batches = events.compactMap { if case .batchDone(let b) = $0 { return b } else { return nil } }
        #expect(batches.count == 20)
        #expect(batches.allSatisfy { $0.pace.batchesPerSecond == 10 })
        // 19 gaps of 0.1 s between 20 starts: 1.9 s at least; generous above (a loaded machine).
        #expect(wall >= 1.85)
        #expect(wall < 15)
        let summary = events.compactMap { if case .epochDone(let s) = $0 { return s } else { return nil } }[0]
        #expect(summary.seconds < wall / 2, "waits are not training time")
        #expect(abs(batches.last!.elapsedSeconds - summary.seconds) <= 1e-9)
        #expect(abs(summary.imagesPerSecond - (160 / summary.seconds)) <= 1e-6)
        #expect(summary.imagesPerSecond > 2 * 80, "far above the paced 80 images/s: waits left out")
    }

    @Test func aPaceWaitEndsAtOnceOnStopOrAFasterPace() {
        let control = TrainingControl()
        control.setPace(TrainingPace(batchesPerSecond: 1)!)
        var clock = Date()
        let stopped = run(config(epochs: 1, limit: 160, batchSize: 8, name: "stop"), control: control) { event, _ in
            if case .batchDone(let b) = event, b.batch == 1 { clock = Date(); control.stop() }
        }
        #expect(stopped.outcome == .stopped)
        #expect(Date().timeIntervalSince(clock) < 0.5, "a stop does not wait out the second")

        let faster = TrainingControl()
        faster.setPace(TrainingPace(batchesPerSecond: 1)!)
        let log = EventLog()
        let trainer = Trainer(config: config(epochs: 1, limit: 160, batchSize: 8, name: "fast"), data: Self.data, control: faster)
        trainer.start(sink: { log.append($0) }, completion: { log.finish($0) })
        #expect(log.wait(seconds: 60) { $0.batchNumbers.count == 1 })
        Thread.sleep(forTimeInterval: 0.2)
        clock = Date()
        faster.setPace(.fullSpeed)
        #expect(log.waitForFinish(seconds: 60))
        #expect(Date().timeIntervalSince(clock) < 0.7, "19 mini-batches at full speed, no second left to wait")
        #expect(log.batchNumbers.count == 20)
    }
}

/// Collects events from the trainer's queue for a test thread, and waits for conditions on them.
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
    func contains(_ event: TrainingEvent) -> Bool { events.contains(event) }

    /// Polls every 10 ms until `condition` holds; false after `seconds`.
    func wait(seconds: Double, until condition: (EventLog) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition(self) { return true }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return condition(self)
    }
}
