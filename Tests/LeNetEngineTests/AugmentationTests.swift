import Foundation
import LeNetEngine
import TestSupport
import Testing

/// `Fixtures/augmentation.json`, written by `Scripts/make_beyond_fixtures.py` (PyTorch's grid_sample and
/// conv2d as the oracle).
struct AugmentationFixture: Decodable, Sendable {
    struct Kernel: Decodable, Sendable { let sigma: Double; let values: [Float] }
    struct Smoothing: Decodable, Sendable { let sigma: Double; let alpha: Float; let noise, expected: [Float] }
    struct Warp: Decodable, Sendable {
        let name: String
        let rotation, scale, shear, shiftX, shiftY: Double
        let sigma: Double?
        let alpha: Float?
        let noiseX, noiseY: [Float]?
        let expected: [Float]
        enum CodingKeys: String, CodingKey {
            case name, rotation, scale, shear, sigma, alpha, expected
            case shiftX = "shift_x", shiftY = "shift_y", noiseX = "noise_x", noiseY = "noise_y"
        }
        var affine: AffineWarp {
            AffineWarp(rotationDegrees: rotation, scale: scale, shearDegrees: shear, shiftX: shiftX, shiftY: shiftY)
        }
    }
    let image: [Float]
    let kernels: [Kernel]
    let smoothing: [Smoothing]
    let warps: [Warp]

    static let shared = decodeFixture("augmentation", as: AugmentationFixture.self)
}

/// Affine and elastic distortion against PyTorch, exact cases, and the fast distorter against the plain one.
@Suite struct AugmentationTests {
    let fixture = AugmentationFixture.shared

    @Test func gaussianKernelsMatchScipysRule() {
        #expect(fixture.kernels.map(\.values.count) == [7, 25, 37])
        for kernel in fixture.kernels {
            _ = expectClose(gaussianKernel(sigma: kernel.sigma), kernel.values, tolerance: 1e-7, "σ \(kernel.sigma)")
        }
    }

    @Test func gaussianSmoothingMatchesTorchConv2d() {
        for case_ in fixture.smoothing {
            let smoothed = Reference.gaussianSmooth(case_.noise, kernel: gaussianKernel(sigma: case_.sigma), gain: case_.alpha)
            let difference = expectClose(smoothed, case_.expected, tolerance: 1e-5, "σ \(case_.sigma)")
            print("gaussian smoothing σ \(case_.sigma) α \(case_.alpha): \(difference)")
        }
    }

    @Test func warpsMatchTorchGridSample() {
        #expect(fixture.warps.count == 9)
        for warp in fixture.warps {
            var x: [Float]?, y: [Float]?
            if let noiseX = warp.noiseX, let noiseY = warp.noiseY, let sigma = warp.sigma, let alpha = warp.alpha {
                x = Reference.gaussianSmooth(noiseX, kernel: gaussianKernel(sigma: sigma), gain: alpha)
                y = Reference.gaussianSmooth(noiseY, kernel: gaussianKernel(sigma: sigma), gain: alpha)
            }
            let out = Reference.warpImage(fixture.image, warp: warp.affine, displacementX: x, displacementY: y)
            // Pixels are 0...255; 1e-4 relative is 0.026 of a grey level at the top of the scale.
            let difference = expectClose(out, warp.expected, tolerance: 1e-4, warp.name)
            print("warp \(warp.name): \(difference)")
        }
    }

    @Test func identityAndIntegerShiftsAreExact() {
        #expect(Reference.warpImage(fixture.image, warp: .identity) == fixture.image)
        let shifted = Reference.warpImage(fixture.image, warp: AffineWarp(rotationDegrees: 0, scale: 1, shearDegrees: 0,
                                                                        shiftX: 2, shiftY: -1))
        for y in 0..<28 {
            for x in 0..<28 {
                let (sx, sy) = (x - 2, y + 1)
                let expected: Float = sx >= 0 && sx < 28 && sy >= 0 && sy < 28 ? fixture.image[sy * 28 + sx] : 0
                #expect(shifted[y * 28 + x] == expected, "pixel (\(x), \(y))")
            }
        }
        // A shift beyond the image leaves nothing.
        let gone = Reference.warpImage(fixture.image, warp: AffineWarp(rotationDegrees: 0, scale: 1, shearDegrees: 0,
                                                                     shiftX: 40, shiftY: 0))
        #expect(gone == [Float](repeating: 0, count: 784))
    }

