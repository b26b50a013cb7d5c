// MARK: - Augmentation keys of the config

/// The ranges of the on-the-fly augmentation of training images (config keys `augment_shift`,
/// `augment_rotation`, `augment_scale`, `augment_shear`, `elastic_alpha`, `elastic_sigma`). All ranges 0
/// (the default) = no augmentation. The test set is never augmented.
///
/// Each training image of every epoch gets its own random affine transform (shift, rotation, scale,
/// shear) and, when `elasticAlpha > 0`, an elastic deformation (Simard, Steinkraus and Platt, ICDAR 2003:
/// uniform noise fields smoothed by a Gaussian of σ = `elasticSigma`, times α), applied in one bilinear
/// resampling of the 28×28 image (`LeNetEngine.ImageDistorter`).
public struct AugmentationSettings: Sendable, Equatable {
    /// Largest shift in pixels, `augment_shift` in [0, 8]: dx, dy uniform in [−shift, shift].
    public var shift: Double
    /// Largest rotation in degrees, `augment_rotation` in [0, 90].
    public var rotation: Double
    /// Largest relative change of size, `augment_scale` in [0, 0.5]: the factor is uniform in [1 − s, 1 + s].
    public var scale: Double
    /// Largest horizontal shear in degrees, `augment_shear` in [0, 45].
    public var shear: Double
    /// Elastic strength α in pixels, `elastic_alpha` in [0, 100]; 0 = no elastic deformation.
    public var elasticAlpha: Double
    /// Elastic smoothness σ in pixels, `elastic_sigma` in [0.5, 8] (default 4, Simard et al.'s value).
    public var elasticSigma: Double

    /// Settings; the defaults switch augmentation off.
    public init(shift: Double = 0, rotation: Double = 0, scale: Double = 0, shear: Double = 0,
                elasticAlpha: Double = 0, elasticSigma: Double = 4) {
        self.shift = shift
        self.rotation = rotation
        self.scale = scale
        self.shear = shear
        self.elasticAlpha = elasticAlpha
        self.elasticSigma = elasticSigma
    }

    /// No augmentation (the default).
    public static let off = AugmentationSettings()

    /// Whether any image is changed.
    public var isOn: Bool { shift != 0 || rotation != 0 || scale != 0 || shear != 0 || elasticAlpha != 0 }

    /// One line for headers: `shift 2 px, rotation 10°, scale ±0.1, shear 10°, elastic α 34 σ 4`, or `off`.
    public var summary: String {
        guard isOn else { return "off" }
        var parts: [String] = []
        if shift != 0 { parts.append("shift \(shift.compact) px") }
        if rotation != 0 { parts.append("rotation \(rotation.compact)°") }
        if scale != 0 { parts.append("scale ±\(scale.compact)") }
        if shear != 0 { parts.append("shear \(shear.compact)°") }
        if elasticAlpha != 0 { parts.append("elastic α \(elasticAlpha.compact) σ \(elasticSigma.compact)") }
        return parts.joined(separator: ", ")
    }
}

extension Double {
    /// `2` for 2.0, else Swift's shortest form (`0.1`).
    var compact: String { self == rounded() && abs(self) < 1e15 ? String(Int(self)) : "\(self)" }
}
