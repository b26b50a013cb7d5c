import LeNetEngine

// MARK: - LeNet-5 composed of the reference kernels

/// LeNet-5's forward and backward pass written as a straight composition of the `Reference` kernels,
/// the independent oracle the fast `LeNet5Model` is compared with (and itself compared with PyTorch).
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

    /// Forward + backward of `images` `(N, 1, 28, 28)` with `labels` (N values).
    static func run(parameters: LeNet5Parameters, images: [Float], labels: [Int]) -> Result {
        typealias R = Reference
        let n = labels.count
        let p = parameters.tensors
        let s1 = Conv2DShape(batch: n, inChannels: 1, height: 28, width: 28, outChannels: 6,
                             kernelHeight: 5, kernelWidth: 5, padding: 2)
        let s3 = Conv2DShape(batch: n, inChannels: 6, height: 14, width: 14, outChannels: 16,
                             kernelHeight: 5, kernelWidth: 5, padding: 0)
        // Forward.
        let z1 = R.conv2dForward(input: images, weight: p[0], bias: p[1], shape: s1)
        let a1 = R.reluForward(z1)
        let (q1, arg1) = R.maxPool2x2Forward(input: a1, batch: n, channels: 6, height: 28, width: 28)
        let z3 = R.conv2dForward(input: q1, weight: p[2], bias: p[3], shape: s3)
        let a3 = R.reluForward(z3)
        let (q3, arg3) = R.maxPool2x2Forward(input: a3, batch: n, channels: 16, height: 10, width: 10)
        let z5 = R.linearForward(input: q3, weight: p[4], bias: p[5], batch: n, inFeatures: 400, outFeatures: 120)
        let a5 = R.reluForward(z5)
        let z6 = R.linearForward(input: a5, weight: p[6], bias: p[7], batch: n, inFeatures: 120, outFeatures: 84)
        let a6 = R.reluForward(z6)
        let logits = R.linearForward(input: a6, weight: p[8], bias: p[9], batch: n, inFeatures: 84, outFeatures: 10)
        let losses = R.softmaxCrossEntropyForward(logits: logits, labels: labels, classCount: 10)
        let loss = Float(losses.reduce(0.0) { $0 + Double($1) } / Double(n))
        // Backward.
        let dLogits = R.softmaxCrossEntropyBackward(logits: logits, labels: labels, classCount: 10)
        let out = R.linearBackward(outputGradient: dLogits, input: a6, weight: p[8], batch: n,
                                   inFeatures: 84, outFeatures: 10)
        let f6 = R.linearBackward(outputGradient: R.reluBackward(outputGradient: out.input, input: z6),
                                  input: a5, weight: p[6], batch: n, inFeatures: 120, outFeatures: 84)
        let c5 = R.linearBackward(outputGradient: R.reluBackward(outputGradient: f6.input, input: z5),
                                  input: q3, weight: p[4], batch: n, inFeatures: 400, outFeatures: 120)
        let da3 = R.maxPool2x2Backward(outputGradient: c5.input, argmax: arg3, batch: n, channels: 16,
                                       height: 10, width: 10)
        let c3 = R.conv2dBackward(outputGradient: R.reluBackward(outputGradient: da3, input: z3),
                                  input: q1, weight: p[2], shape: s3)
        let da1 = R.maxPool2x2Backward(outputGradient: c3.input, argmax: arg1, batch: n, channels: 6,
                                       height: 28, width: 28)
        let c1 = R.conv2dBackward(outputGradient: R.reluBackward(outputGradient: da1, input: z1),
                                  input: images, weight: p[0], shape: s1)
        let gradients = LeNet5Parameters(tensors: [c1.weight, c1.bias, c3.weight, c3.bias, c5.weight, c5.bias,
                                                   f6.weight, f6.bias, out.weight, out.bias])
        return Result(logits: logits, losses: losses, loss: loss, gradients: gradients)
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
