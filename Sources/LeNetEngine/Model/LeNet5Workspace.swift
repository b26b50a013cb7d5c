#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Workspace

/// Preallocated buffers for the forward and backward pass of one chunk of up to `LeNet5Model.chunkSize`
/// images; one workspace per worker thread. Nothing is allocated after `init`.
///
/// Layouts (per image unless stated; all padded to whole 16-float vectors where a kernel reads or
/// writes full vectors, padding entries zero or ignored):
/// - `padded` `(32, 32)`: the image with 2 zero pixels on every side (row stride 32) + slack.
/// - `c1Raw` `(6, 28, 32)`: c1 before ReLU on a 28×32 grid (columns 28...31 are discarded).
/// - `pool1` `(6, 14, 14)` after ReLU, dense; `pool1Index` `(6, 14, 16)`: winner within each 2x2 window
///   as `dy·2 + dx` (first maximum wins ties, as PyTorch).
/// - `c3Raw` `(100, 16)`: c3 before ReLU, position-major (16 channels per position).
/// - `flat` `(25, 16)` position-major after ReLU (see `PackedWeights`); `pool2Index` the same shape.
/// - `c5` `(capacity, 128)`, `f6` `(capacity, 96)`, `logits` `(capacity, 16)`: the linear layers,
///   one row per image.
final class LeNet5Workspace {
    static let paddedStride = 1_056
    static let pool1Stride = 1_184
    let capacity: Int

    let padded: UnsafeMutablePointer<Float>
    let c1Raw: UnsafeMutablePointer<Float>
    let pool1: UnsafeMutablePointer<Float>
    let pool1Index: UnsafeMutablePointer<Int32>
    let c3Raw: UnsafeMutablePointer<Float>
    let flat: UnsafeMutablePointer<Float>
    let pool2Index: UnsafeMutablePointer<Int32>
    let c5: UnsafeMutablePointer<Float>, f6: UnsafeMutablePointer<Float>
    let logits: UnsafeMutablePointer<Float>
    // Backward.
    let dLogits: UnsafeMutablePointer<Float>, dF6: UnsafeMutablePointer<Float>
    let dC5: UnsafeMutablePointer<Float>, dFlat: UnsafeMutablePointer<Float>
    /// `(100, 16)` position-major gradient of c3's output (after the ReLU mask).
    let dC3: UnsafeMutablePointer<Float>
    /// `(16, 10, 16)`: the same gradient channel-major, each row stored at columns 4...13 between zeros
    /// (the horizontal padding of the transposed convolution) + slack.
    let dC3Rows: UnsafeMutablePointer<Float>
    /// `(6, 14, 16)`: gradient of pool1 (columns 14, 15 ignored).
    let dPool1: UnsafeMutablePointer<Float>
    /// `(6, 28, 32)`: gradient of c1's output (columns 28...31 stay 0).
    let dC1: UnsafeMutablePointer<Float>
    /// Vector partial sums of c1's weight (150 vectors) and bias (6 vectors) gradients, reduced per chunk.
    let c1Partials: UnsafeMutablePointer<Float>

    private var allocations: [UnsafeMutableRawPointer] = []

    init(capacity: Int) {
        precondition(capacity >= 1)
        self.capacity = capacity
        var owned: [UnsafeMutableRawPointer] = []
        func floats(_ count: Int) -> UnsafeMutablePointer<Float> {
            let p = allocateFloats(count)
            owned.append(UnsafeMutableRawPointer(p))
            return p
        }
        func ints(_ count: Int) -> UnsafeMutablePointer<Int32> {
            let p = allocateInt32s(count)
            owned.append(UnsafeMutableRawPointer(p))
            return p
        }
        padded = floats(capacity * Self.paddedStride)
        c1Raw = floats(6 * 896 + 16)
        pool1 = floats(capacity * Self.pool1Stride)
        pool1Index = ints(capacity * 6 * 224)
        c3Raw = floats(100 * 16)
        flat = floats(capacity * 400)
        pool2Index = ints(capacity * 400)
        c5 = floats(capacity * 128); f6 = floats(capacity * 96); logits = floats(capacity * 16)
        dLogits = floats(capacity * 16); dF6 = floats(capacity * 96); dC5 = floats(capacity * 128)
        dFlat = floats(capacity * 400)
        dC3 = floats(1_600); dC3Rows = floats(16 * 160 + 32)
        dPool1 = floats(6 * 224); dC1 = floats(6 * 896)
        c1Partials = floats(156 * 16)
        allocations = owned
    }

    deinit {
        for p in allocations { p.deallocate() }
    }

    // MARK: - Forward

