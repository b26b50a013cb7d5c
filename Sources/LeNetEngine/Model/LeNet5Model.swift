import Dispatch

// MARK: - Model

/// The fast LeNet-5 forward/backward engine: im2col + GEMM convolutions, batch GEMMs for the linear
/// layers, all in preallocated workspaces (no allocation per mini-batch apart from the returned arrays).
///
/// Owns one workspace per thread, each holding `ceil(maxBatchSize / threads)` images. A call splits its
/// images into `min(threads, count)` contiguous slices, runs them concurrently, and sums the per-slice
/// results in slice order, so the result is deterministic for a given `threads` (different thread
/// counts round differently, within Float32 accuracy). Calls larger than `maxBatchSize` are fine: each
/// slice is processed in workspace-sized chunks.
///
/// Not thread-safe: one owner thread calls it at a time (the class is deliberately not `Sendable`).
public final class LeNet5Model {
    /// Images per call the workspaces were sized for (`trainingStep` processes more in several chunks).
    public let maxBatchSize: Int
    /// Worker threads used per call (1 = run on the caller's thread only).
    public let threads: Int
    private let workspaces: [LeNet5Workspace]
    /// The parameters of the current call, laid end to end (`LeNet5.parameterOffsets`).
    private let parameterBlock: UnsafeMutablePointer<Float>

    /// Creates a model with workspaces for mini-batches of up to `maxBatchSize` images.
    /// - Parameters:
    ///   - maxBatchSize: the usual mini-batch size, `>= 1`.
    ///   - threads: worker threads, `>= 1`.
    public init(maxBatchSize: Int, threads: Int = 1) {
        precondition(maxBatchSize >= 1, "maxBatchSize must be at least 1")
        precondition(threads >= 1, "threads must be at least 1")
        self.maxBatchSize = maxBatchSize
        self.threads = threads
        let perThread = (maxBatchSize + threads - 1) / threads
        workspaces = (0..<threads).map { _ in LeNet5Workspace(capacity: perThread) }
        parameterBlock = .allocate(capacity: LeNet5.parameterCount)
        parameterBlock.initialize(repeating: 0, count: LeNet5.parameterCount)
    }

    deinit {
        parameterBlock.deallocate()
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
    /// - Returns: the mean softmax cross-entropy loss and how many images the argmax of the logits
    ///   classifies correctly (ties go to the lowest class).
    public func trainingStep(parameters: LeNet5Parameters, images: UnsafeBufferPointer<Float>,
                             labels: UnsafeBufferPointer<UInt8>, count: Int,
                             gradients: inout LeNet5Parameters) -> (loss: Float, correct: Int) {
        checkInputs(images: images, labels: labels, count: count)
        load(parameters)
        let scale = 1 / Float(count)
        let results = run(count: count) { workspace, start, chunk in
            workspace.forward(parameters: self.parameterBlock, images: images.baseAddress! + start * 784,
                              count: chunk)
            var lossSum = 0.0, correct = 0
            for n in 0..<chunk {
                let r = workspace.crossEntropy(row: n, label: Int(labels[start + n]), gradientScale: scale)
                lossSum += Double(r.loss)
                if r.correct { correct += 1 }
            }
            workspace.backward(parameters: self.parameterBlock, images: images.baseAddress! + start * 784,
                               count: chunk)
            return (lossSum, correct)
        } prepare: { $0.zeroGradients() }
        store(into: &gradients, slices: results.count)
        let lossSum = results.reduce(0.0) { $0 + $1.lossSum }
        return (Float(lossSum / Double(count)), results.reduce(0) { $0 + $1.correct })
    }

    /// The logits of `count` images `(count, 1, 28, 28)`: `(count, 10)` row-major.
    public func logits(parameters: LeNet5Parameters, images: UnsafeBufferPointer<Float>, count: Int) -> [Float] {
        checkInputs(images: images, labels: nil, count: count)
        load(parameters)
        var output = [Float](repeating: 0, count: count * 10)
        output.withUnsafeMutableBufferPointer { out in
            let destination = out.baseAddress!
            _ = run(count: count) { workspace, start, chunk in
                workspace.forward(parameters: self.parameterBlock, images: images.baseAddress! + start * 784,
                                  count: chunk)
                (destination + start * 10).update(from: workspace.logits, count: chunk * 10)
                return (0, 0)
            } prepare: { _ in }
        }
        return output
    }

    /// Evaluation of `count` labelled images: the SUM (not mean) of the per-image softmax cross-entropy
    /// losses, accumulated in Double, and each image's predicted class (argmax of its logits, ties to the
    /// lowest class). Touches only internal scratch buffers.
    public func evaluate(parameters: LeNet5Parameters, images: UnsafeBufferPointer<Float>,
                         labels: UnsafeBufferPointer<UInt8>, count: Int) -> (lossSum: Double, predictions: [UInt8]) {
        checkInputs(images: images, labels: labels, count: count)
        load(parameters)
        var predictions = [UInt8](repeating: 0, count: count)
        let results = predictions.withUnsafeMutableBufferPointer { out in
            let destination = out.baseAddress!
            return run(count: count) { workspace, start, chunk in
                workspace.forward(parameters: self.parameterBlock, images: images.baseAddress! + start * 784,
                                  count: chunk)
                var lossSum = 0.0
                for n in 0..<chunk {
                    let label = Int(labels[start + n])
                    lossSum += Double(workspace.crossEntropy(row: n, label: label, gradientScale: nil).loss)
                    destination[start + n] = UInt8(workspace.predictedClass(row: n))
                }
                return (lossSum, 0)
            } prepare: { _ in }
        }
        return (results.reduce(0.0) { $0 + $1.lossSum }, predictions)
    }
}

// MARK: - Scheduling

extension LeNet5Model {
    private typealias SliceResult = (lossSum: Double, correct: Int)