    @Test func rotationByNinetyDegreesTurnsTheImageClockwise() {
        let turned = Reference.warpImage(fixture.image, warp: AffineWarp(rotationDegrees: 90, scale: 1, shearDegrees: 0,
                                                                       shiftX: 0, shiftY: 0))
        // Clockwise on screen (y down): output (x, y) reads input (y, 27 − x), up to the rounding of cos 90°.
        for y in 0..<28 {
            for x in 0..<28 {
                #expect(abs(turned[y * 28 + x] - fixture.image[(27 - x) * 28 + y]) <= 1e-3)
            }
        }
    }

    @Test func distorterMatchesThePlainPath() {
        let image = fixture.image.map { UInt8($0) }
        let settings: [DistortionRanges] = [
            DistortionRanges(shift: 2, rotation: 12, scale: 0.1, shear: 10),
            DistortionRanges(shift: 1.5, rotation: 8, scale: 0.08, shear: 6, elasticAlpha: 34, elasticSigma: 4),
            DistortionRanges(elasticAlpha: 8, elasticSigma: 1.5),
        ]
        for ranges in settings {
            let distorter = ImageDistorter(ranges: ranges)
            var out = [Float](repeating: 0, count: 784)
            for seed: UInt64 in [1, 2, 99] {
                var fast = SplitMix64(seed: seed), plain = SplitMix64(seed: seed)
                image.withUnsafeBufferPointer { pixels in
                    out.withUnsafeMutableBufferPointer { distorter.distort(pixels.baseAddress!, into: $0.baseAddress!, using: &fast) }
                }
                let sample = DistortionSample.draw(ranges, using: &plain)
                #expect(fast.state == plain.state, "both paths draw the same numbers")
                let expected = Reference.distort(fixture.image, sample: sample, ranges: ranges)
                if ranges.isElastic {
                    // The fields differ by Float rounding (~1e-6 px); times gradients of up to 255 grey levels
                    // per pixel that moves a sample by up to ~1e-3 of a grey level at the top of the scale.
                    _ = expectClose(out, expected, tolerance: 1e-3, "\(ranges) seed \(seed)")
                } else {
                    #expect(out == expected, "the affine resampling is the reference's, operation for operation")
                }
                if let fields = sample.displacements(ranges) {
                    let last = distorter.lastDisplacements
                    _ = expectClose(last.x, fields.x, tolerance: 1e-5, "x field")
                    _ = expectClose(last.y, fields.y, tolerance: 1e-5, "y field")
                }
            }
        }
    }

    @Test func drawsAreDeterministicFromTheSeed() {
        let ranges = DistortionRanges(shift: 2, rotation: 10, scale: 0.1, shear: 5, elasticAlpha: 34, elasticSigma: 4)
        var a = SplitMix64(seed: 7), b = SplitMix64(seed: 7), c = SplitMix64(seed: 8)
        let first = DistortionSample.draw(ranges, using: &a)
        #expect(first == DistortionSample.draw(ranges, using: &b))
        #expect(first != DistortionSample.draw(ranges, using: &c))
        // Five affine draws, then 392 draws for the two noise fields (four values per 64-bit draw).
        var counter = SplitMix64(seed: 7)
        for _ in 0..<(5 + 392) { _ = counter.next() }
        #expect(a.state == counter.state)
        #expect(first.noiseX!.allSatisfy { $0 >= -1 && $0 < 1 })
        // The first draw after the affine five gives the first four noise values, its 16-bit quarters.
        var replay = SplitMix64(seed: 7)
        for _ in 0..<5 { _ = replay.next() }
        let bits = replay.next()
        let words: [UInt64] = [bits >> 48, (bits >> 32) & 0xFFFF, (bits >> 16) & 0xFFFF, bits & 0xFFFF]
        #expect(Array(first.noiseX!.prefix(4)) == words.map { Float($0) / 32768 - 1 })
        // A draw without elastic part takes the five affine numbers only.
        var affineOnly = SplitMix64(seed: 7)
        #expect(DistortionSample.draw(DistortionRanges(shift: 1), using: &affineOnly).noiseX == nil)
        #expect(affineOnly.state == SplitMix64(seed: 7).state &+ 5 &* 0x9e37_79b9_7f4a_7c15)
    }
}
