// MARK: - Random distortions: the ranges and one image's draw

/// The ranges random distortions of a training image are drawn from (Simard, Steinkraus and Platt,
/// "Best practices for convolutional neural networks applied to visual document analysis", ICDAR 2003:
/// affine distortions and elastic deformations). All zero = no distortion.
public struct DistortionRanges: Sendable, Equatable {
    /// Largest shift in pixels: `dx`, `dy` uniform in `[−shift, shift]` (sub-pixel).
    public var shift: Float
    /// Largest rotation in degrees: θ uniform in `[−rotation, rotation]`.
    public var rotation: Float
    /// Largest relative change of size: the scale factor is uniform in `[1 − scale, 1 + scale]`.
    public var scale: Float
    /// Largest horizontal shear in degrees: φ uniform in `[−shear, shear]`.
    public var shear: Float
    /// Elastic deformation strength α in pixels (0 = none): the displacement fields are uniform noise in
    /// [−1, 1] per pixel, smoothed by a Gaussian of σ = `elasticSigma`, times α.
    public var elasticAlpha: Float
    /// Elastic deformation smoothness σ in pixels (Simard et al.: σ = 4 with α = 34 for MNIST).
    public var elasticSigma: Float

    /// - Parameters: see the properties; `elasticSigma` must be positive when `elasticAlpha` is not 0.
    public init(shift: Float = 0, rotation: Float = 0, scale: Float = 0, shear: Float = 0,
                elasticAlpha: Float = 0, elasticSigma: Float = 4) {
        self.shift = shift
        self.rotation = rotation
        self.scale = scale
        self.shear = shear
        self.elasticAlpha = elasticAlpha
        self.elasticSigma = elasticSigma
    }

    /// No distortion at all.
    public static let none = DistortionRanges()

    /// Whether these ranges leave every image unchanged.
    public var isIdentity: Bool {
        shift == 0 && rotation == 0 && scale == 0 && shear == 0 && elasticAlpha == 0
    }

    /// Whether an elastic deformation is drawn.
    public var isElastic: Bool { elasticAlpha != 0 }
}

/// One image's random distortion, drawn from `DistortionRanges` (the plain form: arrays; `ImageDistorter`
/// draws the same numbers into its buffers).
///
/// Draw order from the generator, which fixes the numbers for a seed: rotation, scale, shear, shift x,
/// shift y (each `range · (2u − 1)`, `u` = `SplitMix64.nextFloat()`, drawn even when the range is 0), then,
/// only when elastic, the noise of the x field and of the y field, 784 values each, row-major, four per
/// 64-bit draw (`fillElasticNoise`).
public struct DistortionSample: Sendable, Equatable {
    /// The affine part.
    public var warp: AffineWarp
    /// The elastic part's raw noise, uniform in [−1, 1) before smoothing (784 each), or nil.
    public var noiseX: [Float]?
    /// See `noiseX`.
    public var noiseY: [Float]?

    /// Draws one sample from `ranges` with `rng`.
    public static func draw(_ ranges: DistortionRanges, using rng: inout SplitMix64) -> DistortionSample {
        let warp = drawWarp(ranges, using: &rng)
        guard ranges.isElastic else { return DistortionSample(warp: warp, noiseX: nil, noiseY: nil) }
        var noise = [Float](repeating: 0, count: 2 * 784)
        noise.withUnsafeMutableBufferPointer { fillElasticNoise($0.baseAddress!, count: 2 * 784, using: &rng) }
        return DistortionSample(warp: warp, noiseX: Array(noise[0..<784]), noiseY: Array(noise[784...]))
    }

    /// The affine part's five draws (see the type's draw order).
    static func drawWarp(_ ranges: DistortionRanges, using rng: inout SplitMix64) -> AffineWarp {
        @inline(__always) func symmetric(_ range: Float) -> Double {
            Double(range * (2 * rng.nextFloat() - 1))
        }
        let rotation = symmetric(ranges.rotation)
        let scale = 1 + symmetric(ranges.scale)
        let shear = symmetric(ranges.shear)
        let shiftX = symmetric(ranges.shift)
        let shiftY = symmetric(ranges.shift)
        return AffineWarp(rotationDegrees: rotation, scale: scale, shearDegrees: shear, shiftX: shiftX, shiftY: shiftY)
    }

    /// Writes `count` (a multiple of 4) uniform values in [−1, 1) to `out`, four per 64-bit draw: its
    /// 16-bit quarters from the top down, each `bits · 2⁻¹⁵ − 1` (65,536 levels; the noise is smoothed over
    /// some 25 × 25 pixels, so finer levels would change nothing but the cost, and 784 draws per field
    /// pair cost a quarter of an image's distortion).
    static func fillElasticNoise(_ out: UnsafeMutablePointer<Float>, count: Int, using rng: inout SplitMix64) {
        var i = 0
        while i < count {
            let bits = rng.next()
            out[i] = Float(bits >> 48) * 0x1p-15 - 1
            out[i + 1] = Float((bits >> 32) & 0xFFFF) * 0x1p-15 - 1
            out[i + 2] = Float((bits >> 16) & 0xFFFF) * 0x1p-15 - 1
            out[i + 3] = Float(bits & 0xFFFF) * 0x1p-15 - 1
            i += 4
        }
    }

    /// The Gaussian-smoothed, α-scaled displacement fields `(x, y)` of this sample (784 each, row-major),
    /// or nil when it has no elastic part. Plain reference form (`Reference.gaussianSmooth`).
    public func displacements(_ ranges: DistortionRanges) -> (x: [Float], y: [Float])? {
        guard let noiseX, let noiseY else { return nil }
        let kernel = gaussianKernel(sigma: Double(ranges.elasticSigma))
        return (Reference.gaussianSmooth(noiseX, kernel: kernel, gain: ranges.elasticAlpha),
                Reference.gaussianSmooth(noiseY, kernel: kernel, gain: ranges.elasticAlpha))
    }
}

extension Reference {
    /// One image distorted the plain way: the sample's fields smoothed with `Reference.gaussianSmooth` and
    /// the image resampled with `Reference.warpImage`. `image`: 784 values, row-major.
    public static func distort(_ image: [Float], sample: DistortionSample, ranges: DistortionRanges) -> [Float] {
        let fields = sample.displacements(ranges)
        return warpImage(image, warp: sample.warp, displacementX: fields?.x, displacementY: fields?.y)
    }
}