    /// Splits `0..<count` into `min(threads, count)` contiguous slices, one per workspace; each worker
    /// calls `prepare` once, then `body(workspace, start, chunk)` on consecutive chunks of at most its
    /// capacity. Returns the per-slice sums in slice order.
    private func run(count: Int, _ body: @escaping (LeNet5Workspace, Int, Int) -> SliceResult,
                     prepare: @escaping (LeNet5Workspace) -> Void) -> [SliceResult] {
        let slices = min(threads, count)
        var results = [SliceResult](repeating: (0, 0), count: slices)
        let work = { (slice: Int, output: UnsafeMutablePointer<SliceResult>) in
            let workspace = self.workspaces[slice]
            prepare(workspace)
            var start = slice * count / slices
            let end = (slice + 1) * count / slices
            var total: SliceResult = (0, 0)
            while start < end {
                let chunk = min(workspace.capacity, end - start)
                let r = body(workspace, start, chunk)
                total.lossSum += r.lossSum
                total.correct += r.correct
                start += chunk
            }
            output[slice] = total
        }
        results.withUnsafeMutableBufferPointer { buffer in
            let output = buffer.baseAddress!
            if slices == 1 {
                work(0, output)
            } else {
                let task = UncheckedSendable(work)
                let out = UncheckedSendable(output)
                DispatchQueue.concurrentPerform(iterations: slices) { task.value($0, out.value) }
            }
        }
        return results
    }

    /// Copies the parameters into the contiguous block the workspaces read.
    private func load(_ parameters: LeNet5Parameters) {
        for (index, tensor) in parameters.tensors.enumerated() {
            tensor.withUnsafeBufferPointer { source in
                (parameterBlock + LeNet5.parameterOffsets[index]).update(from: source.baseAddress!, count: source.count)
            }
        }
    }

    /// Overwrites `gradients` with the sum of the first `slices` workspaces' accumulators (slice order).
    private func store(into gradients: inout LeNet5Parameters, slices: Int) {
        for index in gradients.tensors.indices {
            let offset = LeNet5.parameterOffsets[index]
            gradients.tensors[index].withUnsafeMutableBufferPointer { destination in
                let d = destination.baseAddress!
                d.update(from: workspaces[0].gradients + offset, count: destination.count)
                for slice in 1..<max(slices, 1) {
                    let s = workspaces[slice].gradients + offset
                    for i in 0..<destination.count { d[i] += s[i] }
                }
            }
        }
    }

    private func checkInputs(images: UnsafeBufferPointer<Float>, labels: UnsafeBufferPointer<UInt8>?, count: Int) {
        precondition(count >= 1, "count must be at least 1")
        precondition(images.count >= count * LeNet5.pixelsPerImage, "images holds fewer than count·784 floats")
        if let labels { precondition(labels.count >= count, "labels holds fewer than count values") }
    }
}

/// Carries a value into a `@Sendable` closure when the caller guarantees the accesses do not race (here:
/// each worker touches only its own workspace and its own result slot).
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
