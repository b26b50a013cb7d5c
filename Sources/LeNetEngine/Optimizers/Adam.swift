#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Adam

/// Adam (Kingma & Ba 2015) with exactly the semantics of `torch.optim.Adam` (PyTorch docs; the
/// single-tensor path of `torch/optim/adam.py`, `amsgrad=False`, `maximize=False`), per element, at step
/// `t = stepCount` after incrementing:
///
/// ```
/// g  = grad + weightDecay · θ                 (L2 penalty added to the gradient, if weightDecay ≠ 0)
/// m  = m + (1 − β1)·(g − m)                   (exp_avg.lerp_(g, 1 − β1))
/// v  = β2·v + (1 − β2)·g·g                    (exp_avg_sq.mul_(β2).addcmul_(g, g, 1 − β2))
/// θ  = θ − (lr / (1 − β1ᵗ)) · m / (√v / √(1 − β2ᵗ) + ε)
/// ```
/// Scalars (bias corrections, step size) are computed in Double and rounded to Float once, as PyTorch
/// passes Python floats into Float32 tensor kernels.
public struct Adam: Optimizer {
    /// Step size `lr`.
    public var learningRate: Double
    /// Decay of the first moment, β1.
    public let beta1: Double
    /// Decay of the second moment, β2.
    public let beta2: Double
    /// ε added to the denominator.
    public let epsilon: Double
    /// L2 penalty coefficient added to the gradient (PyTorch `weight_decay`; not AdamW's decoupled decay).
    public let weightDecay: Double
    /// Steps taken so far (PyTorch `state['step']`); the next step uses `stepCount + 1` for bias correction.
    public var stepCount: Int
    /// Running mean of the gradient, `exp_avg` (zeros before the first step).
    public var firstMoments: LeNet5Parameters
    /// Running mean of the squared gradient, `exp_avg_sq` (zeros before the first step).
    public var secondMoments: LeNet5Parameters

    /// Creates Adam with PyTorch's defaults (`betas=(0.9, 0.999), eps=1e-8, weight_decay=0`).
    public init(learningRate: Double, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
                weightDecay: Double = 0) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.stepCount = 0
        self.firstMoments = .zeros()
        self.secondMoments = .zeros()
    }

    /// One Adam update of every tensor (see the type's formula).
    public mutating func step(_ parameters: inout LeNet5Parameters, gradients: LeNet5Parameters) {
        stepCount += 1
        let t = Double(stepCount)
        let biasCorrection1 = 1 - pow(beta1, t)
        let biasCorrection2 = 1 - pow(beta2, t)
        let stepSize = Float(learningRate / biasCorrection1)
        let correction2Root = Float(biasCorrection2.squareRoot())
        let (decay, eps) = (Float(weightDecay), Float(epsilon))
        let (oneMinusBeta1, beta2f, oneMinusBeta2) = (Float(1 - beta1), Float(beta2), Float(1 - beta2))
        for index in parameters.tensors.indices {
            firstMoments.updateTensor(index, reading: gradients) { m, g, count in
                secondMoments.updateTensor(index, reading: gradients) { v, _, _ in
                    parameters.updateTensor(index, reading: gradients) { theta, _, _ in
                        for i in 0..<count {
                            var grad = g[i]
                            if decay != 0 { grad += decay * theta[i] }
                            m[i] += oneMinusBeta1 * (grad - m[i])
                            v[i] = v[i] * beta2f + oneMinusBeta2 * grad * grad
                            let denominator = v[i].squareRoot() / correction2Root + eps
                            theta[i] += -stepSize * m[i] / denominator
                        }
                    }
                }
            }
        }
    }
}
