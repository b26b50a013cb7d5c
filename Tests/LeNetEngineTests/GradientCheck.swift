import LeNetEngine

// MARK: - Finite differences

/// Central-difference gradient checks for the reference kernels.
///
/// A kernel `f` (Float in, Float out) is reduced to a scalar `L(x) = Σ_i r_i · f(x)_i` with a fixed random
/// projection `r`, accumulated in Double. Then `∂L/∂x_j ≈ (L(x + h·e_j) − L(x − h·e_j)) / (x⁺_j − x⁻_j)`,
/// dividing by the perturbation actually stored in Float. The backward kernel called with
/// `outputGradient = r` must give the same vector.
enum GradientCheck {
    /// `Σ r_i·y_i` in Double.
    static func project(_ y: [Float], onto r: [Float]) -> Double {
        precondition(y.count == r.count)
        var sum = 0.0
        for (a, b) in zip(y, r) { sum += Double(a) * Double(b) }
        return sum
    }

    /// Numerical gradient of `x ↦ Σ r_i·f(x)_i` at `x` with step `h`.
    static func numericalGradient(at x: [Float], step h: Float, projection r: [Float],
                                  _ f: ([Float]) -> [Float]) -> [Float] {
        var probe = x
        var gradient = [Float](repeating: 0, count: x.count)
        for j in x.indices {
            probe[j] = x[j] + h
            let plus = project(f(probe), onto: r), xPlus = Double(probe[j])
            probe[j] = x[j] - h
            let minus = project(f(probe), onto: r), xMinus = Double(probe[j])
            probe[j] = x[j]
            gradient[j] = Float((plus - minus) / (xPlus - xMinus))
        }
        return gradient
    }
}
