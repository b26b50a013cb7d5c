import Foundation
import MNISTData

/// The `lenet-tui test` report: text for people, one JSON object for scripts.
public enum TestReport {
    /// The readable report: accuracy line, confusion matrix table, then per-class precision, recall, F1
    /// and support (`ClassificationReport.text`).
    public static func text(_ result: EvaluationResult, classNames: [String]) -> String {
        ReportFormat.evaluationText(result, classNames: classNames)
            + "\n\nper-class report (precision, recall and F1 as fractions; support = test images of the class)\n"
            + ClassificationReport(result.confusionMatrix).text(classNames: classNames)
    }

    /// The `test --json` object. Keys in order: `accuracy`, `correct`, `total`, `loss`, `confusion_matrix`
    /// (rows = true class), `dataset` (`mnist` or `fashion-mnist`), `class_names`, `per_class` (see
    /// `ClassificationReport.perClassJSON`), `macro_avg`, `weighted_avg`, and `misclassified` when
    /// `misclassified` is not nil: objects with `index` (0-based position in the test set), `true`,
    /// `predicted` and `probabilities` (10 softmax values).
    public static func json(_ result: EvaluationResult, dataset: DatasetKind,
                            misclassified: [Misclassification]? = nil) -> String {
        let report = ClassificationReport(result.confusionMatrix)
        let names = dataset.classNames
        let rows = result.confusionMatrix.rows.map { "[" + $0.map(String.init).joined(separator: ",") + "]" }
        var pairs: [(String, String)] = [
            ("accuracy", ReportFormat.number(result.accuracy)),
            ("correct", "\(result.correct)"),
            ("total", "\(result.total)"),
            ("loss", ReportFormat.number(result.loss)),
            ("confusion_matrix", "[" + rows.joined(separator: ",") + "]"),
            ("dataset", ReportFormat.string(dataset.rawValue)),
            ("class_names", "[" + names.map(ReportFormat.string).joined(separator: ", ") + "]"),
            ("per_class", report.perClassJSON(classNames: names)),
            ("macro_avg", ClassificationReport.json(report.macroAverage)),
            ("weighted_avg", ClassificationReport.json(report.weightedAverage)),
        ]
        if let misclassified {
            let items = misclassified.map { m in
                ReportFormat.object([
                    ("index", "\(m.index)"), ("true", "\(m.trueClass)"), ("predicted", "\(m.predicted)"),
                    ("probabilities", "[" + m.probabilities.map { String(format: "%.6f", $0) }.joined(separator: ",") + "]"),
                ])
            }
            pairs.append(("misclassified", "[" + items.joined(separator: ", ") + "]"))
        }
        return ReportFormat.object(pairs)
    }
}
