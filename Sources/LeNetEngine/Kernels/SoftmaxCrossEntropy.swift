#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - softmaxCrossEntropy

extension Reference {
    /// Softmax cross-entropy forward (PyTorch `F.cross_entropy(..., reduction='none')`). Logits `(N, K)`
    /// row-major and `N` labels in `0..<K` → the `N` per-example losses.
    ///
    /// `loss[n] = logsumexp(z[n, :]) − z[n, label[n]]` with `logsumexp(z) = m + log Σ_k exp(z_k − m)`,
    /// `m = max_k z_k`: every exponent is ≤ 0, so huge logits neither overflow nor lose the loss.
    /// The mean over the batch (PyTorch's default `reduction='mean'`) is the sum of these divided by `N`.
    public static func softmaxCrossEntropyForward(logits: [Float], labels: [Int], classCount: Int) -> [Float] {
        let batch = labels.count
        precondition(logits.count == batch * classCount, "softmaxCrossEntropyForward: size mismatch")
        var losses = [Float](repeating: 0, count: batch)
        for n in 0..<batch {
            let row = logits[(n * classCount)..<((n + 1) * classCount)]
            precondition(labels[n] >= 0 && labels[n] < classCount, "label out of range")
            let m = row.max()!
            var sum: Float = 0
            for z in row { sum += exp(z - m) }
            losses[n] = m + log(sum) - row[row.startIndex + labels[n]]
        }
        return losses
    }

    /// Softmax cross-entropy backward for the MEAN loss over the batch. Logits `(N, K)` and `N` labels →
    /// `∂(mean loss)/∂logits`, `(N, K)` row-major.
    ///
    /// `∂/∂z[n, k] = (softmax(z[n, :])_k − [k == label[n]]) / N`, with the softmax computed as
    /// `exp(z_k − m) / Σ_j exp(z_j − m)` (stable for huge logits).
    public static func softmaxCrossEntropyBackward(logits: [Float], labels: [Int], classCount: Int) -> [Float] {
        let batch = labels.count
        precondition(logits.count == batch * classCount, "softmaxCrossEntropyBackward: size mismatch")
        var gradient = [Float](repeating: 0, count: batch * classCount)
        let scale = 1 / Float(batch)
        for n in 0..<batch {
            let row = logits[(n * classCount)..<((n + 1) * classCount)]
            let m = row.max()!
            var sum: Float = 0
            for z in row { sum += exp(z - m) }
            for k in 0..<classCount {
                let p = exp(row[row.startIndex + k] - m) / sum
                gradient[n * classCount + k] = (p - (k == labels[n] ? 1 : 0)) * scale
            }
        }
        return gradient
    }

    /// Mean softmax cross-entropy with label smoothing ε, PyTorch's `F.cross_entropy(logits, labels,
    /// label_smoothing=ε)` (reduction 'mean'), and its gradient. Logits `(N, K)` row-major, `N` labels.
    ///
    /// The target of row `n` is `q = (1 − ε)·onehot(label[n]) + ε/K`, so
    /// `loss[n] = (1 − ε)·(lse(z) − z[label]) + ε · Σ_k (lse(z) − z[k]) / K` and
    /// `∂(mean loss)/∂z[n, k] = (softmax(z[n, :])_k − q_k) / N`.
    /// - Returns: the mean loss and the `(N, K)` gradient of the mean loss.
    public static func smoothedCrossEntropy(logits: [Float], labels: [Int], classCount: Int,
                                            labelSmoothing epsilon: Float) -> (loss: Float, gradient: [Float]) {
        let batch = labels.count
        precondition(logits.count == batch * classCount, "smoothedCrossEntropy: size mismatch")
        var total: Float = 0
        var gradient = [Float](repeating: 0, count: batch * classCount)
        for n in 0..<batch {
            let row = Array(logits[(n * classCount)..<((n + 1) * classCount)])
            let m = row.max()!
            let lse = m + log(row.reduce(Float(0)) { $0 + exp($1 - m) })
            var spread: Float = 0
            for z in row { spread += lse - z }
            total += (1 - epsilon) * (lse - row[labels[n]]) + epsilon * spread / Float(classCount)
            for k in 0..<classCount {
                let target = (k == labels[n] ? 1 - epsilon : 0) + epsilon / Float(classCount)
                gradient[n * classCount + k] = (exp(row[k] - lse) - target) / Float(batch)
            }
        }
        return (total / Float(batch), gradient)
    }
}
