import Foundation
import Testing

// MARK: - The tolerance rule

/// The one rule for approximate comparison in this project's tests:
///
///     |actual − expected| ≤ tolerance · max(1, |expected|)
///
/// i.e. RELATIVE to the expected value when `|expected| ≥ 1` and ABSOLUTE (the same `tolerance`) below 1,
/// so values near zero (most gradients) are not held to an impossible relative standard. NaN never
/// passes; equal infinities pass. The default `1e-4` is the golden-fixture tolerance against PyTorch.
public enum Tolerance {
    /// Default tolerance of `expectClose`: 1e-4.
    public static let standard = 1e-4

    /// Whether `actual` is within `tolerance` of `expected` under the rule above.
    public static func isClose(_ actual: Double, _ expected: Double, tolerance: Double = standard) -> Bool {
        if actual == expected { return true }
        return abs(actual - expected) <= tolerance * max(1, abs(expected))
    }
}

// MARK: - Differences

/// Largest differences between two equally long arrays, for reporting.
public struct Difference: CustomStringConvertible, Sendable {
    /// `max |a − b|`.
    public var maxAbsolute: Double = 0
    /// `max |a − b| / max(|b|, 1e-3)`: the plain relative error, floored at 1e-3 so near-zero entries
    /// do not dominate.
    public var maxRelative: Double = 0
    /// `max |a − b| / max(1, |b|)`: the quantity `Tolerance` compares with the tolerance.
    public var maxScaled: Double = 0
    /// Index of the entry with the largest scaled difference.
    public var worstIndex: Int = 0

    /// Measures `actual` against `expected` (same length; NaN gives infinite differences).
    public init(_ actual: [Float], _ expected: [Float]) {
        for (i, (a, b)) in zip(actual, expected).enumerated() {
            let (x, y) = (Double(a), Double(b))
            let d = x == y ? 0 : (abs(x - y).isNaN ? .infinity : abs(x - y))
            maxAbsolute = max(maxAbsolute, d)
            maxRelative = max(maxRelative, d / max(abs(y), 1e-3))
            let scaled = d / max(1, abs(y))
            if scaled > maxScaled { maxScaled = scaled; worstIndex = i }
        }
    }

    /// `max abs 1.2e-07, max rel 3.4e-06 (floor 1e-3), worst [17]`.
    public var description: String {
        func f(_ x: Double) -> String { String(format: "%.2e", x) }
        return "max abs \(f(maxAbsolute)), max rel \(f(maxRelative)) (floor 1e-3), scaled \(f(maxScaled)) at [\(worstIndex)]"
    }
}

// MARK: - Expectations

/// Expects `actual` and `expected` to have the same length and every pair to satisfy the `Tolerance` rule
/// (`|actual − expected| ≤ tolerance · max(1, |expected|)`). On failure records one issue naming the first
/// entry out of tolerance, the worst entry and the `Difference` summary.
/// - Parameters:
///   - actual: the values computed by the code under test.
///   - expected: the reference values (e.g. written by PyTorch), same length.
///   - tolerance: the `Tolerance` rule's tolerance; default `Tolerance.standard` (1e-4).
///   - message: appended to the issue's text.
///   - sourceLocation: where the issue is reported; defaults to the caller.
/// - Returns: the differences, e.g. to print them (empty when the lengths differ).
@discardableResult
public func expectClose(_ actual: [Float], _ expected: [Float], tolerance: Double = Tolerance.standard,
                        _ message: @autoclosure () -> String = "",
                        sourceLocation: SourceLocation = #_sourceLocation) -> Difference {
    guard actual.count == expected.count else {
        Issue.record("count \(actual.count) != expected \(expected.count) \(message())", sourceLocation: sourceLocation)
        return Difference([], [])
    }
    let difference = Difference(actual, expected)
    if let bad = actual.indices.first(where: {
        !Tolerance.isClose(Double(actual[$0]), Double(expected[$0]), tolerance: tolerance)
    }) {
        let worst = difference.worstIndex
        let text = "not close (tolerance \(tolerance)): first at [\(bad)] \(actual[bad]) vs \(expected[bad]); "
            + "worst [\(worst)] \(actual[worst]) vs \(expected[worst]); \(difference) \(message())"
        Issue.record(Comment(rawValue: text), sourceLocation: sourceLocation)
    }
    return difference
}

/// Scalar form of `expectClose` under the same `Tolerance` rule: records one issue with both values when
/// `|actual − expected| > tolerance · max(1, |expected|)` or either is NaN.
/// - Parameters:
///   - actual: the value computed by the code under test.
///   - expected: the reference value.
///   - tolerance: the `Tolerance` rule's tolerance; default `Tolerance.standard` (1e-4).
///   - message: appended to the issue's text.
///   - sourceLocation: where the issue is reported; defaults to the caller.
public func expectClose(_ actual: Double, _ expected: Double, tolerance: Double = Tolerance.standard,
                        _ message: @autoclosure () -> String = "",
                        sourceLocation: SourceLocation = #_sourceLocation) {
    if !Tolerance.isClose(actual, expected, tolerance: tolerance) {
        Issue.record("\(actual) vs \(expected) not within \(tolerance) \(message())", sourceLocation: sourceLocation)
    }
}
