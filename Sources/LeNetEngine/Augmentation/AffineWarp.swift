#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Affine warp of a 28×28 image

/// A random affine transform of the image plane, as the inverse map the resampler needs: the output pixel
/// at `(x, y)` (column, row; pixel centres at integers 0...27, y down) reads the input at
/// `centre + inverse · ((x, y) − centre − shift)`, `centre = (13.5, 13.5)`.
///
/// The forward transform (input → output) is `A = R(rotation) · Sh(shear) · S(scale)` about the centre,
/// then the shift:
/// `R(θ) = [[cos θ, −sin θ], [sin θ, cos θ]]` (on screen, with y down, a positive θ turns the digit
/// clockwise), `Sh(φ) = [[1, tan φ], [0, 1]]` (horizontal shear), `S(s) = [[s, 0], [0, s]]`.
/// The inverse is computed in Double and rounded to Float once per entry.
public struct AffineWarp: Sendable, Equatable {
    /// The inverse matrix, row-major `[a, b, c, d]`: source offset = `(a·u + b·v, c·u + d·v)`.
    public let inverse: SIMD4<Float>
    /// The shift `(dx, dy)` in pixels (positive moves the digit right and down).
    public let shift: SIMD2<Float>

    /// The image centre, `(13.5, 13.5)`: the middle of pixels 0...27.
    public static let centre: Float = 13.5

    /// No change: every output pixel reads the same input pixel.
    public static let identity = AffineWarp(rotationDegrees: 0, scale: 1, shearDegrees: 0, shiftX: 0, shiftY: 0)

    /// - Parameters:
    ///   - rotationDegrees: θ in degrees.
    ///   - scale: isotropic scale factor `s > 0` (above 1 enlarges the digit).
    ///   - shearDegrees: φ in degrees, `|φ| < 90`.
    ///   - shiftX, shiftY: the shift in pixels.
    public init(rotationDegrees: Double, scale: Double, shearDegrees: Double, shiftX: Double, shiftY: Double) {
        let theta = rotationDegrees * Double.pi / 180
        let shear = tan(shearDegrees * Double.pi / 180)
        let (c, s) = (cos(theta), sin(theta))
        // A = R · Sh · S = scale · [[c, c·t − s], [s, s·t + c]], t = tan φ; det A = scale².
        let a11 = scale * c, a12 = scale * (c * shear - s)
        let a21 = scale * s, a22 = scale * (s * shear + c)
        let det = a11 * a22 - a12 * a21
        inverse = SIMD4(Float(a22 / det), Float(-a12 / det), Float(-a21 / det), Float(a11 / det))
        shift = SIMD2(Float(shiftX), Float(shiftY))
    }

    /// The input point the output pixel `(x, y)` reads, before any elastic displacement.
    @inline(__always)
    public func source(x: Float, y: Float) -> (x: Float, y: Float) {
        let u = x - Self.centre - shift.x, v = y - Self.centre - shift.y
        return (Self.centre + (inverse[0] * u + inverse[1] * v), Self.centre + (inverse[2] * u + inverse[3] * v))
    }
}
