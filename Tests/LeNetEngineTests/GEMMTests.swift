import Testing
import LeNetEngine
import TestSupport

/// `GEMM` (the `bench --ceiling` yardstick) against a naive triple loop in Double.
@Suite struct GEMMTests {
    /// `A (m, k) · B (k, n)` by the definition, summed in Double, and `Σ_p |A[i,p]| · |B[p,j]|` per
    /// element (the scale of the float32 rounding error).
    static func naive(_ a: [Float], _ b: [Float], m: Int, n: Int, k: Int) -> (product: [Double], scale: [Double]) {
        var product = [Double](repeating: 0, count: m * n)
        var scale = [Double](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                for p in 0..<k {
                    let term = Double(a[i * k + p]) * Double(b[p * n + j])
                    product[i * n + j] += term
                    scale[i * n + j] += abs(term)
                }
            }
        }
        return (product, scale)
    }

    /// Largest `|C - naive| / scale` over the elements (0 where the scale is 0 and C is exact).
    static func worstRelativeError(m: Int, n: Int, k: Int, threads: Int, seed: UInt64) -> Double {
        var random = SeededRandom(seed: seed)
        let a = random.floats(m * k)
        let b = random.floats(k * n)
        let c = GEMM.multiply(a, b, m: m, n: n, k: k, threads: threads)
        let (expected, scale) = naive(a, b, m: m, n: n, k: k)
        var worst = 0.0
        for index in 0..<(m * n) {
            let difference = abs(Double(c[index]) - expected[index])
            worst = max(worst, scale[index] > 0 ? difference / scale[index] : difference)
        }
        return worst
    }

    // Odd sizes cover partial register tiles (rows past 6, columns past 2 vectors), k past one 256-deep
    // block (300), rows past one 120-row block (130) and more than one B panel per thread.
    @Test(arguments: [(1, 1, 1), (7, 5, 13), (65, 17, 33), (13, 70, 300), (130, 33, 9), (6, 32, 256)])
    func matchesTheTripleLoop(size: (m: Int, n: Int, k: Int)) {
        for threads in [1, 2, 3] {
            let error = Self.worstRelativeError(m: size.m, n: size.n, k: size.k, threads: threads, seed: 15)
            // float32 sums of k terms: each step rounds by at most 2^-24 of the running magnitude.
            #expect(error <= Double(size.k) * 6e-8, "m \(size.m) n \(size.n) k \(size.k) threads \(threads): \(error)")
        }
    }

    @Test func smallExactProducts() {
        // Integers stay exact in float32: [[1, 2, 3], [4, 5, 6]] · [[7, 8], [9, 10], [11, 12]].
        let c = GEMM.multiply([1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12], m: 2, n: 2, k: 3)
        #expect(c == [58, 64, 139, 154])
        #expect(GEMM.multiply([3], [-2.5], m: 1, n: 1, k: 1) == [-7.5])
        // k = 0: the empty sum.
        #expect(GEMM.multiply([], [], m: 2, n: 3, k: 0) == [0, 0, 0, 0, 0, 0])
    }

    @Test func sameBitsForAnyThreadCount() {
        var random = SeededRandom(seed: 7)
        let (m, n, k) = (37, 200, 290)
        let a = random.floats(m * k), b = random.floats(k * n)
        let one = GEMM.multiply(a, b, m: m, n: n, k: k, threads: 1)
        for threads in [2, 4, 7] {
            #expect(GEMM.multiply(a, b, m: m, n: n, k: k, threads: threads).map(\.bitPattern) == one.map(\.bitPattern))
        }
    }

    @Test func leadingDimensionsWiderThanTheRows() {
        // A (2, 2) inside rows of 3, B (2, 2) inside rows of 4, C (2, 2) inside rows of 5; padding untouched.
        let a: [Float] = [1, 2, -1, 3, 4, -1]
        let b: [Float] = [5, 6, -1, -1, 7, 8, -1, -1]
        var c = [Float](repeating: 99, count: 10)
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    GEMM.multiply(m: 2, n: 2, k: 2, a: a.baseAddress!, lda: 3, b: b.baseAddress!, ldb: 4,
                                  c: c.baseAddress!, ldc: 5, threads: 2)
                }
            }
        }
        #expect(c == [19, 22, 99, 99, 99, 43, 50, 99, 99, 99])
    }

    @Test func flopCount() {
        #expect(GEMM.flops(m: 2048, n: 2048, k: 2048) == 17_179_869_184)
        #expect(GEMM.flops(m: 7, n: 13, k: 5) == 910)
    }
}
