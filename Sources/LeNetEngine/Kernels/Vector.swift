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
extension SIMD16 where Scalar == Float {
    /// `self += a · b` (see above).
    @inline(__always)
    mutating func multiplyAdd(_ a: Self, _ b: Self) {
        #if LENET_FMA
        addProduct(a, b)
        #else
        self += a * b
        #endif
    }
}

extension SIMD8 where Scalar == Float {
    /// `self += a · b` (see above).
    @inline(__always)
    mutating func multiplyAdd(_ a: Self, _ b: Self) {
        #if LENET_FMA
        addProduct(a, b)
        #else
        self += a * b
        #endif
    }
}

extension SIMD4 where Scalar == Float {
    /// `self += a · b` (see above).
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
    /// The 16 floats at `self`, any alignment.
    @inline(__always) func load() -> SIMD16<Float> { UnsafeRawPointer(self).loadUnaligned(as: SIMD16<Float>.self) }
    /// The 8 floats at `self`, any alignment.
    @inline(__always) func load() -> SIMD8<Float> { UnsafeRawPointer(self).loadUnaligned(as: SIMD8<Float>.self) }
    /// The 4 floats at `self`, any alignment.
    @inline(__always) func load() -> SIMD4<Float> { UnsafeRawPointer(self).loadUnaligned(as: SIMD4<Float>.self) }
}

extension UnsafeMutablePointer where Pointee == Float {
    /// The 16 floats at `self`, any alignment.
    @inline(__always) func vec() -> Vec { UnsafeRawPointer(self).loadUnaligned(as: Vec.self) }
    /// The 16 floats at `self`, any alignment.
    @inline(__always) func load() -> SIMD16<Float> { UnsafeRawPointer(self).loadUnaligned(as: SIMD16<Float>.self) }
    /// Writes 16 floats at `self`, any alignment.
    @inline(__always) func store(_ v: SIMD16<Float>) { UnsafeMutableRawPointer(self).storeBytes(of: v, as: SIMD16<Float>.self) }
    /// `self[0..<16] += v`.
    @inline(__always) func add(_ v: SIMD16<Float>) { store(UnsafeRawPointer(self).loadUnaligned(as: SIMD16<Float>.self) + v) }
    /// The 8 floats at `self`, any alignment.
    @inline(__always) func load() -> SIMD8<Float> { UnsafeRawPointer(self).loadUnaligned(as: SIMD8<Float>.self) }
    /// Writes 8 floats at `self`, any alignment.
    @inline(__always) func store(_ v: SIMD8<Float>) { UnsafeMutableRawPointer(self).storeBytes(of: v, as: SIMD8<Float>.self) }
    /// `self[0..<8] += v`.
    @inline(__always) func add(_ v: SIMD8<Float>) { store(UnsafeRawPointer(self).loadUnaligned(as: SIMD8<Float>.self) + v) }
    /// The 4 floats at `self`, any alignment.
    @inline(__always) func load() -> SIMD4<Float> { UnsafeRawPointer(self).loadUnaligned(as: SIMD4<Float>.self) }
    /// Writes 4 floats at `self`, any alignment.
    @inline(__always) func store(_ v: SIMD4<Float>) { UnsafeMutableRawPointer(self).storeBytes(of: v, as: SIMD4<Float>.self) }
    /// `self[0..<4] += v`.
    @inline(__always) func add(_ v: SIMD4<Float>) { store(UnsafeRawPointer(self).loadUnaligned(as: SIMD4<Float>.self) + v) }
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
