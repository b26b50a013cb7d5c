// MARK: - Backward pass

extension LeNet5Workspace {
    /// Back-propagates `dLogits` `(count, 10)` (already scaled for the mean loss) through the activations
    /// left by the last `forward` call over the same `images`, ADDING every parameter gradient into
    /// `gradients` (so several chunks of one mini-batch accumulate; zero it first with `zeroGradients`).
    ///
    /// Per layer: `∂W += Gᵀ·X` and `∂X = G·W` for the linear layers; for the convolutions
    /// `∂W += G·colsᵀ` (im2col recomputed) and `∂cols = Wᵀ·G` folded back by col2im; max-pool routes each
    /// gradient to its recorded winner and ReLU keeps it only where the layer's output was positive.
    func backward(parameters w: UnsafePointer<Float>, images: UnsafePointer<Float>, count: Int) {
        precondition(count >= 1 && count <= capacity)
        let o = LeNet5.parameterOffsets
        let g = gradients
        // output: (count×10) → weight (10×84), bias; ∂f6Out = dLogits·W.
        GEMM.tn(m: S.classes, n: S.f6, k: count, a: dLogits, lda: S.classes, b: f6Out, ldb: S.f6,
                c: g + o[8], ldc: S.f6)
        addColumnSums(dLogits, rows: count, columns: S.classes, into: g + o[9])
        dF6.update(repeating: 0, count: count * S.f6)
        GEMM.nn(m: count, n: S.f6, k: S.classes, a: dLogits, lda: S.classes, b: w + o[8], ldb: S.f6,
                c: dF6, ldc: S.f6)
        maskByPositive(dF6, activation: f6Out, count: count * S.f6)
        // f6: (count×84) → weight (84×120), bias; ∂c5Out.
        GEMM.tn(m: S.f6, n: S.c5, k: count, a: dF6, lda: S.f6, b: c5Out, ldb: S.c5, c: g + o[6], ldc: S.c5)
        addColumnSums(dF6, rows: count, columns: S.f6, into: g + o[7])
        dC5.update(repeating: 0, count: count * S.c5)
        GEMM.nn(m: count, n: S.c5, k: S.f6, a: dF6, lda: S.f6, b: w + o[6], ldb: S.c5, c: dC5, ldc: S.c5)
        maskByPositive(dC5, activation: c5Out, count: count * S.c5)
        // c5: (count×120) → weight (120×400), bias; ∂flat (the pooled c3 output).
        GEMM.tn(m: S.c5, n: S.flat, k: count, a: dC5, lda: S.c5, b: flat, ldb: S.flat, c: g + o[4], ldc: S.flat)
        addColumnSums(dC5, rows: count, columns: S.c5, into: g + o[5])
        dFlat.update(repeating: 0, count: count * S.flat)
        GEMM.nn(m: count, n: S.flat, k: S.c5, a: dC5, lda: S.c5, b: w + o[4], ldb: S.flat, c: dFlat, ldc: S.flat)

        for n in 0..<count {
            // pool2 + ReLU backward → ∂c3Out (16, 10, 10).
            unpool(dFlat + n * S.flat, argmax: pool2Argmax + n * S.flat, planes: 16, side: 10,
                   activation: c3Out + n * S.c3Out, into: dC3)
            // c3: ∂W (16×150) += ∂c3 (16×100) · cols3ᵀ; ∂b; ∂cols3 = Wᵀ·∂c3 → col2im → ∂pool1.
            Im2col.lower(image: pool1 + n * S.pool1, channels: 6, height: 14, width: 14, kernel: 5, padding: 0,
                         cols: cols3)
            GEMM.nt(m: 16, n: 150, k: 100, a: dC3, lda: 100, b: cols3, ldb: 100, c: g + o[2], ldc: 150)
            addRowSums(dC3, rows: 16, columns: 100, into: g + o[3])
            dCols3.update(repeating: 0, count: S.cols3)
            GEMM.tn(m: 150, n: 100, k: 16, a: w + o[2], lda: 150, b: dC3, ldb: 100, c: dCols3, ldc: 100)
            dPool1.update(repeating: 0, count: S.pool1)
            Im2col.accumulate(cols: dCols3, channels: 6, height: 14, width: 14, kernel: 5, padding: 0,
                              image: dPool1)
            // pool1 + ReLU backward → ∂c1Out (6, 28, 28).
            unpool(dPool1, argmax: pool1Argmax + n * S.pool1, planes: 6, side: 28,
                   activation: c1Out + n * S.c1Out, into: dC1)
            // c1: ∂W (6×25) += ∂c1 (6×784) · cols1ᵀ; ∂b. (The image needs no gradient.)
            Im2col.lower(image: images + n * 784, channels: 1, height: 28, width: 28, kernel: 5, padding: 2,
                         cols: cols1)
            GEMM.nt(m: 6, n: 25, k: 784, a: dC1, lda: 784, b: cols1, ldb: 784, c: g + o[0], ldc: 25)
            addRowSums(dC1, rows: 6, columns: 784, into: g + o[1])
        }
    }

    /// Sets the gradient accumulator to 0.
    func zeroGradients() {
        gradients.update(repeating: 0, count: LeNet5.parameterCount)
    }

    // MARK: - Helpers

    /// `x[i] = 0` wherever `activation[i] <= 0` (ReLU backward, using the ReLU's output).
    func maskByPositive(_ x: UnsafeMutablePointer<Float>, activation: UnsafePointer<Float>, count: Int) {
        for i in 0..<count { x[i] = activation[i] > 0 ? x[i] : 0 }
    }

    /// Max-pool backward fused with the preceding ReLU's backward: clears `output` (planes of side `side`)
    /// and writes each pooled gradient at its recorded winner, if that winner's ReLU output is positive.
    func unpool(_ pooledGradient: UnsafePointer<Float>, argmax: UnsafePointer<Int32>, planes: Int, side: Int,
                activation: UnsafePointer<Float>, into output: UnsafeMutablePointer<Float>) {
        output.update(repeating: 0, count: planes * side * side)
        let pooled = (side / 2) * (side / 2)
        for plane in 0..<planes {
            let base = plane * side * side
            for k in 0..<pooled {
                let index = base + Int(argmax[plane * pooled + k])
                if activation[index] > 0 { output[index] += pooledGradient[plane * pooled + k] }
            }
        }
    }

    /// `sums[j] += Σ_r x[r, j]` (bias gradient of a linear layer).
    func addColumnSums(_ x: UnsafePointer<Float>, rows: Int, columns: Int, into sums: UnsafeMutablePointer<Float>) {
        for r in 0..<rows {
            for j in 0..<columns { sums[j] += x[r * columns + j] }
        }
    }

    /// `sums[r] += Σ_j x[r, j]` (bias gradient of a convolution, one row per output channel).
    func addRowSums(_ x: UnsafePointer<Float>, rows: Int, columns: Int, into sums: UnsafeMutablePointer<Float>) {
        for r in 0..<rows {
            var s: Float = 0
            for j in 0..<columns { s += x[r * columns + j] }
            sums[r] += s
        }
    }
}
