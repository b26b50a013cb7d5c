// MARK: - Bilinear resampling of a 28×28 image

/// Samples a 28×28 image (row-major, any value scale) at `(x, y)` (column, row; pixel centres at integers)
/// by bilinear interpolation, with zeros outside the image: PyTorch's
/// `grid_sample(mode="bilinear", padding_mode="zeros", align_corners=True)` at pixel coordinates.
///
/// With `x0 = ⌊x⌋`, `fx = x − x0` (and the same for y), the value is
/// `(1 − fy)·((1 − fx)·I[y0][x0] + fx·I[y0][x0+1]) + fy·((1 − fx)·I[y0+1][x0] + fx·I[y0+1][x0+1])`,
/// `I` = 0 outside 0...27. At integer coordinates it returns the pixel exactly.
@inline(__always)
func bilinearSample(_ image: UnsafePointer<Float>, x: Float, y: Float) -> Float {
    let side = 28
    let fx0 = x.rounded(.down), fy0 = y.rounded(.down)
    // Far outside (including NaN): nothing to read.
    guard fx0 >= -1, fx0 <= 27, fy0 >= -1, fy0 <= 27 else { return 0 }
    let x0 = Int(fx0), y0 = Int(fy0)
    let fx = x - fx0, fy = y - fy0
    @inline(__always) func pixel(_ row: Int, _ column: Int) -> Float {
        row >= 0 && row < side && column >= 0 && column < side ? image[row * side + column] : 0
    }
    let top = (1 - fx) * pixel(y0, x0) + fx * pixel(y0, x0 + 1)
    let bottom = (1 - fx) * pixel(y0 + 1, x0) + fx * pixel(y0 + 1, x0 + 1)
    return (1 - fy) * top + fy * bottom
}

extension Reference {
    /// Resamples a 28×28 image: output pixel `(x, y)` is the input sampled bilinearly (zeros outside) at
    /// `warp.source(x + dx, y + dy)`, where `(dx, dy)` is the displacement at `(x, y)` (zero when
    /// `displacementX`/`displacementY` are nil).
    ///
    /// - Parameters:
    ///   - image: 784 values, row-major `(28, 28)`.
    ///   - warp: the affine part.
    ///   - displacementX, displacementY: 784 values each, row-major, in pixels, or nil.
    /// - Returns: 784 values, row-major.
    public static func warpImage(_ image: [Float], warp: AffineWarp, displacementX: [Float]? = nil,
                                 displacementY: [Float]? = nil) -> [Float] {
        precondition(image.count == 784, "warpImage: the image must have 784 pixels")
        var out = [Float](repeating: 0, count: 784)
        image.withUnsafeBufferPointer { source in
            for y in 0..<28 {
                for x in 0..<28 {
                    let dx = displacementX?[y * 28 + x] ?? 0, dy = displacementY?[y * 28 + x] ?? 0
                    let point = warp.source(x: Float(x) + dx, y: Float(y) + dy)
                    out[y * 28 + x] = bilinearSample(source.baseAddress!, x: point.x, y: point.y)
                }
            }
        }
        return out
    }
}
