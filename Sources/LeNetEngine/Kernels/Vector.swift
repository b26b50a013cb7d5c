// MARK: - SIMD helpers for the fast path

/// The fast path's layout unit: 16 Float32 lanes (one AVX-512 register, two AVX2 or four NEON
/// registers). Every buffer is laid out in whole `Vec`s in every kernel family; `Reg` (KernelFamily.swift)
/// is one register of the build's family.
typealias Vec = SIMD16<Float>
typealias HalfVec = SIMD8<Float>

/// `self += a · b`: a fused multiply-add (one rounding, unlike the reference kernels' two; the tests'
/// tolerances cover the difference) when the build targets a CPU with FMA instructions
/// (`LENET_FMA`, set by Package.swift for the AVX-512, AVX2 and NEON kernel families); without them
/// LLVM would call libm's `fmaf` per lane, so a separate multiply and add is used instead.
///
/// The helpers here are written once per vector type, not generically over `SIMD`: debug builds compile
/// file by file (no `-wmo`), where a generic helper called from another file stays unspecialised and
/// runs through the protocol's witnesses, hundreds of times slower.
/// `x += a · b` for any vector type, called by the per-type `multiplyAdd`s from this file only (so it is
/// specialised in every build).
@inline(__always)
private func fusedMultiplyAdd<V: SIMD>(_ x: inout V, _ a: V, _ b: V) where V.Scalar == Float {
    #if LENET_FMA
    x.addProduct(a, b)
    #else
    x += a * b
    #endif
}

/// The vector at `p`, any alignment (for the per-type `load`s and `add`s of this file). The per-type
/// helpers keep these generic bodies because LLVM schedules the AVX2 tiles better from them: with
/// `loadUnaligned` and `storeBytes` written on each concrete type, Dense's 6 × 16 tile spilled 3
/// accumulators to the stack (AVX2 training 28.4k vs 35.8k images/s per thread).
@inline(__always)
private func loadVector<V: SIMD>(_ p: UnsafeRawPointer) -> V where V.Scalar == Float { p.loadUnaligned(as: V.self) }

/// Writes `v` at `p`, any alignment (for the per-type `store`s and `add`s of this file).
@inline(__always)
private func storeVector<V: SIMD>(_ v: V, _ p: UnsafeMutableRawPointer) where V.Scalar == Float {
    p.storeBytes(of: v, as: V.self)
}

extension SIMD16 where Scalar == Float {
    /// `self += a · b` (see above).
    @inline(__always)
    mutating func multiplyAdd(_ a: Self, _ b: Self) { fusedMultiplyAdd(&self, a, b) }
}

extension SIMD8 where Scalar == Float {
    /// `self += a · b` (see above).
    @inline(__always)
    mutating func multiplyAdd(_ a: Self, _ b: Self) { fusedMultiplyAdd(&self, a, b) }
}

extension SIMD4 where Scalar == Float {
    /// `self += a · b` (see above).
    @inline(__always)
    mutating func multiplyAdd(_ a: Self, _ b: Self) { fusedMultiplyAdd(&self, a, b) }
}

extension UnsafePointer where Pointee == Float {
    /// The 16 floats at `self`, any alignment.
    @inline(__always) func vec() -> Vec { UnsafeRawPointer(self).loadUnaligned(as: Vec.self) }
    /// The 16 floats at `self`, any alignment.
    @inline(__always) func load() -> SIMD16<Float> { loadVector(UnsafeRawPointer(self)) }
    /// The 8 floats at `self`, any alignment.
    @inline(__always) func load() -> SIMD8<Float> { loadVector(UnsafeRawPointer(self)) }
    /// The 4 floats at `self`, any alignment.
    @inline(__always) func load() -> SIMD4<Float> { loadVector(UnsafeRawPointer(self)) }
}

extension UnsafeMutablePointer where Pointee == Float {
    /// The 16 floats at `self`, any alignment.
    @inline(__always) func vec() -> Vec { UnsafeRawPointer(self).loadUnaligned(as: Vec.self) }
    /// The 16 floats at `self`, any alignment.
    @inline(__always) func load() -> SIMD16<Float> { loadVector(UnsafeRawPointer(self)) }
    /// Writes 16 floats at `self`, any alignment.
    @inline(__always) func store(_ v: SIMD16<Float>) { storeVector(v, UnsafeMutableRawPointer(self)) }
    /// `self[0..<16] += v`.
    @inline(__always) func add(_ v: SIMD16<Float>) { storeVector(loadVector(UnsafeRawPointer(self)) + v, UnsafeMutableRawPointer(self)) }
    /// The 8 floats at `self`, any alignment.
    @inline(__always) func load() -> SIMD8<Float> { loadVector(UnsafeRawPointer(self)) }
    /// Writes 8 floats at `self`, any alignment.
    @inline(__always) func store(_ v: SIMD8<Float>) { storeVector(v, UnsafeMutableRawPointer(self)) }
    /// `self[0..<8] += v`.
    @inline(__always) func add(_ v: SIMD8<Float>) { storeVector(loadVector(UnsafeRawPointer(self)) + v, UnsafeMutableRawPointer(self)) }
    /// The 4 floats at `self`, any alignment.
    @inline(__always) func load() -> SIMD4<Float> { loadVector(UnsafeRawPointer(self)) }
    /// Writes 4 floats at `self`, any alignment.
    @inline(__always) func store(_ v: SIMD4<Float>) { storeVector(v, UnsafeMutableRawPointer(self)) }
    /// `self[0..<4] += v`.
    @inline(__always) func add(_ v: SIMD4<Float>) { storeVector(loadVector(UnsafeRawPointer(self)) + v, UnsafeMutableRawPointer(self)) }
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
