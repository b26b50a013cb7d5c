import Foundation
import LeNetFormats

/// Precision, recall, F1 and support of one class (or an average over classes).
public struct ClassMetrics: Sendable, Equatable {
    /// Of the images predicted as this class, the fraction that are: `M[c][c] / column sum` (0 when the
    /// class was never predicted).
    public let precision: Double
    /// Of the images of this class, the fraction predicted as it: `M[c][c] / row sum` (0 when the class
    /// has no images).
    public let recall: Double
    /// Harmonic mean `2PR / (P + R)` (0 when both are 0).
    public let f1: Double
    /// Number of images whose true class this is (the row sum); for averages, all images.
    public let support: Int

    /// Metrics with the given values (fractions 0...1 and an image count).
    public init(precision: Double, recall: Double, f1: Double, support: Int) {
        self.precision = precision
        self.recall = recall
        self.f1 = f1
        self.support = support
    }
}

/// Per-class precision, recall, F1 and support of a confusion matrix, with the macro and weighted
/// averages, as scikit-learn's `classification_report` computes them (divisions by zero give 0, its
/// `zero_division=0`).
public struct ClassificationReport: Sendable, Equatable {
    /// One entry per class, index = class.
    public let perClass: [ClassMetrics]
    /// Unweighted mean of the per-class precision, recall and F1; support = all images.
    public let macroAverage: ClassMetrics
    /// Mean of the per-class values weighted by support; support = all images.
    public let weightedAverage: ClassMetrics
    /// Fraction of correct predictions (the diagonal over the total), 0 for an empty matrix.
    public let accuracy: Double

    /// The report of `matrix` (row = true class, column = predicted class).
    /// - Complexity: O(classCount²).
    public init(_ matrix: ConfusionMatrix) {
        let k = matrix.classCount
        var perClass: [ClassMetrics] = []
        for c in 0..<k {
            var rowSum = 0, columnSum = 0
            for j in 0..<k {
                rowSum += matrix[c, j]
                columnSum += matrix[j, c]
            }
            let hits = Double(matrix[c, c])
            let precision = columnSum > 0 ? hits / Double(columnSum) : 0
            let recall = rowSum > 0 ? hits / Double(rowSum) : 0
            let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
            perClass.append(ClassMetrics(precision: precision, recall: recall, f1: f1, support: rowSum))
        }
        let total = matrix.total
        func mean(_ value: (ClassMetrics) -> Double) -> Double {
            k > 0 ? perClass.map(value).reduce(0, +) / Double(k) : 0
        }
        func weighted(_ value: (ClassMetrics) -> Double) -> Double {
            total > 0 ? perClass.map { value($0) * Double($0.support) }.reduce(0, +) / Double(total) : 0
        }
        self.perClass = perClass
        macroAverage = ClassMetrics(precision: mean(\.precision), recall: mean(\.recall), f1: mean(\.f1), support: total)
        weightedAverage = ClassMetrics(precision: weighted(\.precision), recall: weighted(\.recall),
                                       f1: weighted(\.f1), support: total)
        accuracy = total > 0 ? Double(matrix.correct) / Double(total) : 0
    }

    /// The report as a table, one line per class then the averages, values with 4 decimals, e.g.
    /// ```
    /// class        precision  recall      f1  support
    /// 0               0.9899  0.9980  0.9939      980
    /// ...
    /// macro avg       0.9911  0.9910  0.9910   10,000
    /// weighted avg    0.9912  0.9912  0.9912   10,000
    /// ```
    /// - Parameter classNames: one name per class (the first column).
    public func text(classNames: [String]) -> String {
        let names = perClass.indices.map { $0 < classNames.count ? classNames[$0] : String($0) }
        let nameWidth = max(12, (names.map(\.count).max() ?? 0))
        let supportWidth = max(7, ReportFormat.grouped(macroAverage.support).count)
        func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
            let fill = String(repeating: " ", count: max(0, width - text.count))
            return left ? text + fill : fill + text
        }
        func line(_ name: String, _ m: ClassMetrics) -> String {
            pad(name, nameWidth, left: true) + pad(ReportFormat.fixed(m.precision, 4), 11)
                + pad(ReportFormat.fixed(m.recall, 4), 8) + pad(ReportFormat.fixed(m.f1, 4), 8)
                + pad(ReportFormat.grouped(m.support), supportWidth + 2)
        }
        var lines = [pad("class", nameWidth, left: true) + pad("precision", 11) + pad("recall", 8) + pad("f1", 8)
                     + pad("support", supportWidth + 2)]
        for (name, metrics) in zip(names, perClass) { lines.append(line(name, metrics)) }
        lines.append("")
        lines.append(line("macro avg", macroAverage))
        lines.append(line("weighted avg", weightedAverage))
        return lines.joined(separator: "\n")
    }

    /// The `per_class` JSON array: one object per class with `class` (index), `name`, `precision`,
    /// `recall`, `f1` (fractions 0..1) and `support` (images).
    public func perClassJSON(classNames: [String]) -> JSONValue {
        .array(perClass.enumerated().map { index, m in
            let name = index < classNames.count ? classNames[index] : String(index)
            return .object([("class", .int(index)), ("name", .string(name))] + Self.fields(m))
        })
    }

    /// A JSON object with `precision`, `recall`, `f1` and `support` (for the averages).
    public static func json(_ m: ClassMetrics) -> JSONValue {
        .object(fields(m))
    }

    private static func fields(_ m: ClassMetrics) -> [(key: String, value: JSONValue)] {
        [("precision", .double(m.precision)), ("recall", .double(m.recall)), ("f1", .double(m.f1)),
         ("support", .int(m.support))]
    }
}
