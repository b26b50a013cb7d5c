// MARK: - The fast distorter (one per worker thread)

/// Distorts 28×28 images with preallocated buffers: the same draws as `DistortionSample.draw`, the
/// Gaussian smoothing as two 32-lane passes (`SIMD16` pairs, rows padded to 32 columns) instead of the
/// reference's scalar loops, and the bilinear resampling 16 pixels at a time from a copy of the image with
/// a 2-pixel border of zeros (so no bounds tests: points farther out are clamped onto the border, where
/// every neighbour is 0, as `bilinearSample` returns). The resampling does the reference's operations in
/// its order, so without elastic part the result equals `Reference.distort` exactly; the elastic fields
/// differ from the reference's by Float rounding (the passes sum in another order, with fused
/// multiply-adds).
///
/// Not thread-safe: one per worker thread.
public final class ImageDistorter {
    /// The ranges every image is distorted with.
    public let ranges: DistortionRanges
    private let kernel: [Float]
    private let radius: Int
    /// The image as Floats with a border of 2 zero pixels: 32 × 32, row-major.
    private let image: UnsafeMutablePointer<Float>
    /// Raw noise, 2 × 784.
    private let noise: UnsafeMutablePointer<Float>
    /// One zero-padded row for the horizontal pass: `2·radius + 32` floats.
    private let paddedRow: UnsafeMutablePointer<Float>
    /// The horizontal pass's output with `radius` zero rows above and below, stride 32.
    private let rowPass: UnsafeMutablePointer<Float>
    /// The two displacement fields, 28 rows of stride 32 each.
    private let fields: UnsafeMutablePointer<Float>

    /// - Parameter ranges: the distortion ranges; `elasticSigma > 0` when elastic.
    public init(ranges: DistortionRanges) {
        self.ranges = ranges
        kernel = ranges.isElastic ? gaussianKernel(sigma: Double(ranges.elasticSigma)) : [1]
        radius = kernel.count / 2
        image = allocateFloats(32 * 32)
        noise = allocateFloats(2 * 784)
        paddedRow = allocateFloats(2 * radius + 32)
        rowPass = allocateFloats((28 + 2 * radius) * 32)
        fields = allocateFloats(2 * 28 * 32)
    }

    deinit {
        image.deallocate()
        noise.deallocate()
        paddedRow.deallocate()
        rowPass.deallocate()
        fields.deallocate()
    }

    /// Distorts one image with draws from `rng` (see `DistortionSample` for their order).
    /// - Parameters:
    ///   - pixels: 784 bytes, row-major.
    ///   - out: receives 784 values on the byte scale (0...255, not normalised), row-major.
    public func distort(_ pixels: UnsafePointer<UInt8>, into out: UnsafeMutablePointer<Float>,
                        using rng: inout SplitMix64) {
        for y in 0..<28 {
            for x in 0..<28 { image[(y + 2) * 32 + x + 2] = Float(pixels[y * 28 + x]) }
        }
        let warp = DistortionSample.drawWarp(ranges, using: &rng)
        let elastic = ranges.isElastic
        if elastic {
            DistortionSample.fillElasticNoise(noise, count: 2 * 784, using: &rng)
            smooth(noise, into: fields)
            smooth(noise + 784, into: fields + 28 * 32)
        }
        // Columns 0-15 and 12-27 (the overlap is written twice with the same values).
        let lanes = Vec(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
        for y in 0..<28 {
            for first in [0, 12] {
                var px = lanes + Vec(repeating: Float(first)), py = Vec(repeating: Float(y))
                if elastic {
                    px += UnsafePointer(fields + y * 32 + first).vec()
                    py += UnsafePointer(fields + 28 * 32 + y * 32 + first).vec()
                }
                (out + y * 28 + first).store(sample(warp, px, py))
            }
        }
    }

    /// 16 outputs of `bilinearSample` at `warp.source(px, py)` (the same operations in the same order),
    /// reading the bordered image.
    @inline(__always)
    private func sample(_ warp: AffineWarp, _ px: Vec, _ py: Vec) -> Vec {
        let centre = Vec(repeating: AffineWarp.centre)
        let u = px - centre - Vec(repeating: warp.shift.x), v = py - centre - Vec(repeating: warp.shift.y)
        let a = warp.inverse
        var sx = centre + (Vec(repeating: a[0]) * u + Vec(repeating: a[1]) * v)
        var sy = centre + (Vec(repeating: a[2]) * u + Vec(repeating: a[3]) * v)
        // Beyond [−2, 28.5] every neighbour is a border zero either way.
        let (low, high) = (Vec(repeating: -2), Vec(repeating: 28.5))
        sx = sx.replacing(with: low, where: .!(sx .>= low)).replacing(with: high, where: sx .> high)
        sy = sy.replacing(with: low, where: .!(sy .>= low)).replacing(with: high, where: sy .> high)
        let x0 = sx.rounded(.down), y0 = sy.rounded(.down)
        let fx = sx - x0, fy = sy - y0
        let index = SIMD16<Int32>(y0 + 2) &* 32 &+ SIMD16<Int32>(x0 + 2)
        var p00 = Vec(), p01 = Vec(), p10 = Vec(), p11 = Vec()
        for lane in 0..<16 {
            let base = image + Int(index[lane])
            p00[lane] = base[0]
            p01[lane] = base[1]
            p10[lane] = base[32]
            p11[lane] = base[33]
        }
        let one = Vec(repeating: 1)
        let top = (one - fx) * p00 + fx * p01
        let bottom = (one - fx) * p10 + fx * p11
        return (one - fy) * top + fy * bottom
    }

    /// The displacement fields of the last elastic `distort` (x then y, 784 each, row-major), for tests
    /// and pictures.
    public var lastDisplacements: (x: [Float], y: [Float]) {
        var x = [Float](), y = [Float]()
        for row in 0..<28 {
            for column in 0..<28 {
                x.append(fields[row * 32 + column])
                y.append(fields[28 * 32 + row * 32 + column])
            }
        }
        return (x, y)
    }

    /// Gaussian smoothing of one 28×28 field (row-major) into `out` (stride 32), times α: rows, then
    /// columns, zeros outside.
    private func smooth(_ field: UnsafeMutablePointer<Float>, into out: UnsafeMutablePointer<Float>) {
        let taps = kernel.count, r = radius
        kernel.withUnsafeBufferPointer { w in
            // Horizontal: row y of the output, 32 lanes (28 used), into rowPass row r + y.
            for y in 0..<28 {
                (paddedRow + r).update(from: field + y * 28, count: 28)
                var low = Vec(), high = Vec()
                for k in 0..<taps {
                    let weight = Vec(repeating: w[k])
                    low.multiplyAdd(weight, UnsafePointer(paddedRow + k).vec())
                    high.multiplyAdd(weight, UnsafePointer(paddedRow + k + 16).vec())
                }
                (rowPass + (r + y) * 32).store(low)
                (rowPass + (r + y) * 32 + 16).store(high)
            }
            // Vertical: rows outside the field are the zero rows above and below.
            let alpha = Vec(repeating: ranges.elasticAlpha)
            for y in 0..<28 {
                var low = Vec(), high = Vec()
                for k in 0..<taps {
                    let weight = Vec(repeating: w[k])
                    let row = UnsafePointer(rowPass + (y + k) * 32)
                    low.multiplyAdd(weight, row.vec())
                    high.multiplyAdd(weight, (row + 16).vec())
                }
                (out + y * 32).store(low * alpha)
                (out + y * 32 + 16).store(high * alpha)
            }
        }
    }
}
