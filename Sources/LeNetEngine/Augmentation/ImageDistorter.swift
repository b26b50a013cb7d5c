// MARK: - The fast distorter (one per worker thread)

/// Distorts 28×28 images with preallocated buffers: the same draws as `DistortionSample.draw`, the
/// Gaussian smoothing as two 32-lane passes (`SIMD16` pairs, rows padded to 32 columns) instead of the
/// reference's scalar loops, and the bilinear resampling of `bilinearSample`. The result matches
/// `Reference.distort` within Float rounding (the passes sum in another order, with fused multiply-adds).
///
/// Not thread-safe: one per worker thread.
public final class ImageDistorter {
    /// The ranges every image is distorted with.
    public let ranges: DistortionRanges
    private let kernel: [Float]
    private let radius: Int
    /// Image as Floats, 784.
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
        image = allocateFloats(784)
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
        for i in 0..<784 { image[i] = Float(pixels[i]) }
        let warp = DistortionSample.drawWarp(ranges, using: &rng)
        guard ranges.isElastic else {
            for y in 0..<28 {
                for x in 0..<28 {
                    let point = warp.source(x: Float(x), y: Float(y))
                    out[y * 28 + x] = bilinearSample(image, x: point.x, y: point.y)
                }
            }
            return
        }
        DistortionSample.fillElasticNoise(noise, count: 2 * 784, using: &rng)
        smooth(noise, into: fields)
        smooth(noise + 784, into: fields + 28 * 32)
        for y in 0..<28 {
            for x in 0..<28 {
                let point = warp.source(x: Float(x) + fields[y * 32 + x], y: Float(y) + fields[28 * 32 + y * 32 + x])
                out[y * 28 + x] = bilinearSample(image, x: point.x, y: point.y)
            }
        }
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
