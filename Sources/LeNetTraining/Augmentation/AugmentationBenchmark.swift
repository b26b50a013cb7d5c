import Dispatch
import LeNetEngine
import MNISTData

// MARK: - The cost of augmentation per epoch

/// Times one epoch's loading of mini-batches with and without augmentation, everything else left out:
/// every training image once, in epoch 1's shuffled order of `seed`, in mini-batches of `batchSize`,
/// plain (`MiniBatch.load`) and augmented (`BatchAugmenter.load`, `threads` workers). The difference is
/// what augmentation adds to an epoch's training time.
public enum AugmentationBenchmark {
    /// Seconds of the plain and the augmented pass (each the best of `rounds`).
    public static func measure(dataset: MNISTDataset, normalization: PixelNormalization, settings: AugmentationSettings,
                               seed: UInt64, batchSize: Int, threads: Int, rounds: Int = 3) -> (plain: Double, augmented: Double) {
        var rng = SplitMix64(seed: seed)
        let order = shuffledIndices(count: dataset.count, using: &rng)
        let batch = MiniBatch(capacity: batchSize)
        let augmenter = BatchAugmenter(settings: settings, seed: seed, threads: threads)
        let pool = WorkerPool(threads: max(1, threads))
        func time(_ body: (Int, Int) -> Void) -> Double {
            var best = Double.infinity
            for _ in 0..<max(1, rounds) {
                let start = DispatchTime.now().uptimeNanoseconds
                for first in stride(from: 0, to: dataset.count, by: batchSize) {
                    body(first, min(batchSize, dataset.count - first))
                }
                best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            return best
        }
        let plain = time { batch.load(from: dataset, order: order, start: $0, count: $1, normalization: normalization, pool: pool) }
        let augmented = time {
            augmenter.load(into: batch, from: dataset, order: order, start: $0, count: $1, normalization: normalization, epoch: 1, pool: pool)
        }
        return (plain, augmented)
    }
}
