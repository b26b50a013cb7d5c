// MARK: - Optimizer

/// A first-order optimiser: updates the parameters in place from the gradient of the loss.
///
/// Implementations follow PyTorch's `torch.optim` update rules exactly (the single-tensor, non-fused CPU
/// path), in Float32 for tensors and Double for scalar hyper-parameters, as PyTorch does.
public protocol Optimizer: Sendable {
    /// Step size; may be changed between steps (learning-rate schedules).
    var learningRate: Double { get set }
    /// Applies one update to `parameters` given `∂L/∂parameters`.
    mutating func step(_ parameters: inout LeNet5Parameters, gradients: LeNet5Parameters)
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
