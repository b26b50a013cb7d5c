// MARK: - Optimizer

/// A first-order optimiser: updates the parameters in place from the gradient of the loss.
///
/// Implementations follow PyTorch's `torch.optim` update rules exactly (the single-tensor, non-fused CPU
/// path), in Float32 for tensors and Double for scalar hyper-parameters, as PyTorch does.
public protocol Optimizer: Sendable {
    /// Step size; may be changed between steps (learning-rate schedules).
    var learningRate: Double { get set }
    /// Applies one update to `parameters` given `∂L/∂parameters`, the large tensors' elements spread over
    /// `pool`'s threads (nil: this thread only). Every update is element by element, so the result is the
    /// same for any pool.
    mutating func step(_ parameters: inout LeNet5Parameters, gradients: LeNet5Parameters, pool: WorkerPool?)
}

extension Optimizer {
    /// `step(_:gradients:pool:)` on this thread only.
    public mutating func step(_ parameters: inout LeNet5Parameters, gradients: LeNet5Parameters) {
        step(&parameters, gradients: gradients, pool: nil)
    }
}

/// Calls `body` for ranges that cover `0..<count` exactly once: one range on this thread when `pool` is
/// nil, has one thread or `count` is under 2,048; otherwise pieces of at least 1,024 elements, every
/// boundary but the end a multiple of 16, run on `pool`.
func forEachPiece(count: Int, pool: WorkerPool?, _ body: (Range<Int>) -> Void) {
    guard let pool, pool.threads > 1, count >= 2_048 else { body(0..<count); return }
    let pieces = min(pool.threads * 4, count / 1_024)
    pool.run(tasks: pieces) { piece, _ in body(vectorRange(count, part: piece, parts: pieces)) }
}

// MARK: - Helpers

extension LeNet5Parameters {
    /// Calls `body` with mutable pointers to tensor `index` of `self` and read-only pointers to the same
    /// tensor of each of `others`, all of the tensor's element count.
    mutating func updateTensor(_ index: Int, reading others: LeNet5Parameters,
                               _ body: (UnsafeMutablePointer<Float>, UnsafePointer<Float>, Int) -> Void) {
        others.tensors[index].withUnsafeBufferPointer { other in
            tensors[index].withUnsafeMutableBufferPointer { mine in
                body(mine.baseAddress!, other.baseAddress!, mine.count)
            }
        }
    }
}
