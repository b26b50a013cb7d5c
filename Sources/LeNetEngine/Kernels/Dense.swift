// MARK: - Dense kernel

/// `C = A·B` for the linear layers, with the register tile of the build's kernel family
/// (`KernelFamily`): every tile sums each `C` value over `p` in ascending order, so the tile changes the
/// speed only, never a result.
enum Dense {
    /// `C[i, 0..<n] (+)= Σ_p A(i, p) · B[p, 0..<n]` for `i < m`, with `A(i, p) = a[i·aRow + p·aCol]`
    /// (any strides, so `A` may be stored transposed), `B` rows at `b + p·ldb`, `C` rows at `c + i·ldc`.
    /// `n` is a multiple of 16. With `bias`, `C` starts from `bias[0..<n]` (overwriting); otherwise it
    /// starts from 0 when `accumulate` is false, from its own values when true.
    ///
    /// Register tile: AVX-512 4 rows × 32 columns (8 of its 32 registers), AVX2 6 rows × 16 columns
    /// (12 of 16), NEON and portable 4 rows × 16 columns (16 of 32 on NEON); one multiply-add per
    /// (row, register, p).
    @inline(__always)
    static func multiply(m: Int, n: Int, k: Int,
                         a: UnsafePointer<Float>, aRow: Int, aCol: Int,
                         b: UnsafePointer<Float>, ldb: Int,
                         c: UnsafeMutablePointer<Float>, ldc: Int,
                         bias: UnsafePointer<Float>? = nil, accumulate: Bool = false) {
        #if LENET_AVX512
        multiply4x32(m: m, n: n, k: k, a: a, aRow: aRow, aCol: aCol, b: b, ldb: ldb, c: c, ldc: ldc,
                     bias: bias, accumulate: accumulate)
        #elseif LENET_AVX2
        multiply6x16(m: m, n: n, k: k, a: a, aRow: aRow, aCol: aCol, b: b, ldb: ldb, c: c, ldc: ldc,
                     bias: bias, accumulate: accumulate)
        #else
        multiply4x16(m: m, n: n, k: k, a: a, aRow: aRow, aCol: aCol, b: b, ldb: ldb, c: c, ldc: ldc,
                     bias: bias, accumulate: accumulate)
        #endif
    }

    /// Writes (or with `add`, adds) `s` to the 16 floats at `p` when `valid`.
    @inline(__always)
    private static func put(_ s: Vec, _ p: UnsafeMutablePointer<Float>, add: Bool, valid: Bool) {
        guard valid else { return }
        if add { p.add(s) } else { p.store(s) }
    }

    /// AVX2: 6 rows × 16 columns in 12 8-lane accumulators (+ 2 for the `B` row, 1 broadcast).
    @inline(__always)
    static func multiply6x16(m: Int, n: Int, k: Int,
                             a: UnsafePointer<Float>, aRow: Int, aCol: Int,
                             b: UnsafePointer<Float>, ldb: Int,
                             c: UnsafeMutablePointer<Float>, ldc: Int,
                             bias: UnsafePointer<Float>?, accumulate: Bool) {
        typealias H = SIMD8<Float>
        let add = accumulate && bias == nil
        var i = 0
        while i < m {
            let rows = min(6, m - i)
            // Rows past `m` repeat the last valid row (results discarded).
            let a0 = a + i * aRow
            let a1 = a + min(i + 1, m - 1) * aRow, a2 = a + min(i + 2, m - 1) * aRow
            let a3 = a + min(i + 3, m - 1) * aRow, a4 = a + min(i + 4, m - 1) * aRow
            let a5 = a + min(i + 5, m - 1) * aRow
            var j = 0
            while j < n {
                var s00 = H(), s01 = H(), s10 = H(), s11 = H(), s20 = H(), s21 = H()
                var s30 = H(), s31 = H(), s40 = H(), s41 = H(), s50 = H(), s51 = H()
                if let bias {
                    let b0: H = (bias + j).load(), b1: H = (bias + j + 8).load()
                    s00 = b0; s10 = b0; s20 = b0; s30 = b0; s40 = b0; s50 = b0
                    s01 = b1; s11 = b1; s21 = b1; s31 = b1; s41 = b1; s51 = b1
                }
                var bp = b + j
                var ao = 0
                for _ in 0..<k {
                    let v0: H = bp.load(), v1: H = (bp + 8).load()
                    var x = H(repeating: a0[ao])
                    s00.multiplyAdd(x, v0); s01.multiplyAdd(x, v1)
                    x = H(repeating: a1[ao])
                    s10.multiplyAdd(x, v0); s11.multiplyAdd(x, v1)
                    x = H(repeating: a2[ao])
                    s20.multiplyAdd(x, v0); s21.multiplyAdd(x, v1)
                    x = H(repeating: a3[ao])
                    s30.multiplyAdd(x, v0); s31.multiplyAdd(x, v1)
                    x = H(repeating: a4[ao])
                    s40.multiplyAdd(x, v0); s41.multiplyAdd(x, v1)
                    x = H(repeating: a5[ao])
                    s50.multiplyAdd(x, v0); s51.multiplyAdd(x, v1)
                    bp += ldb
                    ao += aCol
                }
                let cj = c + i * ldc + j
                put(Vec(lowHalf: s00, highHalf: s01), cj, add: add, valid: true)
                put(Vec(lowHalf: s10, highHalf: s11), cj + ldc, add: add, valid: rows > 1)
                put(Vec(lowHalf: s20, highHalf: s21), cj + 2 * ldc, add: add, valid: rows > 2)
                put(Vec(lowHalf: s30, highHalf: s31), cj + 3 * ldc, add: add, valid: rows > 3)
                put(Vec(lowHalf: s40, highHalf: s41), cj + 4 * ldc, add: add, valid: rows > 4)
                put(Vec(lowHalf: s50, highHalf: s51), cj + 5 * ldc, add: add, valid: rows > 5)
                j += 16
            }
            i += 6
        }
    }

