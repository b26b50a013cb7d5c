// MARK: - The live learning-rate multiplier

/// The factor the learning-rate schedule is scaled by while a run is steered: a power of two, changed in
/// steps of ×2 and ÷2 (the dashboard's `+` and `-`). The effective rate of a mini-batch is
/// `TrainingConfig.learningRate(forEpoch:)` × `value`.
///
/// Kept as the exponent, so the multiplier is exact: scaling a Double by a power of two only changes its
/// exponent, and a resumed run gets bit for bit the rates of an uninterrupted one.
public struct LearningRateMultiplier: Sendable, Hashable, CustomStringConvertible {
    /// The power of two: `value == 2^exponent`, within `exponentRange`.
    public let exponent: Int

    /// Allowed exponents: -10 ... 10, so 1/1024 ... 1024 (the default rate 0.001 reaches about 1 and 1e-6,
    /// beyond which training diverges or stands still).
    public static let exponentRange = -10 ... 10

    /// The neutral multiplier, 1 (the schedule as configured).
    public static let one = LearningRateMultiplier(clamping: 0)

    /// `2^exponent`, the exponent clamped to `exponentRange`.
    public init(clamping exponent: Int) {
        self.exponent = min(max(exponent, Self.exponentRange.lowerBound), Self.exponentRange.upperBound)
    }

    /// The multiplier whose value is exactly `value`, or nil when `value` is not a power of two in range.
    public init?(value: Double) {
        guard value.isFinite, value > 0, value.significand == 1,
              Self.exponentRange.contains(Int(value.exponent)) else { return nil }
        self.exponent = Int(value.exponent)
    }

    /// The factor, `2^exponent` (exact).
    public var value: Double { Double(sign: .plus, exponent: exponent, significand: 1) }

    /// Twice this multiplier (unchanged at the top of the range).
    public var doubled: LearningRateMultiplier { LearningRateMultiplier(clamping: exponent + 1) }

    /// Half this multiplier (unchanged at the bottom of the range).
    public var halved: LearningRateMultiplier { LearningRateMultiplier(clamping: exponent - 1) }

    /// The value written exactly and short, as metrics.csv and the checkpoint metadata hold it: whole
    /// numbers without a fraction (`1`, `2`, `1024`), fractions in Swift's shortest round-trip form
    /// (`0.5`, `0.0009765625`, exact for every power of two in range).
    public var description: String {
        exponent >= 0 ? String(1 << exponent) : "\(value)"
    }

    /// The factor from `old` to `self` as the epoch log says it: `x2`, `x4`, `/2`, `/8` (`x1` when equal).
    public func change(from old: LearningRateMultiplier) -> String {
        let steps = exponent - old.exponent
        return steps >= 0 ? "x\(1 << steps)" : "/\(1 << -steps)"
    }
}
