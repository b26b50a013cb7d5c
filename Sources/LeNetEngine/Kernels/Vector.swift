// MARK: - SIMD helpers for the fast path

/// The fast path's layout unit: 16 Float32 lanes (one AVX-512 register, two AVX2 or four NEON
/// registers). Every buffer is laid out in whole `Vec`s in every kernel family; `Reg` (KernelFamily.swift)
/// is one register of the build's family.
typealias Vec = SIMD16<Float>
typealias HalfVec = SIMD8<Float>

extension SIMD where Scalar == Float {
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
    /// The `V.scalarCount` floats at `self` (a `Reg`, `Vec`, ...), any alignment.
    @inline(__always) func load<V: SIMD>(_ type: V.Type = V.self) -> V where V.Scalar == Float {
        UnsafeRawPointer(self).loadUnaligned(as: V.self)
    }
}

extension UnsafeMutablePointer where Pointee == Float {
    /// The 16 floats at `self`, any alignment.
    @inline(__always) func vec() -> Vec { UnsafeRawPointer(self).loadUnaligned(as: Vec.self) }
    /// The `V.scalarCount` floats at `self` (a `Reg`, `Vec`, ...), any alignment.
    @inline(__always) func load<V: SIMD>(_ type: V.Type = V.self) -> V where V.Scalar == Float {
        UnsafeRawPointer(self).loadUnaligned(as: V.self)
    }
    /// Writes `v.scalarCount` floats at `self`, any alignment.
    @inline(__always) func store<V: SIMD>(_ v: V) where V.Scalar == Float {
        UnsafeMutableRawPointer(self).storeBytes(of: v, as: V.self)
    }
    /// `self[0..<v.scalarCount] += v`.
    @inline(__always) func add<V: SIMD>(_ v: V) where V.Scalar == Float { store(load(V.self) + v) }
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