    /// AVX-512: 4 rows × 32 columns in 8 16-lane accumulators, then a 4 × 16 tile for the last 16
    /// columns when `n` is an odd multiple of 16.
    @inline(__always)
    static func multiply4x32(m: Int, n: Int, k: Int,
                             a: UnsafePointer<Float>, aRow: Int, aCol: Int,
                             b: UnsafePointer<Float>, ldb: Int,
                             c: UnsafeMutablePointer<Float>, ldc: Int,
                             bias: UnsafePointer<Float>?, accumulate: Bool) {
        let add = accumulate && bias == nil
        var i = 0
        while i < m {
            let rows = min(4, m - i)
            // Rows past `m` repeat the last valid row (results discarded).
            let a0 = a + i * aRow
            let a1 = a + min(i + 1, m - 1) * aRow
            let a2 = a + min(i + 2, m - 1) * aRow
            let a3 = a + min(i + 3, m - 1) * aRow
            var j = 0
            while j + 32 <= n {
                var s00 = Vec(), s01 = Vec(), s10 = Vec(), s11 = Vec()
                var s20 = Vec(), s21 = Vec(), s30 = Vec(), s31 = Vec()
                if let bias {
                    let b0 = (bias + j).vec(), b1 = (bias + j + 16).vec()
                    s00 = b0; s10 = b0; s20 = b0; s30 = b0
                    s01 = b1; s11 = b1; s21 = b1; s31 = b1
                }
                var bp = b + j
                var ao = 0
                for _ in 0..<k {
                    let v0 = bp.vec(), v1 = (bp + 16).vec()
                    let x0 = Vec(repeating: a0[ao]), x1 = Vec(repeating: a1[ao])
                    let x2 = Vec(repeating: a2[ao]), x3 = Vec(repeating: a3[ao])
                    s00.multiplyAdd(x0, v0); s01.multiplyAdd(x0, v1)
                    s10.multiplyAdd(x1, v0); s11.multiplyAdd(x1, v1)
                    s20.multiplyAdd(x2, v0); s21.multiplyAdd(x2, v1)
                    s30.multiplyAdd(x3, v0); s31.multiplyAdd(x3, v1)
                    bp += ldb
                    ao += aCol
                }
                let cj = c + i * ldc + j
                put(s00, cj, add: add, valid: true); put(s01, cj + 16, add: add, valid: true)
                put(s10, cj + ldc, add: add, valid: rows > 1); put(s11, cj + ldc + 16, add: add, valid: rows > 1)
                put(s20, cj + 2 * ldc, add: add, valid: rows > 2)
                put(s21, cj + 2 * ldc + 16, add: add, valid: rows > 2)
                put(s30, cj + 3 * ldc, add: add, valid: rows > 3)
                put(s31, cj + 3 * ldc + 16, add: add, valid: rows > 3)
                j += 32
            }
            if j < n {
                multiply4x16(m: m, n: n, k: k, a: a, aRow: aRow, aCol: aCol, b: b, ldb: ldb, c: c,
                             ldc: ldc, bias: bias, accumulate: accumulate, fromRow: i, fromColumn: j,
                             oneRowBlock: true)
            }
            i += 4
        }
    }

    /// 4 rows × 16 columns in 4 16-lane accumulators (16 NEON or portable registers): rows from
    /// `fromRow` in steps of 4 (with `oneRowBlock`, only the 4 from `fromRow`), columns from `fromColumn`.
    @inline(__always)
    static func multiply4x16(m: Int, n: Int, k: Int,
                             a: UnsafePointer<Float>, aRow: Int, aCol: Int,
                             b: UnsafePointer<Float>, ldb: Int,
                             c: UnsafeMutablePointer<Float>, ldc: Int,
                             bias: UnsafePointer<Float>?, accumulate: Bool,
                             fromRow i0: Int = 0, fromColumn j0: Int = 0, oneRowBlock: Bool = false) {
        let add = accumulate && bias == nil
        var i = i0
        while i < m {
            let rows = min(4, m - i)
            let a0 = a + i * aRow
            let a1 = a + min(i + 1, m - 1) * aRow
            let a2 = a + min(i + 2, m - 1) * aRow
            let a3 = a + min(i + 3, m - 1) * aRow
            var j = j0
            while j < n {
                var s0 = Vec(), s1 = Vec(), s2 = Vec(), s3 = Vec()
                if let bias {
                    let b0 = (bias + j).vec()
                    s0 = b0; s1 = b0; s2 = b0; s3 = b0
                }
                var bp = b + j
                var ao = 0
                for _ in 0..<k {
                    let v0 = bp.vec()
                    s0.multiplyAdd(Vec(repeating: a0[ao]), v0)
                    s1.multiplyAdd(Vec(repeating: a1[ao]), v0)
                    s2.multiplyAdd(Vec(repeating: a2[ao]), v0)
                    s3.multiplyAdd(Vec(repeating: a3[ao]), v0)
                    bp += ldb
                    ao += aCol
                }
                let cj = c + i * ldc + j
                put(s0, cj, add: add, valid: true)
                put(s1, cj + ldc, add: add, valid: rows > 1)
                put(s2, cj + 2 * ldc, add: add, valid: rows > 2)
                put(s3, cj + 3 * ldc, add: add, valid: rows > 3)
                j += 16
            }
            if oneRowBlock { return }
            i += 4
        }
    }
}
