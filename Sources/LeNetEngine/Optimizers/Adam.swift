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
/// θ  = θ · (1 − lr · weightDecay)             (AdamW, decoupled: `decoupledWeightDecay`, if weightDecay ≠ 0)
/// g  = grad + weightDecay · θ                 (Adam: L2 penalty added to the gradient, if weightDecay ≠ 0)
/// m  = m + (1 − β1)·(g − m)                   (exp_avg.lerp_(g, 1 − β1))
/// v  = β2·v + (1 − β2)·g·g                    (exp_avg_sq.mul_(β2).addcmul_(g, g, 1 − β2))
/// θ  = θ − (lr / (1 − β1ᵗ)) · m / (√v / √(1 − β2ᵗ) + ε)
/// ```
/// Scalars (bias corrections, step size, the decay factor) are computed in Double and rounded to Float once,
/// as PyTorch passes Python floats into Float32 tensor kernels. With `decoupledWeightDecay` it is
/// `torch.optim.AdamW` (Loshchilov & Hutter, "Decoupled weight decay regularization", ICLR 2019): the
/// weights shrink by `lr · weightDecay` of themselves before the Adam step, and the gradient is left alone.
public struct Adam: Optimizer {
    /// Step size `lr`.
    public var learningRate: Double
    /// Decay of the first moment, β1.
    public let beta1: Double
    /// Decay of the second moment, β2.
    public let beta2: Double
    /// ε added to the denominator.
    public let epsilon: Double
    /// Weight decay (PyTorch `weight_decay`): an L2 penalty added to the gradient, or with
    /// `decoupledWeightDecay` AdamW's shrinking of the weights.
    public let weightDecay: Double
    /// Whether `weightDecay` is AdamW's decoupled decay (`torch.optim.AdamW`) instead of Adam's L2 penalty.
    public let decoupledWeightDecay: Bool
    /// Steps taken so far (PyTorch `state['step']`); the next step uses `stepCount + 1` for bias correction.
    public var stepCount: Int
    /// Running mean of the gradient, `exp_avg` (zeros before the first step).
    public var firstMoments: LeNet5Parameters
    /// Running mean of the squared gradient, `exp_avg_sq` (zeros before the first step).
    public var secondMoments: LeNet5Parameters

    /// Creates Adam with PyTorch's defaults (`betas=(0.9, 0.999), eps=1e-8, weight_decay=0`); with
    /// `decoupledWeightDecay`, AdamW (whose PyTorch default `weight_decay` is 0.01: pass it explicitly).
    public init(learningRate: Double, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
                weightDecay: Double = 0, decoupledWeightDecay: Bool = false) {
        self.decoupledWeightDecay = decoupledWeightDecay
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.stepCount = 0
        self.firstMoments = .zeros()
        self.secondMoments = .zeros()
    }

    /// One Adam update of every tensor (see the type's formula); large tensors are cut into element
    /// ranges spread over `pool`'s threads (`forEachPiece`), which gives the same bits as one thread.
    public mutating func step(_ parameters: inout LeNet5Parameters, gradients: LeNet5Parameters, pool: WorkerPool?) {
        stepCount += 1
        let t = Double(stepCount)
        let biasCorrection1 = 1 - pow(beta1, t)
        let biasCorrection2 = 1 - pow(beta2, t)
        // AdamW shrinks θ first (`param.mul_(1 - lr * weight_decay)`); Adam adds the penalty to g.
        let constants = AdamConstants(
            stepSize: Float(learningRate / biasCorrection1), correction2Root: Float(biasCorrection2.squareRoot()),
            shrink: decoupledWeightDecay && weightDecay != 0 ? Float(1 - learningRate * weightDecay) : 1,
            decay: decoupledWeightDecay ? 0 : Float(weightDecay), epsilon: Float(epsilon),
            oneMinusBeta1: Float(1 - beta1), beta2: Float(beta2), oneMinusBeta2: Float(1 - beta2))
        for index in parameters.tensors.indices {
            firstMoments.updateTensor(index, reading: gradients) { m, g, count in
                secondMoments.updateTensor(index, reading: gradients) { v, _, _ in
                    parameters.updateTensor(index, reading: gradients) { theta, _, _ in
                        forEachPiece(count: count, pool: pool) { range in
                            adamUpdate(theta: theta, m: m, v: v, g: g, range: range, constants)
                        }
                    }
                }
            }
        }
    }
}

