#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Layer sizes

/// Sizes of LeNet-5's activations per image (see `LeNet5`), in floats.
enum LeNet5Sizes {
    static let c1Out = 6 * 28 * 28        // 4704: c1 after ReLU, (6, 28, 28)
    static let pool1 = 6 * 14 * 14        // 1176: (6, 14, 14)
    static let c3Out = 16 * 10 * 10       // 1600: c3 after ReLU, (16, 10, 10)
    static let flat = 16 * 5 * 5          // 400: pool2 output = c5 input, (16, 5, 5) flattened C,H,W
    static let c5 = 120, f6 = 84, classes = 10
    static let cols1 = 25 * 784           // im2col of the image for c1: (1·5·5, 28·28)
    static let cols3 = 150 * 100          // im2col of pool1 for c3: (6·5·5, 10·10)
}

// MARK: - Workspace

/// Preallocated buffers for the forward and backward pass of up to `capacity` images, plus one gradient
/// accumulator; one workspace per worker thread. All activations are NCHW row-major, per image
/// contiguous; parameters are read from one contiguous block laid out as `LeNet5.parameterSpecs`
/// (offsets `LeNet5.parameterOffsets`).
final class LeNet5Workspace {
    typealias S = LeNet5Sizes
    let capacity: Int

    // Forward activations, `capacity` images each.
    let c1Out: UnsafeMutablePointer<Float>, pool1: UnsafeMutablePointer<Float>
    let pool1Argmax: UnsafeMutablePointer<Int32>
    let c3Out: UnsafeMutablePointer<Float>, flat: UnsafeMutablePointer<Float>
    let pool2Argmax: UnsafeMutablePointer<Int32>
    let c5Out: UnsafeMutablePointer<Float>, f6Out: UnsafeMutablePointer<Float>
    let logits: UnsafeMutablePointer<Float>
    // Backward, batch-wide.
    let dLogits: UnsafeMutablePointer<Float>, dF6: UnsafeMutablePointer<Float>
    let dC5: UnsafeMutablePointer<Float>, dFlat: UnsafeMutablePointer<Float>
    // Per-image scratch.
    let cols1: UnsafeMutablePointer<Float>, cols3: UnsafeMutablePointer<Float>
    let dCols3: UnsafeMutablePointer<Float>, dC3: UnsafeMutablePointer<Float>
    let dPool1: UnsafeMutablePointer<Float>, dC1: UnsafeMutablePointer<Float>
    /// Gradient accumulator, `LeNet5.parameterCount` floats in `parameterSpecs` layout.
    let gradients: UnsafeMutablePointer<Float>

    private var allocations: [UnsafeMutableRawPointer] = []

    init(capacity: Int) {
        precondition(capacity >= 1)
        self.capacity = capacity
        var owned: [UnsafeMutableRawPointer] = []
        func floats(_ count: Int) -> UnsafeMutablePointer<Float> {
            let p = UnsafeMutablePointer<Float>.allocate(capacity: count)
            p.initialize(repeating: 0, count: count)
            owned.append(UnsafeMutableRawPointer(p))
            return p
        }
        func indices(_ count: Int) -> UnsafeMutablePointer<Int32> {
            let p = UnsafeMutablePointer<Int32>.allocate(capacity: count)
            p.initialize(repeating: 0, count: count)
            owned.append(UnsafeMutableRawPointer(p))
            return p
        }
        c1Out = floats(capacity * S.c1Out); pool1 = floats(capacity * S.pool1)
        pool1Argmax = indices(capacity * S.pool1)
        c3Out = floats(capacity * S.c3Out); flat = floats(capacity * S.flat)
        pool2Argmax = indices(capacity * S.flat)
        c5Out = floats(capacity * S.c5); f6Out = floats(capacity * S.f6)
        logits = floats(capacity * S.classes)
        dLogits = floats(capacity * S.classes); dF6 = floats(capacity * S.f6)
        dC5 = floats(capacity * S.c5); dFlat = floats(capacity * S.flat)
        cols1 = floats(S.cols1); cols3 = floats(S.cols3); dCols3 = floats(S.cols3)
        dC3 = floats(S.c3Out); dPool1 = floats(S.pool1); dC1 = floats(S.c1Out)
        gradients = floats(LeNet5.parameterCount)
        allocations = owned
    }

    deinit {
        for p in allocations { p.deallocate() }
    }

    // MARK: - Forward

