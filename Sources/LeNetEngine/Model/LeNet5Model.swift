import Dispatch

// MARK: - Model

/// The fast LeNet-5 forward/backward engine: direct SIMD convolutions and register-blocked dense
/// products over preallocated workspaces (nothing is allocated per mini-batch apart from the arrays the
/// inference calls return).
///
/// Determinism: a call splits its images into fixed chunks of `chunkSize` (16) images, whose boundaries
/// depend only on the image count. Each chunk's gradient and loss are computed on their own, and the
/// chunks' results are summed in chunk order, so the result is bit-identical for every thread count;
/// threads only decide who computes which chunk.
///
/// Not thread-safe: one owner thread calls it at a time (the class is deliberately not `Sendable`).
public final class LeNet5Model {
    /// Images per chunk: the unit of work and of gradient summation (independent of `threads`).
    public static let chunkSize = 16
    /// Images per call the model was sized for (larger calls work too, in rounds).
    public let maxBatchSize: Int
    /// Worker threads used per call (1 = run on the caller's thread only): the request, at most
    /// `WorkerPool.processors`.
    public let threads: Int
    let workspaces: [LeNet5Workspace]
    /// The threads that run the chunks and the per-step work, one per workspace (`min(threads, chunks of
    /// maxBatchSize)`); an optimiser's step may use them too (`Optimizer.step(_:gradients:pool:)`).
    public let pool: WorkerPool
    /// The parameters of the current call in the kernels' layouts (`PackedWeights`).
    let packedWeights: UnsafeMutablePointer<Float>
    /// Chunks computed concurrently per round (gradient buffers held).
    private let roundChunks: Int
    /// `roundChunks` packed gradients (`PackedGradients`), one per chunk of the round, and their sum.
    let chunkGradients: UnsafeMutablePointer<Float>
    let gradientSum: UnsafeMutablePointer<Float>
    /// Per-chunk (loss sum, correct) of the current round.
    private let chunkResults: UnsafeMutablePointer<ChunkResult>

    /// Creates a model with workspaces for mini-batches of up to `maxBatchSize` images.
    /// - Parameters:
    ///   - maxBatchSize: the usual mini-batch size, `>= 1`.
    ///   - threads: worker threads, `>= 1`; more than the processors there are (`WorkerPool.processors`)
    ///     uses those (the results are the same bits for any count).
    public init(maxBatchSize: Int, threads requested: Int = 1) {
        precondition(maxBatchSize >= 1, "maxBatchSize must be at least 1")
        precondition(requested >= 1, "threads must be at least 1")
        self.maxBatchSize = maxBatchSize
        let threads = min(requested, WorkerPool.processors)
        self.threads = threads
        let chunks = (maxBatchSize + Self.chunkSize - 1) / Self.chunkSize
        roundChunks = max(1, min(chunks, max(threads, 8)))
        workspaces = (0..<min(threads, chunks)).map { _ in LeNet5Workspace(capacity: Self.chunkSize) }
        pool = WorkerPool(threads: workspaces.count)
        packedWeights = allocateFloats(PackedWeights.count)
        chunkGradients = allocateFloats(roundChunks * PackedGradients.count)
        gradientSum = allocateFloats(PackedGradients.count)
        chunkResults = .allocate(capacity: roundChunks)
        chunkResults.initialize(repeating: ChunkResult(lossSum: 0, correct: 0), count: roundChunks)
    }

    deinit {
        packedWeights.deallocate()
        chunkGradients.deallocate()
        gradientSum.deallocate()
        chunkResults.deallocate()
    }

    // MARK: - Public entry points

