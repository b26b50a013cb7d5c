// MARK: - SGD

/// Stochastic gradient descent with optional momentum, L2 weight decay and Nesterov momentum, with
/// exactly the semantics of `torch.optim.SGD` (PyTorch docs; single-tensor path of `torch/optim/sgd.py`,
/// `dampening=0`, `maximize=False`), per element:
///
/// ```
/// g = grad + weightDecay · θ                       (if weightDecay ≠ 0)
/// if momentum ≠ 0:
///     b = g                  on the first step     (buffer created as a copy of g)
///     b = momentum·b + g     afterwards            ((1 − dampening) = 1)
///     g = g + momentum·b     if nesterov, else g = b
/// θ = θ − lr · g
/// ```
public struct SGD: Optimizer {
    /// Step size `lr`.
    public var learningRate: Double
    /// Momentum factor μ (0 = plain SGD, no buffer kept).
    public let momentum: Double
    /// L2 penalty coefficient added to the gradient (PyTorch `weight_decay`).
    public let weightDecay: Double
    /// Whether to use Nesterov momentum (needs `momentum > 0`, as PyTorch requires).
    public let nesterov: Bool
    /// Momentum buffers (PyTorch `state['momentum_buffer']`); `nil` before the first step and always
    /// `nil` when `momentum == 0`.
    public var momentumBuffers: LeNet5Parameters?

    /// Creates SGD with PyTorch's defaults (`momentum=0, weight_decay=0, nesterov=False`).
    public init(learningRate: Double, momentum: Double = 0, weightDecay: Double = 0, nesterov: Bool = false) {
        precondition(!nesterov || momentum > 0, "Nesterov momentum requires a momentum > 0")
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
        self.nesterov = nesterov
        self.momentumBuffers = nil
    }

    /// One SGD update of every tensor (see the type's formula); large tensors are cut into element ranges
    /// spread over `pool`'s threads (`forEachPiece`), which gives the same bits as one thread.
    public mutating func step(_ parameters: inout LeNet5Parameters, gradients: LeNet5Parameters, pool: WorkerPool?) {
        let (lr, mu, decay) = (Float(learningRate), Float(momentum), Float(weightDecay))
        let firstStep = momentumBuffers == nil
        let nesterov = self.nesterov
        var buffers = momentumBuffers ?? (momentum != 0 ? .zeros() : nil)
        momentumBuffers = nil  // keep the buffers uniquely referenced while updating them in place
        for index in parameters.tensors.indices {
            parameters.updateTensor(index, reading: gradients) { theta, g, count in
                if buffers == nil {
                    forEachPiece(count: count, pool: pool) { range in
                        for i in range {
                            let grad = decay != 0 ? g[i] + decay * theta[i] : g[i]
                            theta[i] += -lr * grad
                        }
                    }
                    return
                }
                buffers!.updateTensor(index, reading: gradients) { b, _, _ in
                    forEachPiece(count: count, pool: pool) { range in
                        for i in range {
                            let grad = decay != 0 ? g[i] + decay * theta[i] : g[i]
                            b[i] = firstStep ? grad : b[i] * mu + grad
                            let direction = nesterov ? grad + mu * b[i] : b[i]
                            theta[i] += -lr * direction
                        }
                    }
                }
            }
        }
        momentumBuffers = buffers
    }
}
