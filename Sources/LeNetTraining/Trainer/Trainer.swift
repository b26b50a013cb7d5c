import Dispatch
import Foundation
import LeNetEngine
import MNISTData

/// The training and test sets with the pixel normalisation to apply to both.
public struct TrainingData: Sendable {
    /// Training images and labels (all of them; `TrainingConfig.limit` selects the first N).
    public let train: MNISTDataset
    /// Test images and labels, evaluated in full after every epoch.
    public let test: MNISTDataset
    /// Normalisation of pixels (mean/std), the same for training, testing and prediction.
    public let normalization: PixelNormalization
    /// Which dataset this is; its raw value is saved in every checkpoint's metadata as `dataset`, so `test`,
    /// `predict` and `draw` use the right normalisation and class names.
    public let kind: DatasetKind

    public init(train: MNISTDataset, test: MNISTDataset, normalization: PixelNormalization,
                kind: DatasetKind = .mnist) {
        self.train = train
        self.test = test
        self.normalization = normalization
        self.kind = kind
    }
}

/// How a run ended.
public enum TrainingOutcome: Sendable, Equatable {
    /// Every epoch up to `config.epochs` finished.
    case completed
    /// A stop was requested; the last finished epoch's checkpoint is on disk.
    case stopped
    /// Training failed (non-finite loss, checkpoint write error); one-line message.
    case failed(String)
}

/// Trains LeNet-5 with mini-batch SGD or Adam, evaluates on the test set after every epoch and writes a
/// checkpoint. One trainer serves the TUI and the headless command: both receive the same `TrainingEvent`s.
///
/// Determinism: the network is initialised from `SplitMix64(seed)`, and the same generator then draws each
/// epoch's shuffle, so the same seed (and config) gives the same numbers.
public final class Trainer: Sendable {
    /// The effective configuration.
    public let config: TrainingConfig
    private let data: TrainingData
    private let control: TrainingControl
    private let resumeFrom: Checkpoint?
    /// Nanoseconds that count as training time (`SuspensionClock.process`: Ctrl-Z's suspensions left out).
    private let clock: @Sendable () -> UInt64
    /// Evaluation chunk size (images); bounds the workspace memory of the test pass.
    public static let evaluationBatchSize = 500

    /// The weights of the last finished mini-batch and where they were taken: written by the trainer's
    /// thread (`publish`), read by `snapshot()` from any thread.
    private let latest: Locked<(parameters: LeNet5Parameters, position: TrainingPosition)>

    /// - Parameters:
    ///   - resumeFrom: a checkpoint saved by this trainer to continue from (its epoch, optimizer and RNG state).
    ///   - clock: monotonic nanoseconds that times the mini-batches (epoch seconds, images/s, elapsed); by
    ///     default the process's `SuspensionClock`, which stands still while the process is suspended.
    public init(config: TrainingConfig, data: TrainingData, control: TrainingControl, resumeFrom: Checkpoint? = nil,
                clock: @escaping @Sendable () -> UInt64 = { SuspensionClock.process.now() }) {
        self.clock = clock
        self.config = config
        self.data = data
        self.control = control
        self.resumeFrom = resumeFrom
        let images = min(config.limit ?? data.train.count, data.train.count)
        self.latest = Locked((resumeFrom?.parameters ?? .zeros(),
                              TrainingPosition(completedEpochs: resumeFrom?.epoch ?? 0, batch: 0,
                                               batchesPerEpoch: Self.batchesPerEpoch(images: images, batchSize: config.batchSize))))
    }

    /// Number of training images used per epoch (after `limit`).
    public var trainImageCount: Int { min(config.limit ?? data.train.count, data.train.count) }

    /// Mini-batches per epoch: `trainImageCount / batchSize`, rounded up (the last one may be partial).
    public var batchesPerEpoch: Int { Self.batchesPerEpoch(images: trainImageCount, batchSize: config.batchSize) }

    /// `images / batchSize` rounded up, without overflow near `Int.max`.
    static func batchesPerEpoch(images: Int, batchSize: Int) -> Int {
        images == 0 ? 0 : (images - 1) / batchSize + 1
    }

    /// Worker threads for the engine (`config.threads`, or the active processor count when 0).
    public var threadCount: Int { config.effectiveThreadCount }

    /// A consistent copy of the parameters as of the last finished mini-batch, with the position they
    /// were taken at (epochs finished, mini-batches done in the epoch in progress).
    public func snapshot() -> WeightSnapshot {
        latest.withLock { WeightSnapshot(parameters: $0.parameters, position: $0.position) }
    }

    /// Runs training on a new background queue; `sink` receives every event on that queue and
    /// `completion` the outcome once the run ends.
    public func start(sink: @escaping @Sendable (TrainingEvent) -> Void,
                      completion: @escaping @Sendable (TrainingOutcome) -> Void = { _ in }) {
        DispatchQueue(label: "lenet-tui.trainer", qos: .userInitiated).async {
            completion(self.run(sink: sink))
        }
    }

