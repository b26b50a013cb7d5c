import LeNetTraining

// MARK: - Mini-batch sampler

/// Turns per-mini-batch progress into sparkline points: one point per bucket of `stride` consecutive
/// mini-batches of an epoch (a bucket never spans two epochs).
///
/// - Loss point: the mean of the buckets' mini-batch losses.
/// - Accuracy point: the accuracy over the bucket's images alone, recovered from the epoch's running
///   accuracy (correct-so-far = runningAccuracy x images-so-far) at the bucket's two ends.
///
/// Each point carries its epoch and whether it is the epoch's first (`ChartSlot`), for the charts' epoch
/// marks. The unfinished bucket is exposed as `pendingPoint`, so the sparkline's last column moves with
/// every mini-batch.
struct BatchSampler: Sendable, Equatable {
    /// Mini-batches per point.
    var stride: Int = 1
    /// Mini-batch size and training images per epoch, from the plan (images-so-far of a mini-batch).
    var batchSize: Int = 0
    var trainImages: Int = 0

    private var epoch = 0
    private var bucket = -1
    private var lossSum = 0.0
    private var lossCount = 0
    /// Images and correct predictions of the epoch at the start of the bucket.
    private var startImages = 0.0
    private var startCorrect = 0.0
    /// ... and after the latest mini-batch.
    private var endImages = 0.0
    private var endCorrect = 0.0
    private var lastRunningAccuracy = 0.0

    /// Points per epoch the sparklines aim at.
    static let pointsPerEpoch = 40

    init() {}

    init(plan: TrainingPlan) {
        stride = max(1, plan.batchesPerEpoch / Self.pointsPerEpoch)
        batchesPerEpoch = plan.batchesPerEpoch
        batchSize = plan.batchSize
        trainImages = plan.trainImages
    }

    /// Images processed in an epoch after `batch` mini-batches (the batch number itself without a plan).
    private func imagesSoFar(batch: Int) -> Double {
        guard batchSize > 0 else { return Double(batch) }
        let images = batch * batchSize
        return Double(trainImages > 0 ? min(images, trainImages) : images)
    }

    /// Points a whole epoch gives (the last bucket of an epoch may hold fewer mini-batches).
    var pointsPerEpoch: Int { batchesPerEpoch > 0 ? (batchesPerEpoch - 1) / stride + 1 : 0 }
    /// Mini-batches per epoch, from the plan or the latest progress.
    private var batchesPerEpoch = 0

    /// Adds one mini-batch; returns the points of the buckets it closed.
    mutating func add(_ p: BatchProgress) -> [ChartSlot] {
        var finished: [ChartSlot] = []
        batchesPerEpoch = p.batchesPerEpoch
        let b = (p.batch - 1) / stride
        if p.epoch != epoch || b != bucket {
            if let point = pendingPoint { finished.append(point) }
            if p.epoch != epoch {
                endImages = 0; endCorrect = 0
            }
            epoch = p.epoch
            bucket = b
            lossSum = 0; lossCount = 0
            startImages = endImages; startCorrect = endCorrect
        }
        lossSum += p.batchLoss
        lossCount += 1
        endImages = imagesSoFar(batch: p.batch)
        endCorrect = p.runningAccuracy * endImages
        lastRunningAccuracy = p.runningAccuracy
        if p.batch >= p.batchesPerEpoch, let point = pendingPoint {
            finished.append(point)
            lossSum = 0; lossCount = 0
            bucket = -1
            startImages = endImages; startCorrect = endCorrect
        }
        return finished
    }

    /// The unfinished bucket's point, if any mini-batch went into it.
    var pendingPoint: ChartSlot? {
        guard lossCount > 0 else { return nil }
        let images = endImages - startImages
        var accuracy = images > 0 ? (endCorrect - startCorrect) / images : lastRunningAccuracy
        if accuracy.isFinite { accuracy = min(1, max(0, accuracy)) }
        return ChartSlot(loss: lossSum / Double(lossCount), accuracy: accuracy, epoch: epoch, startsEpoch: bucket == 0)
    }
}