    /// One training forward + backward pass over a mini-batch.
    ///
    /// - Parameters:
    ///   - parameters: the network's weights.
    ///   - images: `(count, 1, 28, 28)` normalised Float32, NCHW row-major (at least `count·784` values).
    ///   - labels: `count` class labels in `0...9`.
    ///   - count: mini-batch size, `>= 1` (a last partial batch is fine; above `maxBatchSize` also works).
    ///   - gradients: overwritten with `∂(mean loss)/∂parameters`, the mean over the `count` images.
    ///   - labelSmoothing: ε in [0, 1): the loss is PyTorch's `F.cross_entropy(label_smoothing=ε)` (targets
    ///     `(1 − ε)·onehot + ε/10`); 0 = plain cross-entropy.
    /// - Returns: the mean softmax cross-entropy loss (with the smoothing) and how many images the argmax of
    ///   the logits classifies correctly (ties go to the lowest class).
    public func trainingStep(parameters: LeNet5Parameters, images: UnsafeBufferPointer<Float>,
                             labels: UnsafeBufferPointer<UInt8>, count: Int,
                             gradients: inout LeNet5Parameters, labelSmoothing: Float = 0) -> (loss: Float, correct: Int) {
        checkInputs(images: images, labels: labels, count: count)
        packWeights(parameters)
        let scale = 1 / Float(count)
        let weights = UnsafePointer(packedWeights)
        let imageBase = images.baseAddress!, labelBase = labels.baseAddress!
        let chunkGradients = self.chunkGradients
        var first = true
        let total = run(count: count) { workspace, _, slot, start, size in
            workspace.forward(weights: weights, images: imageBase + start * 784, count: size)
            var lossSum = 0.0, correct = 0
            for n in 0..<size {
                let r = workspace.crossEntropy(row: n, label: Int(labelBase[start + n]), gradientScale: scale,
                                               smoothing: labelSmoothing)
                lossSum += Double(r.loss)
                if r.correct { correct += 1 }
            }
            workspace.backward(weights: weights, count: size,
                               gradients: chunkGradients + slot * PackedGradients.count)
            return ChunkResult(lossSum: lossSum, correct: correct)
        } reduce: { roundCount in
            // Called on the caller's thread after each round: the round's chunks in chunk order.
            self.sumChunkGradients(roundCount: roundCount, first: first)
            first = false
        }
        unpackGradients(into: &gradients)
        return (Float(total.lossSum / Double(count)), total.correct)
    }
}

// MARK: - Scheduling

struct ChunkResult {
    var lossSum: Double
    var correct: Int
}

extension LeNet5Model {
    /// Splits `0..<count` into chunks of `chunkSize` images and processes them in rounds of at most
    /// `roundChunks`: a round's chunks are `pool`'s tasks, each computed with the workspace of the thread
    /// that takes it (`body(workspace, chunk, slot, start, size)`, `slot` = chunk's index in the round); after each
    /// round `reduce(roundCount)` is called on this thread (the round's chunks are slots
    /// `0..<roundCount`, in chunk order). Returns the chunk results summed in chunk order.
    func run(count: Int,
             _ body: (LeNet5Workspace, Int, Int, Int, Int) -> ChunkResult,
             reduce: (Int) -> Void) -> ChunkResult {
        let chunkSize = Self.chunkSize
        let chunks = (count + chunkSize - 1) / chunkSize
        var total = ChunkResult(lossSum: 0, correct: 0)
        var roundStart = 0
        let results = chunkResults
        while roundStart < chunks {
            let roundCount = min(roundChunks, chunks - roundStart)
            let first = roundStart
            // The round's chunks are the pool's tasks; the thread that takes one computes it in its own
            // workspace. Non-escaping closures throughout: nothing is allocated per call.
            let spaces = workspaces
            pool.run(tasks: roundCount) { slot, participant in
                let start = (first + slot) * chunkSize
                results[slot] = body(spaces[participant], first + slot, slot, start, min(chunkSize, count - start))
            }
            for slot in 0..<roundCount {
                total.lossSum += results[slot].lossSum
                total.correct += results[slot].correct
            }
            reduce(roundCount)
            roundStart += roundCount
        }
        return total
    }

    func checkInputs(images: UnsafeBufferPointer<Float>, labels: UnsafeBufferPointer<UInt8>?, count: Int) {
        precondition(count >= 1, "count must be at least 1")
        precondition(images.count >= count * LeNet5.pixelsPerImage, "images holds fewer than count·784 floats")
        if let labels {
            precondition(labels.count >= count, "labels holds fewer than count values")
            for n in 0..<count { precondition(labels[n] < 10, "label \(labels[n]) out of range 0...9") }
        }
    }
}