    /// Runs `count <= capacity` images `(count, 1, 28, 28)` through the network with the packed weights
    /// `w` (`PackedWeights`), filling every activation buffer and `logits`.
    func forward(weights w: UnsafePointer<Float>, images: UnsafePointer<Float>, count: Int) {
        precondition(count >= 1 && count <= capacity)
        typealias P = PackedWeights
        for n in 0..<count {
            let image = padded + n * Self.paddedStride
            for y in 0..<28 { (image + (y + 2) * 32 + 2).update(from: images + n * 784 + y * 28, count: 28) }
            conv1(image: image, weights: w)
            pool1Forward(n)
            conv3(n, weights: w)
            pool2Forward(n)
        }
        Dense.multiply(m: count, n: 128, k: 400, a: flat, aRow: 400, aCol: 1, b: w + P.w5t, ldb: 128,
                       c: c5, ldc: 128, bias: w + P.b5)
        reluInPlace(c5, count: count * 128)
        Dense.multiply(m: count, n: 96, k: 120, a: c5, aRow: 128, aCol: 1, b: w + P.w6t, ldb: 96,
                       c: f6, ldc: 96, bias: w + P.b6)
        reluInPlace(f6, count: count * 96)
        Dense.multiply(m: count, n: 16, k: 84, a: f6, aRow: 96, aCol: 1, b: w + P.w7t, ldb: 16,
                       c: logits, ldc: 16, bias: w + P.b7)
    }

    /// c1: direct 5x5 convolution of the padded image, 6 channels × 16 positions per register block;
    /// position `p = y·32 + x` of the 28×32 grid reads `image[p + i·32 + j]` for tap `(i, j)`.
    @inline(__always)
    private func conv1(image: UnsafePointer<Float>, weights w: UnsafePointer<Float>) {
        let wt = w + PackedWeights.w1, bias = w + PackedWeights.b1
        let out = c1Raw
        var p = 0
        while p < 896 {
            var s0 = Vec(repeating: bias[0]), s1 = Vec(repeating: bias[1]), s2 = Vec(repeating: bias[2])
            var s3 = Vec(repeating: bias[3]), s4 = Vec(repeating: bias[4]), s5 = Vec(repeating: bias[5])
            for i in 0..<5 {
                for j in 0..<5 {
                    let v = (image + p + i * 32 + j).vec()
                    let k = i * 5 + j
                    s0.multiplyAdd(Vec(repeating: wt[k]), v)
                    s1.multiplyAdd(Vec(repeating: wt[25 + k]), v)
                    s2.multiplyAdd(Vec(repeating: wt[50 + k]), v)
                    s3.multiplyAdd(Vec(repeating: wt[75 + k]), v)
                    s4.multiplyAdd(Vec(repeating: wt[100 + k]), v)
                    s5.multiplyAdd(Vec(repeating: wt[125 + k]), v)
                }
            }
            (out + p).store(s0); (out + 896 + p).store(s1); (out + 1792 + p).store(s2)
            (out + 2688 + p).store(s3); (out + 3584 + p).store(s4); (out + 4480 + p).store(s5)
            p += 16
        }
    }

    /// 2x2 max-pool of `c1Raw` then ReLU (the same as ReLU then pool: both are monotone), recording
    /// each window's first maximum.
    @inline(__always)
    private func pool1Forward(_ n: Int) {
        let out = pool1 + n * Self.pool1Stride, index = pool1Index + n * 1344
        let zero = HalfVec()
        for c in 0..<6 {
            for py in 0..<14 {
                for h in 0..<2 {
                    let r0 = (c1Raw + c * 896 + 2 * py * 32 + 16 * h).vec()
                    let r1 = (c1Raw + c * 896 + (2 * py + 1) * 32 + 16 * h).vec()
                    var best = r0.evenHalf
                    var winner = SIMD8<Int32>(repeating: 0)
                    let b = r0.oddHalf, d = r1.evenHalf, e = r1.oddHalf
                    var mask = b .> best
                    best.replace(with: b, where: mask); winner.replace(with: 1, where: mask)
                    mask = d .> best
                    best.replace(with: d, where: mask); winner.replace(with: 2, where: mask)
                    mask = e .> best
                    best.replace(with: e, where: mask); winner.replace(with: 3, where: mask)
                    best.replace(with: zero, where: .!(best .> zero))
                    // The h = 1 half spills 2 values into the next row, which is written after it.
                    (out + c * 196 + py * 14 + 8 * h).store(best)
                    (index + c * 224 + py * 16 + 8 * h).store(winner)
                }
            }
        }
    }