/// Adam's per-step scalars, rounded to Float once (see `Adam`).
struct AdamConstants {
    var stepSize, correction2Root, shrink, decay, epsilon, oneMinusBeta1, beta2, oneMinusBeta2: Float
}

/// Adam's update of the elements `range` (see `Adam`'s formula): 16 lanes at a time from
/// `range.lowerBound`, then the tail; the same operations in the same order per element (no fused
/// multiply-adds), so the result is PyTorch's bit for bit however the elements are cut into ranges.
@inline(__always)
func adamUpdate(theta: UnsafeMutablePointer<Float>, m: UnsafeMutablePointer<Float>, v: UnsafeMutablePointer<Float>,
                g: UnsafePointer<Float>, range: Range<Int>, _ c: AdamConstants) {
    let (decayV, oneMinusBeta1V) = (SIMD16(repeating: c.decay), SIMD16(repeating: c.oneMinusBeta1))
    let (beta2V, oneMinusBeta2V) = (SIMD16(repeating: c.beta2), SIMD16(repeating: c.oneMinusBeta2))
    let (rootV, epsV) = (SIMD16(repeating: c.correction2Root), SIMD16(repeating: c.epsilon))
    let (negativeStep, shrinkV) = (SIMD16(repeating: -c.stepSize), SIMD16(repeating: c.shrink))
    let shrinking = c.shrink != 1, decaying = c.decay != 0
    var i = range.lowerBound
    while i + 16 <= range.upperBound {
        var grad = load16(g + i)
        var t = load16(theta + i)
        if shrinking { t *= shrinkV }
        if decaying { grad += decayV * t }
        var mi = load16(m + i)
        mi += oneMinusBeta1V * (grad - mi)
        let vi = load16(v + i) * beta2V + oneMinusBeta2V * grad * grad
        let denominator = squareRoot16(vi) / rootV + epsV
        store16(mi, m + i)
        store16(vi, v + i)
        store16(t + negativeStep * mi / denominator, theta + i)
        i += 16
    }
    while i < range.upperBound {
        var grad = g[i]
        if shrinking { theta[i] *= c.shrink }
        if decaying { grad += c.decay * theta[i] }
        m[i] += c.oneMinusBeta1 * (grad - m[i])
        v[i] = v[i] * c.beta2 + c.oneMinusBeta2 * grad * grad
        let denominator = v[i].magnitude.squareRoot() / c.correction2Root + c.epsilon
        theta[i] += -c.stepSize * m[i] / denominator
        i += 1
    }
}

/// Lane-wise IEEE square root of `x`, which must be `>= 0` or NaN (Adam's second moment). Taking the
/// magnitude first lets LLVM drop libm's negative-input path and emit one vector square root; for
/// such inputs the result is bit-identical to `squareRoot()` (−0 becomes +0, which Adam then adds ε to).
@inline(__always)
func squareRoot16(_ x: SIMD16<Float>) -> SIMD16<Float> {
    var r = SIMD16<Float>()
    for i in 0..<16 { r[i] = x[i].magnitude.squareRoot() }
    return r
}

@inline(__always)
func load16(_ p: UnsafePointer<Float>) -> SIMD16<Float> { UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self) }

@inline(__always)
func load16(_ p: UnsafeMutablePointer<Float>) -> SIMD16<Float> { UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self) }

@inline(__always)
func store16(_ x: SIMD16<Float>, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: x, as: SIMD16<Float>.self)
}
