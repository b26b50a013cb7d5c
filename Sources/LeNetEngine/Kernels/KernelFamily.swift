// MARK: - Kernel family

/// The vector kernels a build of the engine uses, fixed at build time from the CPU it targets:
/// Package.swift reads `LENET_TARGET_CPU` (default `native`, the build machine's `/proc/cpuinfo` flags)
/// and defines `LENET_AVX512`, `LENET_AVX2` or `LENET_NEON` (docs/DECISIONS.md, "Kernel families").
///
/// The family sets the width of `Reg` (one hardware vector register of Float32) and the register tiles
/// of the kernels whose tiles would not fit the register file otherwise (`Dense.multiply`, c1's weight
/// gradient): AVX-512 16 lanes × 32 registers, AVX2 8 lanes × 16 registers, NEON 4 lanes × 32
/// registers, the portable family 4 lanes × 16 registers without fused multiply-add. The data layouts
/// (whole 16-float vectors, `Vec`) are the same in every family, and the sum order of every value too,
/// so the families differ only where a multiply-add is fused or not.
public struct KernelFamily: Sendable, Equatable, CustomStringConvertible {
    /// `avx512`, `avx2`, `neon` or `portable`.
    public let name: String
    /// Float32 lanes per vector register (`Reg.scalarCount`).
    public let lanes: Int
    /// Vector registers the register tiles are sized for.
    public let registers: Int
    /// Whether `multiplyAdd` is one fused multiply-add (one rounding) or a multiply then an add.
    public let fusedMultiplyAdd: Bool

    /// `"avx2 8-lane"`: the family and its lanes, as `bench --json` (`kernels`) and `--version` print it.
    public var description: String { "\(name) \(lanes)-lane" }

    /// The family this build was compiled for.
    public static let current: KernelFamily = {
        #if LENET_AVX512
        return KernelFamily(name: "avx512", lanes: Reg.scalarCount, registers: 32, fusedMultiplyAdd: true)
        #elseif LENET_AVX2
        return KernelFamily(name: "avx2", lanes: Reg.scalarCount, registers: 16, fusedMultiplyAdd: true)
        #elseif LENET_NEON
        return KernelFamily(name: "neon", lanes: Reg.scalarCount, registers: 32, fusedMultiplyAdd: true)
        #else
        return KernelFamily(name: "portable", lanes: Reg.scalarCount, registers: 16, fusedMultiplyAdd: false)
        #endif
    }()
}

#if LENET_AVX512
/// One vector register of Float32 in this build's kernel family (`KernelFamily.current`).
typealias Reg = SIMD16<Float>
#elseif LENET_AVX2
/// One vector register of Float32 in this build's kernel family (`KernelFamily.current`).
typealias Reg = SIMD8<Float>
#else
/// One vector register of Float32 in this build's kernel family (`KernelFamily.current`).
typealias Reg = SIMD4<Float>
#endif
