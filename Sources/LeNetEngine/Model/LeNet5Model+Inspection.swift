// MARK: - Inspection on the fast path

extension LeNet5Model {
    /// Every intermediate of the forward pass of each of `count` images, and each image's saliency map,
    /// with the fast kernels (see `LeNet5Inspection` for the tensors, shapes and the saliency's definition).
    ///
    /// Runs apart from training, only when called: each image goes through the same forward kernels as
    /// `trainingStep` and `classify` (so its logits are bit-identical to theirs), its activations are copied
    /// out of the workspace in PyTorch's NCHW layouts, and a backward pass from the one-hot gradient of
    /// the chosen logit gives `∂c1` (pre-ReLU), from which c1's transposed convolution gives the input
    /// gradient. One image at a time on the caller's thread; an image takes well under a millisecond.
    ///
    /// - Parameters:
    ///   - parameters: the network's weights.
    ///   - images: `(count, 1, 28, 28)` normalised Float32, NCHW row-major (at least `count·784` values).
    ///   - count: images, `>= 1`.
    ///   - saliencyClass: the class whose logit the saliency maps differentiate, `0...9`; `nil` = each
    ///     image's predicted class (first largest logit).
    /// - Returns: one `LeNet5Inspection` per image, in order.
    public func inspect(parameters: LeNet5Parameters, images: UnsafeBufferPointer<Float>, count: Int,
                        saliencyClass: Int? = nil) -> [LeNet5Inspection] {
        precondition(count >= 1, "count must be at least 1")
        precondition(images.count >= count * LeNet5.pixelsPerImage, "images holds fewer than count·784 floats")
        if let k = saliencyClass { precondition((0..<10).contains(k), "saliencyClass \(k) is not in 0...9") }
        PackedWeights.pack(parameters, into: packedWeights)
        let weights = UnsafePointer(packedWeights)
        let workspace = workspaces[0]
        // The backward pass also computes parameter gradients; they land here and are dropped.
        let parameterGradients = allocateFloats(PackedGradients.count)
        defer { parameterGradients.deallocate() }
        return (0..<count).map { n in
            let image = images.baseAddress! + n * LeNet5.pixelsPerImage
            workspace.forward(weights: weights, images: image, count: 1)
            let k = saliencyClass ?? workspace.predictedClass(row: 0)
            let saliency = workspace.inputGradient(ofLogit: k, weights: weights, scratch: parameterGradients)
            return workspace.inspection(image: image, saliency: saliency, saliencyClass: k)
        }
    }
}

extension LeNet5Workspace {
    /// After `forward` of ONE image: `∂ logits[k] / ∂ input`, `(1, 28, 28)` row-major.
    ///
    /// `backward` from `dLogits = onehot(k)` leaves `∂logits[k]/∂c1` (before ReLU, ReLU mask and pool
    /// routing applied) in `dC1` `(6, 28, 32)`; c1's input gradient is its transposed convolution,
    /// `∂x[y][x] = Σ_{o,i,j} c1.weight[o][0][i][j] · dC1[o][y + 2 − i][x + 2 − j]` over the terms inside
    /// the 28×28 map (from `out[o][y][x] = Σ w[o][i][j] · x[y + i − 2][x + j − 2]`, padding 2).
    /// `scratch` (`PackedGradients.count` floats) receives the parameter gradients, which are not needed.
    func inputGradient(ofLogit k: Int, weights w: UnsafePointer<Float>, scratch: UnsafeMutablePointer<Float>) -> [Float] {
        dLogits.update(repeating: 0, count: 16)
        dLogits[k] = 1
        backward(weights: w, count: 1, gradients: scratch)
        let w1 = w + PackedWeights.w1
        var gradient = [Float](repeating: 0, count: 784)
        gradient.withUnsafeMutableBufferPointer { out in
            for o in 0..<6 {
                for i in 0..<5 {
                    for j in 0..<5 {
                        let weight = w1[o * 25 + i * 5 + j]
                        // Output rows y + 2 − i and columns x + 2 − j must lie in 0..<28.
                        for y in max(0, i - 2) ..< min(28, 26 + i) {
                            let row = dC1 + o * 896 + (y + 2 - i) * 32 + 2 - j
                            for x in max(0, j - 2) ..< min(28, 26 + j) { out[y * 28 + x] += weight * row[x] }
                        }
                    }
                }
            }
        }
        return gradient
    }

    /// After `forward` of ONE image: its activations copied out of the position-major, padded buffers into
    /// PyTorch's per-image NCHW layouts (ReLU applied where the buffers hold pre-activations).
    func inspection(image: UnsafePointer<Float>, saliency: [Float], saliencyClass: Int) -> LeNet5Inspection {
        func relu(_ v: Float) -> Float { v > 0 ? v : 0 }
        var c1 = [Float](repeating: 0, count: 6 * 784)
        for c in 0..<6 {
            for y in 0..<28 {
                for x in 0..<28 { c1[c * 784 + y * 28 + x] = relu(c1Raw[c * 896 + y * 32 + x]) }
            }
        }
        var c3 = [Float](repeating: 0, count: 1_600), pool2 = [Float](repeating: 0, count: 400)
        for o in 0..<16 {
            for p in 0..<100 { c3[o * 100 + p] = relu(c3Raw[p * 16 + o]) }
            for s in 0..<25 { pool2[o * 25 + s] = flat[s * 16 + o] }
        }
        func copy(_ p: UnsafePointer<Float>, _ count: Int) -> [Float] { Array(UnsafeBufferPointer(start: p, count: count)) }
        return LeNet5Inspection(input: copy(image, 784), c1: c1, pool1: copy(pool1, 1_176), c3: c3, pool2: pool2,
                                c5: copy(c5, 120), f6: copy(f6, 84), logits: copy(logits, 10), saliency: saliency,
                                saliencyClass: saliencyClass)
    }
}