    /// Runs the whole training on the calling thread and returns how it ended.
    public func run(sink: (TrainingEvent) -> Void) -> TrainingOutcome {
        let batchSize = config.batchSize
        let trainCount = trainImageCount
        let batchesPerEpoch = trainCount == 0 ? 0 : (trainCount - 1) / batchSize + 1  // no overflow near Int.max
        // Buffers hold what a mini-batch can really contain: a batch size above the training set's size
        // (`--batch-size 60000 --limit 100`) allocates for the set, not for the batch size.
        let capacity = Self.allocationBatchSize(batchSize: batchSize, trainImages: trainCount)
        let model = LeNet5Model(maxBatchSize: max(capacity, Self.evaluationBatchSize), threads: threadCount)
        let batch = MiniBatch(capacity: capacity)
        let evalBatch = MiniBatch(capacity: Self.evaluationBatchSize)
        let augmenter = config.augmentation.isOn
            ? BatchAugmenter(settings: config.augmentation, seed: config.seed, threads: threadCount) : nil

        var (rng, parameters, optimizer) = freshStart()
        // Epochs done so far; the loop runs while it is below `config.epochs`, so `+ 1` never overflows.
        var completed = 0
        if let checkpoint = resumeFrom {
            parameters = checkpoint.parameters
            completed = max(0, checkpoint.epoch)
            if let state = checkpoint.rngState { rng.state = state }
            restore(&optimizer, from: checkpoint.optimizer)
            // ResumePlan refused a malformed value; an older checkpoint without one ran at 1.
            control.setLearningRateMultiplier((try? checkpoint.learningRateMultiplier(path: "")) ?? .one)
        }
        publish(parameters, epoch: completed)
        var gradients = LeNet5Parameters.zeros()

        let plan = TrainingPlan(firstEpoch: completed == Int.max ? completed : completed + 1, epochs: config.epochs,
                                batchesPerEpoch: batchesPerEpoch, trainImages: trainCount,
                                testImages: data.test.count, batchSize: batchSize)
        sink(.started(plan))
        var elapsed = 0.0
        var steering = SteeringLoop(multiplier: control.learningRateMultiplier)
        epochs: while completed < config.epochs {
            let epoch = completed + 1
            var learningRate = config.learningRate(epoch: epoch, batch: 1, batchesPerEpoch: batchesPerEpoch)
                * steering.multiplier.value
            let order = shuffledIndices(count: trainCount, using: &rng)
            var epochSeconds = 0.0
            var lossSum = 0.0
            var correct = 0
            var seen = 0
            for batchIndex in 0..<batchesPerEpoch {
                switch steering.awaitTurn(control, sink: sink) {
                case .stop:
                    sink(.finished(completed: false))
                    return .stopped
                case .rewind:
                    (rng, parameters, optimizer) = freshStart()
                    (completed, elapsed) = (0, 0)
                    publish(parameters, epoch: 0)
                    sink(.rewound(Rewind(fromEpoch: epoch, fromBatch: batchIndex, seed: config.seed,
                                         multiplier: control.learningRateMultiplier, pace: control.pace,
                                         plan: plan.restarted)))
                    continue epochs
                default:
                    break
                }
                let scheduledRate = config.learningRate(epoch: epoch, batch: batchIndex + 1, batchesPerEpoch: batchesPerEpoch)
                learningRate = steering.learningRate(epoch: epoch, batch: batchIndex + 1, scheduled: scheduledRate,
                                                     control: control, sink: sink)
                optimizer.learningRate = learningRate
                // The pace is kept in real time; the mini-batch is timed by `clock`, which leaves out
                // time the process spent suspended (Ctrl-Z).
                steering.noteStart(DispatchTime.now().uptimeNanoseconds)
                let start = clock()
                let count = min(batchSize, trainCount - batchIndex * batchSize)
                if let augmenter {
                    augmenter.load(into: batch, from: data.train, order: order, start: batchIndex * batchSize,
                                   count: count, normalization: data.normalization, epoch: epoch, pool: model.pool)
                } else {
                    batch.load(from: data.train, order: order, start: batchIndex * batchSize, count: count,
                               normalization: data.normalization, pool: model.pool)
                }
                let result = batch.withBuffers { images, labels in
                    model.trainingStep(parameters: parameters, images: images, labels: labels, count: count,
                                       gradients: &gradients, labelSmoothing: Float(config.labelSmoothing))
                }
                guard result.loss.isFinite else {
                    let message = "epoch \(epoch), mini-batch \(batchIndex + 1): loss is not finite "
                        + "(learning rate \(learningRate)); training stopped, last good checkpoint kept"
                    sink(.failed(message: message))
                    return .failed(message)
                }
                optimizer.step(&parameters, gradients: gradients, pool: model.pool)
                let health = publish(parameters, epoch: epoch - 1, batch: batchIndex + 1, gradients: gradients)
                let end = clock()
                let seconds = Double(end > start ? end - start : 0) / 1e9
                epochSeconds += seconds
                elapsed += seconds
                lossSum += Double(result.loss) * Double(count)
                correct += result.correct
                seen += count
                sink(.batchDone(BatchProgress(
                    epoch: epoch, batch: batchIndex + 1, batchesPerEpoch: batchesPerEpoch,
                    batchLoss: Double(result.loss), runningLoss: lossSum / Double(seen),
                    runningAccuracy: Double(correct) / Double(seen),
                    imagesPerSecond: epochSeconds > 0 ? Double(seen) / epochSeconds : 0, elapsedSeconds: elapsed,
                    health: health, learningRate: learningRate, learningRateMultiplier: steering.multiplier,
                    pace: control.pace)))
            }
            let evaluation = Evaluator.evaluate(model: model, parameters: parameters, dataset: data.test,
                                                normalization: data.normalization, batch: evalBatch)
            publish(parameters, epoch: epoch)
            sink(.epochDone(EpochSummary(
                epoch: epoch, epochs: config.epochs, trainLoss: lossSum / Double(max(seen, 1)),
                trainAccuracy: Double(correct) / Double(max(seen, 1)), testLoss: evaluation.loss,
                testAccuracy: evaluation.accuracy, confusionMatrix: evaluation.confusionMatrix,
                imagesPerSecond: epochSeconds > 0 ? Double(seen) / epochSeconds : 0, seconds: epochSeconds,
                learningRate: learningRate, learningRateMultiplier: steering.multiplier)))
            let checkpoint = Checkpoint(parameters: parameters, epoch: epoch, optimizer: snapshot(of: optimizer),
                                        rngState: rng.state, configJSON: config.jsonString(),
                                        extraMetadata: ["test_accuracy": String(evaluation.accuracy),
                                                        Checkpoint.datasetMetadataKey: data.kind.rawValue,
                                                        Checkpoint.learningRateMultiplierKey: steering.multiplier.description])
            do {
                try checkpoint.write(to: config.checkpoint)
                sink(.checkpointSaved(path: config.checkpoint, epoch: epoch))
            } catch {
                let message = "\(error)"
                sink(.failed(message: message))
                return .failed(message)
            }
            completed = epoch
        }
        sink(.finished(completed: true))
        return .completed
    }

