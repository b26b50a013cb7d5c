import LeNetEngine

// MARK: - LeNet-5 composed of the reference kernels

/// LeNet-5's training step (loss and parameter gradients) on the reference kernels, the independent oracle
/// the fast `LeNet5Model` is compared with (and itself compared with PyTorch).
enum ReferenceLeNet5 {
    /// Everything one training step computes.
    struct Result {
        /// `(N, 10)` row-major.
        var logits: [Float]
        /// Per-image softmax cross-entropy, `N` values.
        var losses: [Float]
        /// Mean of `losses` (summed in Double).
        var loss: Float
        /// Gradient of the mean loss.
        var gradients: LeNet5Parameters
    }

    /// Forward + backward of `images` `(N, 1, 28, 28)` with `labels` (N values): `Reference.LeNet5Pass`
    /// (the engine's composition of the reference kernels) with the softmax cross-entropy loss.
    static func run(parameters: LeNet5Parameters, images: [Float], labels: [Int]) -> Result {
        let pass = Reference.LeNet5Pass(parameters: parameters, images: images, batch: labels.count)
        let losses = Reference.softmaxCrossEntropyForward(logits: pass.logits, labels: labels, classCount: 10)
        let loss = Float(losses.reduce(0.0) { $0 + Double($1) } / Double(labels.count))
        let dLogits = Reference.softmaxCrossEntropyBackward(logits: pass.logits, labels: labels, classCount: 10)
        return Result(logits: pass.logits, losses: losses, loss: loss,
                      gradients: pass.backward(logitsGradient: dLogits).parameters)
    }

    /// Index of the first largest value of each `classCount`-long row.
    static func argmax(_ logits: [Float], classCount: Int = 10) -> [Int] {
        stride(from: 0, to: logits.count, by: classCount).map { start in
            var best = 0
            for k in 1..<classCount where logits[start + k] > logits[start + best] { best = k }
            return best
        }
    }
}
