// MARK: - GEMM

/// Single-precision matrix products for the model's fast path, all ACCUMULATING into `C`
/// (`C += op(A)·op(B)`), all row-major with explicit leading dimensions (`lda` = distance between rows).
///
/// Plain loops written so LLVM vectorises them on its own (no SIMD types: without a `-target-cpu` those
/// lower poorly on x86-64). The i-k-j order of `nn` and the k-i-j order of `tn` stream a row of `B` into a
/// row of `C` (unit stride, vectorisable); `nt` is a set of dot products with 8 independent accumulators,
/// since LLVM may not reassociate a single Float sum (IEEE semantics) and so would not vectorise it.
enum GEMM {
    /// `C(M, N) += A(M, K) · B(K, N)`.
    static func nn(m: Int, n: Int, k: Int,
                   a: UnsafePointer<Float>, lda: Int,
                   b: UnsafePointer<Float>, ldb: Int,
                   c: UnsafeMutablePointer<Float>, ldc: Int) {
        for i in 0..<m {
            let cRow = c + i * ldc
            let aRow = a + i * lda
            for p in 0..<k {
                axpy(n, aRow[p], b + p * ldb, cRow)
            }
        }
    }

    /// `C(M, N) += A(K, M)ᵀ · B(K, N)`, i.e. `A` is stored transposed (K rows of M).
    static func tn(m: Int, n: Int, k: Int,
                   a: UnsafePointer<Float>, lda: Int,
                   b: UnsafePointer<Float>, ldb: Int,
                   c: UnsafeMutablePointer<Float>, ldc: Int) {
        for p in 0..<k {
            let aRow = a + p * lda
            let bRow = b + p * ldb
            for i in 0..<m {
                axpy(n, aRow[i], bRow, c + i * ldc)
            }
        }
    }

    /// `C(M, N) += A(M, K) · B(N, K)ᵀ`, i.e. `B` is stored transposed (N rows of K): `C[i, j]` gains the
    /// dot product of row `i` of `A` and row `j` of `B`.
    static func nt(m: Int, n: Int, k: Int,
                   a: UnsafePointer<Float>, lda: Int,
                   b: UnsafePointer<Float>, ldb: Int,
                   c: UnsafeMutablePointer<Float>, ldc: Int) {
        for i in 0..<m {
            let aRow = a + i * lda
            let cRow = c + i * ldc
            for j in 0..<n {
                cRow[j] += dot(k, aRow, b + j * ldb)
            }
        }
    }

    // MARK: - Level-1 helpers

    /// `y[0..<n] += alpha · x[0..<n]`.
    @inline(__always)
    static func axpy(_ n: Int, _ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) {
        for j in 0..<n {
            y[j] += alpha * x[j]
        }
    }

    /// `Σ x[i]·y[i]` over `0..<n`, with 8 interleaved partial sums (vectorisable, fixed order).
    @inline(__always)
    static func dot(_ n: Int, _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>) -> Float {
        var s0: Float = 0, s1: Float = 0, s2: Float = 0, s3: Float = 0
        var s4: Float = 0, s5: Float = 0, s6: Float = 0, s7: Float = 0
        var p = 0
        while p + 8 <= n {
            s0 += x[p] * y[p]
            s1 += x[p + 1] * y[p + 1]
            s2 += x[p + 2] * y[p + 2]
            s3 += x[p + 3] * y[p + 3]
            s4 += x[p + 4] * y[p + 4]
            s5 += x[p + 5] * y[p + 5]
            s6 += x[p + 6] * y[p + 6]
            s7 += x[p + 7] * y[p + 7]
            p += 8
        }
        var sum = ((s0 + s4) + (s1 + s5)) + ((s2 + s6) + (s3 + s7))
        while p < n {
            sum += x[p] * y[p]
            p += 1
        }
        return sum
    }
}
