// MARK: - SIMD helpers for the fast path

/// The fast path's vector: 16 Float32 lanes (one AVX-512 register, two AVX2 or four NEON registers).
typealias Vec = SIMD16<Float>
typealias HalfVec = SIMD8<Float>

extension SIMD16 where Scalar == Float {
    /// `self += a · b`: a fused multiply-add (one rounding, unlike the reference kernels' two; the tests'
    /// tolerances cover the difference) when the build targets a CPU with FMA instructions
    /// (`LENET_FMA`, set by Package.swift with `-target-cpu native` on x86-64, always on arm64); without
    /// them LLVM would call libm's `fmaf` per lane, so a separate multiply and add is used instead.
    @inline(__always)
    mutating func multiplyAdd(_ a: Self, _ b: Self) {
        #if LENET_FMA
        addProduct(a, b)
        #else
        self += a * b
        #endif
    }
}

extension UnsafePointer where Pointee == Float {
    /// The 16 floats at `self`, any alignment.
    @inline(__always) func vec() -> Vec { UnsafeRawPointer(self).loadUnaligned(as: Vec.self) }
}

extension UnsafeMutablePointer where Pointee == Float {
    /// The 16 floats at `self`, any alignment.
    @inline(__always) func vec() -> Vec { UnsafeRawPointer(self).loadUnaligned(as: Vec.self) }
    /// Writes 16 floats at `self`, any alignment.
    @inline(__always) func store(_ v: Vec) { UnsafeMutableRawPointer(self).storeBytes(of: v, as: Vec.self) }
    /// Writes 8 floats at `self`, any alignment.
    @inline(__always) func store(_ v: HalfVec) { UnsafeMutableRawPointer(self).storeBytes(of: v, as: HalfVec.self) }
    /// `self[0..<16] += v`.
    @inline(__always) func add(_ v: Vec) { store(vec() + v) }
}

extension UnsafeMutablePointer where Pointee == Int32 {
    @inline(__always) func store(_ v: SIMD16<Int32>) {
        UnsafeMutableRawPointer(self).storeBytes(of: v, as: SIMD16<Int32>.self)
    }
    @inline(__always) func store(_ v: SIMD8<Int32>) {
        UnsafeMutableRawPointer(self).storeBytes(of: v, as: SIMD8<Int32>.self)
    }
}

/// Allocates `count` zeroed floats aligned to 64 bytes.
func allocateFloats(_ count: Int) -> UnsafeMutablePointer<Float> {
    let raw = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * 4, alignment: 64)
    let p = raw.bindMemory(to: Float.self, capacity: max(count, 1))
    p.initialize(repeating: 0, count: max(count, 1))
    return p
}

/// Allocates `count` zeroed Int32 values aligned to 64 bytes.
func allocateInt32s(_ count: Int) -> UnsafeMutablePointer<Int32> {
    let raw = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * 4, alignment: 64)
    let p = raw.bindMemory(to: Int32.self, capacity: max(count, 1))
    p.initialize(repeating: 0, count: max(count, 1))
    return p
}

// MARK: - Dense kernel

enum Dense {
    /// `C[i, 0..<n] (+)= Σ_p A(i, p) · B[p, 0..<n]` for `i < m`, with `A(i, p) = a[i·aRow + p·aCol]`
    /// (any strides, so `A` may be stored transposed), `B` rows at `b + p·ldb`, `C` rows at `c + i·ldc`.
    /// `n` is a multiple of 16. With `bias`, `C` starts from `bias[0..<n]` (overwriting); otherwise it
    /// starts from 0 when `accumulate` is false, from its own values when true.
    ///
    /// Register block: 4 rows × 32 (or 16) columns, one fused multiply-add per (row, vector, p).
    static func multiply(m: Int, n: Int, k: Int,
                         a: UnsafePointer<Float>, aRow: Int, aCol: Int,
                         b: UnsafePointer<Float>, ldb: Int,
                         c: UnsafeMutablePointer<Float>, ldc: Int,
                         bias: UnsafePointer<Float>? = nil, accumulate: Bool = false) {
        var i = 0
        while i < m {
            let rows = min(4, m - i)
            // Rows past `m` repeat the last valid row (results discarded).
            let a0 = a + i * aRow
            let a1 = a + min(i + 1, m - 1) * aRow
            let a2 = a + min(i + 2, m - 1) * aRow
            let a3 = a + min(i + 3, m - 1) * aRow
            let c0 = c + i * ldc
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
                let cj = c0 + j
                if accumulate && bias == nil {
                    cj.add(s00); (cj + 16).add(s01)
                    if rows > 1 { (cj + ldc).add(s10); (cj + ldc + 16).add(s11) }
                    if rows > 2 { (cj + 2 * ldc).add(s20); (cj + 2 * ldc + 16).add(s21) }
                    if rows > 3 { (cj + 3 * ldc).add(s30); (cj + 3 * ldc + 16).add(s31) }
                } else {
                    cj.store(s00); (cj + 16).store(s01)
                    if rows > 1 { (cj + ldc).store(s10); (cj + ldc + 16).store(s11) }
                    if rows > 2 { (cj + 2 * ldc).store(s20); (cj + 2 * ldc + 16).store(s21) }
                    if rows > 3 { (cj + 3 * ldc).store(s30); (cj + 3 * ldc + 16).store(s31) }
                }
                j += 32
            }
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
                let cj = c0 + j
                if accumulate && bias == nil {
                    cj.add(s0)
                    if rows > 1 { (cj + ldc).add(s1) }
                    if rows > 2 { (cj + 2 * ldc).add(s2) }
                    if rows > 3 { (cj + 3 * ldc).add(s3) }
                } else {
                    cj.store(s0)
                    if rows > 1 { (cj + ldc).store(s1) }
                    if rows > 2 { (cj + 2 * ldc).store(s2) }
                    if rows > 3 { (cj + 3 * ldc).store(s3) }
                }
                j += 16
            }
            i += 4
        }
    }
}
