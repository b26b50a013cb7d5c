import Foundation
import LeNetFormats

// MARK: - Plain-text and JSON lines for the headless commands
//
// Pure formatting, kept apart from printing so tests can compare exact text. JSON objects are built as
// `JSONValue`s with a fixed key order (scripts and humans diff them), numbers in Swift's shortest
// round-trip form (`JSONValue.double`), and written on one line (`JSONLayout.spaced`).

/// Formats training and evaluation results for terminals, logs and scripts.
public enum ReportFormat {
    /// One readable line per epoch, e.g.
    /// `epoch  2/10  train loss 0.0712 acc 97.85%  test loss 0.0489 acc 98.41% (9841/10000)  4.2 s  14,210 img/s  lr 0.000976`,
    /// with ` (x2)` after the rate when the live multiplier is not 1 (`(/4)` below 1).
    public static func epochLine(_ s: EpochSummary) -> String {
        let width = String(s.epochs).count
        let epoch = String(repeating: " ", count: max(0, width - String(s.epoch).count)) + String(s.epoch)
        return "epoch \(epoch)/\(s.epochs)"
            + "  train loss \(fixed(s.trainLoss, 4)) acc \(percent(s.trainAccuracy))"
            + "  test loss \(fixed(s.testLoss, 4)) acc \(percent(s.testAccuracy))"
            + " (\(s.confusionMatrix.correct)/\(s.confusionMatrix.total))"
            + "  \(fixed(s.seconds, 1)) s  \(grouped(Int(s.imagesPerSecond.rounded()))) img/s"
            + "  lr \(String(format: "%.6g", s.learningRate))"
            + (s.learningRateMultiplier == .one ? "" : " (\(s.learningRateMultiplier.change(from: .one)))")
    }

    /// One JSON object per epoch with the keys epoch, train_loss, train_accuracy, test_loss, test_accuracy
    /// (fractions 0..1), seconds, images_per_second, then test_correct, test_total, learning_rate (the rate in
    /// force at the end of the epoch) and lr_multiplier (the live multiplier it includes, exact: `1`, `2`, `0.5`).
    public static func epochJSON(_ s: EpochSummary) -> String {
        JSONValue.object([
            ("epoch", .int(s.epoch)),
            ("train_loss", .double(s.trainLoss)),
            ("train_accuracy", .double(s.trainAccuracy)),
            ("test_loss", .double(s.testLoss)),
            ("test_accuracy", .double(s.testAccuracy)),
            ("seconds", .double(s.seconds)),
            ("images_per_second", .double(s.imagesPerSecond)),
            ("test_correct", .int(s.confusionMatrix.correct)),
            ("test_total", .int(s.confusionMatrix.total)),
            ("learning_rate", .double(s.learningRate)),
            ("lr_multiplier", .number(s.learningRateMultiplier.description)),
        ]).serialized(.spaced)
    }

    /// The `test` report: a summary line and the confusion matrix as a table with per-class recall. Rows are
    /// labelled with `classNames` (prefixed by the class number when the name is not the number itself).
    public static func evaluationText(_ r: EvaluationResult, classNames: [String]) -> String {
        var lines = ["accuracy \(percent(r.accuracy, digits: 2))  correct \(grouped(r.correct))  total \(grouped(r.total))  loss \(fixed(r.loss, 4))",
                     "",
                     "confusion matrix (rows: true class, columns: predicted class)"]
        let matrix = r.confusionMatrix
        let cellWidth = max(5, String(matrix.counts.max() ?? 0).count + 1)
        // Columns are headed by class numbers; names that are not the number get it in front ("0 T-shirt/top").
        let rowLabels = (0..<matrix.classCount).map { row -> String in
            let name = row < classNames.count ? classNames[row] : String(row)
            return name == String(row) ? name : "\(row) \(name)"
        }
        let labelWidth = max(5, rowLabels.map(\.count).max() ?? 1)
        func pad(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
        var header = pad("", labelWidth)
        for column in 0..<matrix.classCount { header += pad(String(column), cellWidth) }
        lines.append(header + pad("recall", 9))
        let named = rowLabels != (0..<matrix.classCount).map(String.init)
        for row in 0..<matrix.classCount {
            // Named rows read best left-aligned ("0 T-shirt/top", "1 Trouser"); digits stay right-aligned.
            var line = named ? rowLabels[row] + String(repeating: " ", count: labelWidth - rowLabels[row].count)
                : pad(rowLabels[row], labelWidth)
            var rowTotal = 0
            for column in 0..<matrix.classCount {
                line += pad(String(matrix[row, column]), cellWidth)
                rowTotal += matrix[row, column]
            }
            let recall = rowTotal > 0 ? Double(matrix[row, row]) / Double(rowTotal) : 0
            lines.append(line + pad(percent(recall), 9))
        }
        return lines.joined(separator: "\n")
    }

    // MARK: - Number formatting

    /// `value` with `digits` decimals.
    public static func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }

    /// A fraction as a percentage, e.g. 0.98412 → `98.41%`.
    public static func percent(_ fraction: Double, digits: Int = 2) -> String {
        String(format: "%.\(digits)f%%", fraction * 100)
    }

    /// A count with its noun in the right number and thousands separators: `1 epoch`, `2 epochs`,
    /// `0 epochs`, `1,000 images`, `1 mini-batch`. Every count-and-noun the program prints goes through it.
    /// - Parameters:
    ///   - singular: the noun for exactly one ("epoch", "thread").
    ///   - plural: the noun for any other count; `singular + "s"` when not given.
    public static func counted(_ count: Int, _ singular: String, plural: String? = nil) -> String {
        "\(grouped(count)) \(Plural.noun(count, singular, plural: plural))"
    }

    /// An integer with thousands separators, e.g. 14210 → `14,210`.
    public static func grouped(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return value < 0 ? "-" + out : out
    }
}