    /// Images the mini-batch buffers are sized for: the batch size, but never more than the training
    /// images there are (and at least 1).
    public static func allocationBatchSize(batchSize: Int, trainImages: Int) -> Int {
        max(1, min(batchSize, trainImages))
    }

    // MARK: - Helpers

    /// Copies the parameters into the published buffers in place. Assigning the value instead would share
    /// the trainer's arrays, so the next optimizer step would copy-on-write all ten tensors (an allocation
    /// and a 247 KB copy per mini-batch); in place, an allocation happens only while a reader still holds
    /// the previous snapshot. Given the step's gradients, the same pass measures the step per layer
    /// (‖w‖, ‖Δw‖ against the values it overwrites; ‖g‖ outside the lock): `TrainingHealth`. `epoch` is the
    /// number of finished epochs, `batch` the mini-batches done in the next one.
    @discardableResult
    private func publish(_ parameters: LeNet5Parameters, epoch: Int, batch: Int = 0,
                         gradients: LeNet5Parameters? = nil) -> TrainingHealth? {
        let gradientSquares = gradients.map(TrainingHealth.layerSquares)
        return latest.withLock { latest in
            latest.position = TrainingPosition(completedEpochs: epoch, batch: batch,
                                               batchesPerEpoch: latest.position.batchesPerEpoch)
            return TrainingHealth.copy(parameters, over: &latest.parameters, gradientSquares: gradientSquares)
        }
    }

    func makeOptimizer() -> any Optimizer {
        switch config.optimizer {
        case .adam: return Adam(learningRate: config.learningRate, weightDecay: config.weightDecay)
        case .adamw: return Adam(learningRate: config.learningRate, weightDecay: config.weightDecay, decoupledWeightDecay: true)
        case .sgd: return SGD(learningRate: config.learningRate, momentum: config.momentum, weightDecay: config.weightDecay)
        }
    }

    private func restore(_ optimizer: inout any Optimizer, from snapshot: OptimizerSnapshot?) {
        switch snapshot {
        case let .adam(step, m, v):
            guard var adam = optimizer as? Adam else { return }
            adam.stepCount = step
            adam.firstMoments = m
            adam.secondMoments = v
            optimizer = adam
        case let .sgd(buffers):
            guard var sgd = optimizer as? SGD else { return }
            sgd.momentumBuffers = buffers
            optimizer = sgd
        case nil:
            break
        }
    }

    private func snapshot(of optimizer: any Optimizer) -> OptimizerSnapshot? {
        if let adam = optimizer as? Adam {
            return .adam(step: adam.stepCount, firstMoments: adam.firstMoments, secondMoments: adam.secondMoments)
        }
        if let sgd = optimizer as? SGD { return .sgd(momentumBuffers: sgd.momentumBuffers) }
        return nil
    }
}