    /// c3: direct 5x5 convolution of pool1, 5 positions of one output row × 16 channels per register
    /// block, written position-major into `c3Raw`.
    @inline(__always)
    private func conv3(_ n: Int, weights w: UnsafePointer<Float>) {
        let source = pool1 + n * Self.pool1Stride
        let wt = w + PackedWeights.w3t
        let bias = (w + PackedWeights.b3).vec()
        for y in 0..<10 {
            for x0 in stride(from: 0, to: 10, by: 5) {
                var s0 = bias, s1 = bias, s2 = bias, s3 = bias, s4 = bias
                var k = 0
                for c in 0..<6 {
                    for i in 0..<5 {
                        let a = source + c * 196 + (y + i) * 14 + x0
                        for j in 0..<5 {
                            let v = (wt + k * 16).vec()
                            s0.multiplyAdd(Vec(repeating: a[j]), v)
                            s1.multiplyAdd(Vec(repeating: a[j + 1]), v)
                            s2.multiplyAdd(Vec(repeating: a[j + 2]), v)
                            s3.multiplyAdd(Vec(repeating: a[j + 3]), v)
                            s4.multiplyAdd(Vec(repeating: a[j + 4]), v)
                            k += 1
                        }
                    }
                }
                let out = c3Raw + (y * 10 + x0) * 16
                out.store(s0); (out + 16).store(s1); (out + 32).store(s2); (out + 48).store(s3)
                (out + 64).store(s4)
            }
        }
    }

    /// 2x2 max-pool of `c3Raw` then ReLU into `flat` (position-major), recording the winners.
    @inline(__always)
    private func pool2Forward(_ n: Int) {
        let out = flat + n * 400, index = pool2Index + n * 400
        let zero = Vec()
        for py in 0..<5 {
            for px in 0..<5 {
                let p0 = c3Raw + ((2 * py) * 10 + 2 * px) * 16
                var best = p0.vec()
                var winner = SIMD16<Int32>(repeating: 0)
                let b = (p0 + 16).vec(), d = (p0 + 160).vec(), e = (p0 + 176).vec()
                var mask = b .> best
                best.replace(with: b, where: mask); winner.replace(with: 1, where: mask)
                mask = d .> best
                best.replace(with: d, where: mask); winner.replace(with: 2, where: mask)
                mask = e .> best
                best.replace(with: e, where: mask); winner.replace(with: 3, where: mask)
                best.replace(with: zero, where: .!(best .> zero))
                (out + (py * 5 + px) * 16).store(best)
                (index + (py * 5 + px) * 16).store(winner)
            }
        }
    }

    // MARK: - Loss

    /// Softmax cross-entropy of `logits` row `n` against `label`, stable log-sum-exp form (as
    /// `Reference.softmaxCrossEntropyForward`), with label smoothing ε as PyTorch's
    /// `F.cross_entropy(label_smoothing=ε)`: the target is `(1 − ε)·onehot + ε/10`, so
    /// `loss = (1 − ε)·(lse − z[label]) + ε · Σ_k (lse − z[k]) / 10`. When `gradientScale` is given, also writes
    /// `(softmax − target)·gradientScale` into row `n` of `dLogits`.
    /// - Returns: the loss, and whether the first maximal logit is the label.
    func crossEntropy(row n: Int, label: Int, gradientScale: Float?, smoothing: Float = 0) -> (loss: Float, correct: Bool) {
        precondition(label >= 0 && label < 10, "label \(label) out of range 0...9")
        let z = logits + n * 16
        let predicted = predictedClass(row: n), m = z[predicted]
        var sum: Float = 0
        for k in 0..<10 { sum += exp(z[k] - m) }
        var loss = m + log(sum) - z[label]
        if smoothing != 0 {
            let lse = m + log(sum)
            var spread: Float = 0
            for k in 0..<10 { spread += lse - z[k] }
            loss = (1 - smoothing) * loss + smoothing * (spread / 10)
        }
        if let scale = gradientScale {
            let d = dLogits + n * 16
            let (onTarget, offTarget) = (1 - smoothing + smoothing / 10, smoothing / 10)
            for k in 0..<10 {
                d[k] = (exp(z[k] - m) / sum - (k == label ? onTarget : offTarget)) * scale
            }
        }
        return (loss, predicted == label)
    }

    /// Index of the first largest logit in row `n` (ties to the lowest class, like `torch.argmax`).
    func predictedClass(row n: Int) -> Int {
        argmax(buffer: UnsafeBufferPointer(start: logits + n * 16, count: 10))
    }

    /// `x = max(x, 0)` in place, `count` a multiple of 16.
    func reluInPlace(_ x: UnsafeMutablePointer<Float>, count: Int) {
        let zero = Vec()
        var i = 0
        while i < count {
            var v = (x + i).vec()
            v.replace(with: zero, where: .!(v .> zero))
            (x + i).store(v)
            i += 16
        }
    }
}
