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
    /// The field's 28 rows zero-padded for the horizontal pass: `2·radius + 32` floats each.
    private let paddedRows: UnsafeMutablePointer<Float>
    /// The horizontal pass's output with `radius` zero rows above and below, stride 32.
    private let rowPass: UnsafeMutablePointer<Float>
    /// The two displacement fields, 28 rows of stride 32 each.
    private let fields: UnsafeMutablePointer<Float>
    /// 16 lanes' neighbour indices (16 floats), and their four neighbours (64 floats).
    private let lanesBuffer: UnsafeMutablePointer<Float>
    private let gathered: UnsafeMutablePointer<Float>

    /// - Parameter ranges: the distortion ranges; `elasticSigma > 0` when elastic.
    public init(ranges: DistortionRanges) {
        self.ranges = ranges
        kernel = ranges.isElastic ? gaussianKernel(sigma: Double(ranges.elasticSigma)) : [1]
        radius = kernel.count / 2
        image = allocateFloats(32 * 32)
        noise = allocateFloats(2 * 784)
        paddedRows = allocateFloats(28 * (2 * radius + 32))
        rowPass = allocateFloats((28 + 2 * radius) * 32)
        fields = allocateFloats(2 * 28 * 32)
        lanesBuffer = allocateFloats(16)
        gathered = allocateFloats(64)
    }

    deinit {
        image.deallocate()
        noise.deallocate()
        paddedRows.deallocate()
        rowPass.deallocate()
        fields.deallocate()
        lanesBuffer.deallocate()
        gathered.deallocate()
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
            for first in stride(from: 0, through: 12, by: 12) {
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
        // The four neighbours of each lane, gathered with scalar loads (vector ↔ integer conversions and
        // lane subscripts of Swift's SIMD types are slow; buffers are not).
        // Index of the top-left neighbour in the bordered image, exact in Float (below 2^24).
        let corner = lanesBuffer
        corner.store((y0 + Vec(repeating: 2)) * Vec(repeating: 32) + x0 + Vec(repeating: 2))
        let p00 = gathered, p01 = gathered + 16, p10 = gathered + 32, p11 = gathered + 48
        for lane in 0..<16 {
            let base = image + Int(Int32(corner[lane]))
            p00[lane] = base[0]
            p01[lane] = base[1]
            p10[lane] = base[32]
            p11[lane] = base[33]
        }
        let (v00, v01, v10, v11) = (UnsafePointer(p00).vec(), UnsafePointer(p01).vec(), UnsafePointer(p10).vec(),
                                    UnsafePointer(p11).vec())
        let one = Vec(repeating: 1)
        let top = (one - fx) * v00 + fx * v01
        let bottom = (one - fx) * v10 + fx * v11
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
    /// columns, zeros outside. Four rows at a time, so eight independent multiply-add chains hide the
    /// instruction's latency (two chains were latency-bound).
    private func smooth(_ field: UnsafeMutablePointer<Float>, into out: UnsafeMutablePointer<Float>) {
        let taps = kernel.count, r = radius, width = 2 * r + 32
        kernel.withUnsafeBufferPointer { w in
            // Horizontal: each row zero-padded by r on the left (and ≥ r + 4 on the right), 32 lanes out.
            for y in 0..<28 { (paddedRows + y * width + r).update(from: field + y * 28, count: 28) }
            for y in stride(from: 0, to: 28, by: 4) {
                var a0 = Vec(), a1 = Vec(), a2 = Vec(), a3 = Vec(), b0 = Vec(), b1 = Vec(), b2 = Vec(), b3 = Vec()
                let row = UnsafePointer(paddedRows + y * width)
                for k in 0..<taps {
                    let weight = Vec(repeating: w[k])
                    let p = row + k
                    a0.multiplyAdd(weight, p.vec()); b0.multiplyAdd(weight, (p + 16).vec())
                    a1.multiplyAdd(weight, (p + width).vec()); b1.multiplyAdd(weight, (p + width + 16).vec())
                    a2.multiplyAdd(weight, (p + 2 * width).vec()); b2.multiplyAdd(weight, (p + 2 * width + 16).vec())
                    a3.multiplyAdd(weight, (p + 3 * width).vec()); b3.multiplyAdd(weight, (p + 3 * width + 16).vec())
                }
                let o = rowPass + (r + y) * 32
                o.store(a0); (o + 16).store(b0); (o + 32).store(a1); (o + 48).store(b1)
                (o + 64).store(a2); (o + 80).store(b2); (o + 96).store(a3); (o + 112).store(b3)
            }
            // Vertical: rows outside the field are the zero rows above and below.
            let alpha = Vec(repeating: ranges.elasticAlpha)
            for y in stride(from: 0, to: 28, by: 4) {
                var a0 = Vec(), a1 = Vec(), a2 = Vec(), a3 = Vec(), b0 = Vec(), b1 = Vec(), b2 = Vec(), b3 = Vec()
                for k in 0..<taps {
                    let weight = Vec(repeating: w[k])
                    let p = UnsafePointer(rowPass + (y + k) * 32)
                    a0.multiplyAdd(weight, p.vec()); b0.multiplyAdd(weight, (p + 16).vec())
                    a1.multiplyAdd(weight, (p + 32).vec()); b1.multiplyAdd(weight, (p + 48).vec())
                    a2.multiplyAdd(weight, (p + 64).vec()); b2.multiplyAdd(weight, (p + 80).vec())
                    a3.multiplyAdd(weight, (p + 96).vec()); b3.multiplyAdd(weight, (p + 112).vec())
                }
                let o = out + y * 32
                o.store(a0 * alpha); (o + 16).store(b0 * alpha); (o + 32).store(a1 * alpha); (o + 48).store(b1 * alpha)
                (o + 64).store(a2 * alpha); (o + 80).store(b2 * alpha); (o + 96).store(a3 * alpha); (o + 112).store(b3 * alpha)
            }
        }
    }
}
