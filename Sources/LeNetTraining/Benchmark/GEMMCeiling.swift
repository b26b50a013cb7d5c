import Dispatch
import LeNetEngine

// MARK: - Result

/// What `GEMMCeiling.measure` timed: the engine's plain float32 GEMM (`GEMM`) on square matrices, on one
/// thread and on `threads`, the yardstick `bench --ceiling` compares training GFLOP/s with.
public struct GEMMCeiling: Sendable, Equatable {
    /// Side of the square matrices: `C (size, size) = A (size, size) · B (size, size)`.
    public var size: Int
    /// GFLOP/s on one thread: `2 · size³ / seconds / 1e9` of the fastest timed product.
    public var singleThreadGFLOPS: Double
    /// Worker threads of the second measurement (the training's thread count).
    public var threads: Int
    /// GFLOP/s on `threads` workers (equal to `singleThreadGFLOPS` when `threads` is 1).
    public var multiThreadGFLOPS: Double
    /// Timed products per thread count (after one untimed warm-up); the fastest counts.
    public var repetitions: Int

    /// Creates a result from measured figures.
    public init(size: Int, singleThreadGFLOPS: Double, threads: Int, multiThreadGFLOPS: Double, repetitions: Int) {
        self.size = size
        self.singleThreadGFLOPS = singleThreadGFLOPS
        self.threads = threads
        self.multiThreadGFLOPS = multiThreadGFLOPS
        self.repetitions = repetitions
    }

    /// `trainingGFLOPS` as a percentage of the GEMM figure at the same thread count: `multiThreadGFLOPS`
    /// for `threads` training threads, `singleThreadGFLOPS` for one; 0 when the ceiling is 0.
    public func percent(ofTraining trainingGFLOPS: Double, threads trainingThreads: Int) -> Double {
        let ceiling = trainingThreads == 1 ? singleThreadGFLOPS : multiThreadGFLOPS
        return ceiling > 0 ? 100 * trainingGFLOPS / ceiling : 0
    }

    // MARK: - Measuring

    /// Default matrix side (2048: 17.2 GFLOP a product, 48 MiB for the three matrices; numpy's usual check).
    public static let defaultSize = 2_048

    /// Times `GEMM.multiply` on `size × size` matrices of seeded values in [-1, 1): one warm-up and
    /// `repetitions` timed products on one thread, then the same on `threads` workers (skipped when 1).
    /// - Precondition: `size >= 1`, `threads >= 1`, `repetitions >= 1`.
    /// - Complexity: `2 · size³ · (repetitions + 1)` FLOPs per thread count; `12 · size²` bytes.
    public static func measure(size: Int = defaultSize, threads: Int, repetitions: Int = 3, seed: UInt64 = 1) -> GEMMCeiling {
        precondition(size >= 1 && threads >= 1 && repetitions >= 1)
        var rng = SplitMix64(seed: seed)
        let a = (0 ..< size * size).map { _ in 2 * rng.nextFloat() - 1 }
        let b = (0 ..< size * size).map { _ in 2 * rng.nextFloat() - 1 }
        var c = [Float](repeating: 0, count: size * size)
        let flops = Double(GEMM.flops(m: size, n: size, k: size))

        func fastest(threads: Int) -> Double {
            var best = Double.infinity
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    c.withUnsafeMutableBufferPointer { c in
                        for round in 0 ... repetitions {
                            let start = DispatchTime.now().uptimeNanoseconds
                            GEMM.multiply(m: size, n: size, k: size, a: a.baseAddress!, lda: size,
                                          b: b.baseAddress!, ldb: size, c: c.baseAddress!, ldc: size, threads: threads)
                            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                            if round > 0 { best = min(best, seconds) }
                        }
                    }
                }
            }
            return flops / best / 1e9
        }

        let single = fastest(threads: 1)
        let multi = threads == 1 ? single : fastest(threads: threads)
        return GEMMCeiling(size: size, singleThreadGFLOPS: single, threads: threads, multiThreadGFLOPS: multi,
                           repetitions: repetitions)
    }
}
