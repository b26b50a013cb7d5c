import LeNetEngine
import MNISTData

// MARK: - Augmented mini-batches

/// Loads mini-batches of distorted training images: each image is distorted by `ImageDistorter` (random
/// affine transform and elastic deformation, one bilinear resampling) and then normalised like an
/// undistorted one, `(v / 255 − mean) / std`.
///
/// Determinism: image `p` (its position in the epoch's shuffled order) of epoch `e` draws from its own
/// generator, `SplitMix64(imageSeed(runSeed:epoch:position:))`, so the pictures depend on the seed, the
/// epoch and the position only: not on the thread count, the mini-batch size's split into threads, or a
/// resume (the run's own generator, which shuffles, is not touched). The images of a mini-batch are
/// split into one contiguous range per worker; each worker has its own distorter.
public final class BatchAugmenter {
    /// The ranges images are distorted with.
    public let ranges: DistortionRanges
    /// The run's seed (`TrainingConfig.seed`).
    public let runSeed: UInt64
    private let distorters: [ImageDistorter]
    /// Scratch for each worker's distorted image on the byte scale (784 floats per worker).
    private let scratch: UnsafeMutablePointer<Float>

    /// - Parameters:
    ///   - settings: the config's augmentation keys.
    ///   - seed: the run's seed.
    ///   - threads: worker threads, at least 1.
    public init(settings: AugmentationSettings, seed: UInt64, threads: Int) {
        let ranges = Self.ranges(settings)
        self.ranges = ranges
        runSeed = seed
        distorters = (0..<max(1, threads)).map { _ in ImageDistorter(ranges: ranges) }
        scratch = .allocate(capacity: max(1, threads) * 784)
        scratch.initialize(repeating: 0, count: max(1, threads) * 784)
    }

    deinit { scratch.deallocate() }

    /// The engine's ranges for the config's settings.
    public static func ranges(_ settings: AugmentationSettings) -> DistortionRanges {
        DistortionRanges(shift: Float(settings.shift), rotation: Float(settings.rotation), scale: Float(settings.scale),
                         shear: Float(settings.shear), elasticAlpha: Float(settings.elasticAlpha),
                         elasticSigma: Float(settings.elasticSigma))
    }

    /// The seed of the generator of image `position` (0-based, in the epoch's order) of `epoch` (1-based):
    /// the SplitMix64 finaliser applied to the run's seed (mixed once, with a constant so seed 0 is not
    /// special) xor `epoch << 32 | position`. Distinct (epoch, position) pairs get unrelated streams.
    public static func imageSeed(runSeed: UInt64, epoch: Int, position: Int) -> UInt64 {
        var run = SplitMix64(seed: runSeed ^ 0xA076_1D64_78BD_642F)
        var image = SplitMix64(seed: run.next() ^ (UInt64(truncatingIfNeeded: epoch) << 32 | UInt64(truncatingIfNeeded: position)))
        return image.next()
    }

    /// Loads `order[start ..< start + count]` of `dataset` into `batch`, distorted and normalised; with a
    /// `pool` (at most as many threads as the augmenter was made for), the images are split into
    /// contiguous ranges of `⌈count / distorters⌉` images (at most one per distorter; fewer when the
    /// last would be empty) and the ranges run on the pool's threads.
    /// - Parameter epoch: the 1-based epoch (part of each image's seed).
    public func load(into batch: MiniBatch, from dataset: MNISTDataset, order: [Int32], start: Int, count: Int,
                     normalization: PixelNormalization, epoch: Int, pool: WorkerPool? = nil) {
        precondition((pool?.threads ?? 1) <= distorters.count, "the pool has more threads than the augmenter has distorters")
        // Whole ranges only: 20 images over 8 distorters are 7 ranges of 3, not 8 (the 8th would start at 21).
        let per = (count + distorters.count - 1) / distorters.count
        let parts = per == 0 ? 0 : (count + per - 1) / per
        batch.fill(count: count) { images, labels in
            for i in 0..<count { labels[i] = dataset.labels[Int(order[start + i])] }
            dataset.images.withUnsafeBufferPointer { pixels in
                let (out, source) = (images.baseAddress!, pixels.baseAddress!)
                func work(_ part: Int, _ participant: Int) {
                    let distorter = distorters[participant]
                    let value = scratch + participant * 784
                    let (mean, std) = (normalization.mean, normalization.std)
                    for i in (part * per) ..< min(count, (part + 1) * per) {
                        let index = Int(order[start + i])
                        var rng = SplitMix64(seed: Self.imageSeed(runSeed: runSeed, epoch: epoch, position: start + i))
                        distorter.distort(source + index * 784, into: value, using: &rng)
                        let target = out + i * 784
                        for p in 0..<784 { target[p] = (value[p] / 255 - mean) / std }
                    }
                }
                WorkerPool.run(on: pool, tasks: parts, work)
            }
        }
    }
}
