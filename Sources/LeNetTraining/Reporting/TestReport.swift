import Foundation
import LeNetFormats
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
        var members: [(key: String, value: JSONValue)] = [
            ("accuracy", .double(result.accuracy)),
            ("correct", .int(result.correct)),
            ("total", .int(result.total)),
            ("loss", .double(result.loss)),
            ("confusion_matrix", .array(result.confusionMatrix.rows.map { .array($0.map { .int($0) }) })),
            ("dataset", .string(dataset.rawValue)),
            ("class_names", .array(names.map { .string($0) })),
            ("per_class", report.perClassJSON(classNames: names)),
            ("macro_avg", ClassificationReport.json(report.macroAverage)),
            ("weighted_avg", ClassificationReport.json(report.weightedAverage)),
        ]
        if let misclassified {
            members.append(("misclassified", .array(misclassified.map { m in
                .object([("index", .int(m.index)), ("true", .int(m.trueClass)), ("predicted", .int(m.predicted)),
                         ("probabilities", .array(m.probabilities.map { .fixed($0, digits: 6) }))])
            })))
        }
        return JSONValue.object(members).serialized(.spaced)
    }
}
