#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Gaussian smoothing of a 28×28 field

/// The normalised 1-D Gaussian kernel of standard deviation `sigma` pixels, truncated at 3σ:
/// `radius = Int(3σ + 0.5)` (scipy.ndimage's rule with `truncate=3`), `2·radius + 1` taps,
/// `w[k] = exp(−k² / (2σ²)) / Σ_j exp(−j² / (2σ²))` for `k = −radius ... radius`, computed in Double.
/// - Precondition: `sigma > 0`.
public func gaussianKernel(sigma: Double) -> [Float] {
    precondition(sigma > 0, "gaussianKernel: sigma must be positive")
    let radius = Int(3 * sigma + 0.5)
    let raw = (-radius ... radius).map { k in exp(-Double(k * k) / (2 * sigma * sigma)) }
    let sum = raw.reduce(0, +)
    return raw.map { Float($0 / sum) }
}

extension Reference {
    /// A 28×28 field (row-major) convolved with the separable Gaussian `kernel` (odd length, centred) along
    /// rows and then columns, with zeros outside the field: scipy's `gaussian_filter(mode="constant",
    /// cval=0)`, or PyTorch's `conv2d` with the kernel's outer product and zero padding.
    /// - Returns: 784 values, row-major, times `gain`.
    public static func gaussianSmooth(_ field: [Float], kernel: [Float], gain: Float = 1) -> [Float] {
        precondition(field.count == 784 && kernel.count % 2 == 1, "gaussianSmooth: a 28×28 field and an odd kernel")
        let radius = kernel.count / 2
        var rows = [Float](repeating: 0, count: 784)
        for y in 0..<28 {
            for x in 0..<28 {
                var sum: Float = 0
                for k in -radius ... radius where x + k >= 0 && x + k < 28 {
                    sum += kernel[k + radius] * field[y * 28 + x + k]
                }
                rows[y * 28 + x] = sum
            }
        }
        var out = [Float](repeating: 0, count: 784)
        for y in 0..<28 {
            for x in 0..<28 {
                var sum: Float = 0
                for k in -radius ... radius where y + k >= 0 && y + k < 28 {
                    sum += kernel[k + radius] * rows[(y + k) * 28 + x]
                }
                out[y * 28 + x] = sum * gain
            }
        }
        return out
    }
}