    /// Runs `count <= capacity` images `(count, 1, 28, 28)` through the network, filling every activation
    /// buffer and `logits` `(count, 10)`.
    func forward(parameters w: UnsafePointer<Float>, images: UnsafePointer<Float>, count: Int) {
        precondition(count >= 1 && count <= capacity)
        let o = LeNet5.parameterOffsets
        for n in 0..<count {
            // c1: im2col + GEMM (6×25)·(25×784), bias, ReLU; then 2x2 max-pool.
            let c1 = c1Out + n * S.c1Out
            Im2col.lower(image: images + n * 784, channels: 1, height: 28, width: 28, kernel: 5, padding: 2,
                         cols: cols1)
            fillRows(c1, rows: 6, columns: 784, bias: w + o[1])
            GEMM.nn(m: 6, n: 784, k: 25, a: w + o[0], lda: 25, b: cols1, ldb: 784, c: c1, ldc: 784)
            reluInPlace(c1, count: S.c1Out)
            maxPool2x2(c1, planes: 6, side: 28, output: pool1 + n * S.pool1, argmax: pool1Argmax + n * S.pool1)
            // c3: im2col + GEMM (16×150)·(150×100), bias, ReLU; max-pool into the flattened c5 input.
            let c3 = c3Out + n * S.c3Out
            Im2col.lower(image: pool1 + n * S.pool1, channels: 6, height: 14, width: 14, kernel: 5, padding: 0,
                         cols: cols3)
            fillRows(c3, rows: 16, columns: 100, bias: w + o[3])
            GEMM.nn(m: 16, n: 100, k: 150, a: w + o[2], lda: 150, b: cols3, ldb: 100, c: c3, ldc: 100)
            reluInPlace(c3, count: S.c3Out)
            maxPool2x2(c3, planes: 16, side: 10, output: flat + n * S.flat, argmax: pool2Argmax + n * S.flat)
        }
        // Fully connected layers over the whole chunk: Y = X·Wᵀ + b.
        fillColumns(c5Out, rows: count, columns: S.c5, bias: w + o[5])
        GEMM.nt(m: count, n: S.c5, k: S.flat, a: flat, lda: S.flat, b: w + o[4], ldb: S.flat, c: c5Out, ldc: S.c5)
        reluInPlace(c5Out, count: count * S.c5)
        fillColumns(f6Out, rows: count, columns: S.f6, bias: w + o[7])
        GEMM.nt(m: count, n: S.f6, k: S.c5, a: c5Out, lda: S.c5, b: w + o[6], ldb: S.c5, c: f6Out, ldc: S.f6)
        reluInPlace(f6Out, count: count * S.f6)
        fillColumns(logits, rows: count, columns: S.classes, bias: w + o[9])
        GEMM.nt(m: count, n: S.classes, k: S.f6, a: f6Out, lda: S.f6, b: w + o[8], ldb: S.f6,
                c: logits, ldc: S.classes)
    }

    // MARK: - Loss

    /// Softmax cross-entropy of `logits` row `n` against `label`, stable log-sum-exp form (as
    /// `Reference.softmaxCrossEntropyForward`). When `gradientScale` is given, also writes
    /// `(softmax − onehot)·gradientScale` into row `n` of `dLogits`.
    /// - Returns: the loss, and whether the first maximal logit is the label.
    func crossEntropy(row n: Int, label: Int, gradientScale: Float?) -> (loss: Float, correct: Bool) {
        precondition(label >= 0 && label < S.classes, "label \(label) out of range 0...9")
        let z = logits + n * S.classes
        var m = z[0], argmax = 0
        for k in 1..<S.classes where z[k] > m { m = z[k]; argmax = k }
        var sum: Float = 0
        for k in 0..<S.classes { sum += exp(z[k] - m) }
        let loss = m + log(sum) - z[label]
        if let scale = gradientScale {
            let d = dLogits + n * S.classes
            for k in 0..<S.classes {
                d[k] = (exp(z[k] - m) / sum - (k == label ? 1 : 0)) * scale
            }
        }
        return (loss, argmax == label)
    }

    /// Index of the first largest logit in row `n` (ties to the lowest class, like `torch.argmax`).
    func predictedClass(row n: Int) -> Int {
        let z = logits + n * S.classes
        var best = 0
        for k in 1..<S.classes where z[k] > z[best] { best = k }
        return best
    }

    // MARK: - Element-wise helpers

    /// Sets each of `rows` rows of length `columns` to `bias[row]` (conv output, one row per channel).
    func fillRows(_ x: UnsafeMutablePointer<Float>, rows: Int, columns: Int, bias: UnsafePointer<Float>) {
        for r in 0..<rows { (x + r * columns).update(repeating: bias[r], count: columns) }
    }

    /// Sets each of `rows` rows to the `columns`-long `bias` vector (linear output).
    func fillColumns(_ x: UnsafeMutablePointer<Float>, rows: Int, columns: Int, bias: UnsafePointer<Float>) {
        for r in 0..<rows { (x + r * columns).update(from: bias, count: columns) }
    }

    /// `x = max(x, 0)` in place (NaN propagates, as `Reference.reluForward`).
    func reluInPlace(_ x: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { x[i] = x[i] <= 0 ? 0 : x[i] }
    }

    /// 2x2 stride-2 max-pool of `planes` square planes of side `side` (even), recording the winner's flat
    /// index within its plane; first maximum wins ties, NaN wins (as `Reference.maxPool2x2Forward`).
    func maxPool2x2(_ input: UnsafePointer<Float>, planes: Int, side: Int,
                    output: UnsafeMutablePointer<Float>, argmax: UnsafeMutablePointer<Int32>) {
        let half = side / 2
        for plane in 0..<planes {
            let src = input + plane * side * side
            let dst = output + plane * half * half, arg = argmax + plane * half * half
            for y in 0..<half {
                for x in 0..<half {
                    let i0 = 2 * y * side + 2 * x
                    var best = src[i0], bestIndex = i0
                    // Scan order (0,0), (0,1), (1,0), (1,1); `v != v` is the NaN test.
                    var v = src[i0 + 1]
                    if v > best || v != v { best = v; bestIndex = i0 + 1 }
                    v = src[i0 + side]
                    if v > best || v != v { best = v; bestIndex = i0 + side }
                    v = src[i0 + side + 1]
                    if v > best || v != v { best = v; bestIndex = i0 + side + 1 }
                    dst[y * half + x] = best
                    arg[y * half + x] = Int32(bestIndex)
                }
            }
        }
    }
}
