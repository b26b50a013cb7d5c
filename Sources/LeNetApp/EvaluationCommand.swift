import Foundation
import LeNetEngine
import LeNetFormats
import LeNetTraining
import MNISTData

/// `lenet-tui test`: evaluates a checkpoint on the 10,000 test images of MNIST or Fashion-MNIST.
public enum EvaluationCommand {
    /// What `test` was asked for (the flags' values).
    public struct Request: Sendable {
        public var checkpoint = "checkpoints/lenet5.safetensors"
        public var dataset: String?
        public var data: String?
        public var results = "results"
        /// First N misclassified test images to draw as text (0 or more).
        public var misclassified = 0
        /// Worker threads (0 = all processors).
        public var threads = 0
        public var json = false

        public init() {}
    }

    /// Prints the accuracy, the confusion matrix and the per-class report (or one JSON object) and writes
    /// `confusion_matrix.svg` into `results`; errors are one line with status 1.
    /// - Throws: `ExitStatus`, `StreamWriteFault`.
    public static func run(_ request: Request) throws {
        try reportingErrors { try evaluate(request) }
    }

    private static func evaluate(_ r: Request) throws {
        // Checked here rather than by the parser so the message is the one-line `lenet-tui: error:` form.
        guard r.threads >= 0 else { throw UsageError("--threads must be 0 (all processors) or more, got \(r.threads)") }
        guard r.misclassified >= 0 else { throw UsageError("--misclassified must be 0 or more, got \(r.misclassified)") }
        try checkPathFlags([("--checkpoint", r.checkpoint), ("--data", r.data), ("--results", r.results)])
        let loaded = try Checkpoint.read(from: r.checkpoint)
        let recorded = try loaded.dataset(path: r.checkpoint)
        let kind = try Session.parseDataset(r.dataset) ?? recorded ?? .mnist
        if let recorded, recorded != kind {
            try printWarning("\(TerminalText.escaped(r.checkpoint)) was trained on \(recorded.rawValue), testing it on \(kind.rawValue)")
        }
        let picture = (r.results as NSString).appendingPathComponent("confusion_matrix.svg")
        try OutputPaths.checkDirectory(r.results, subject: "--results \(r.results)")
        try OutputPaths.checkReplaceable(picture)
        try OutputPaths.createDirectory(r.results, subject: "--results \(r.results)")
        let test = try Session.loadSplit(r.data, kind: kind)
        let model = LeNet5Model(maxBatchSize: Trainer.evaluationBatchSize, threads: WorkerPool.threads(forRequest: r.threads))
        let batch = MiniBatch(capacity: Trainer.evaluationBatchSize)
        let result = Evaluator.evaluate(model: model, parameters: loaded.parameters, dataset: test,
                                        normalization: kind.normalization, batch: batch)
        let errors = MisclassificationFinder.first(r.misclassified, model: model, parameters: loaded.parameters,
                                                   dataset: test, normalization: kind.normalization, batch: batch)
        let origin = try loaded.origin(path: r.checkpoint)
        let svg = ConfusionMatrixSVG.render(
            result.confusionMatrix, classNames: kind.classNames,
            title: "LeNet-5 on the \(kind.displayName) test set",
            subtitle: "\((r.checkpoint as NSString).lastPathComponent) (\(origin)) · accuracy "
                + "\(ReportFormat.percent(result.accuracy)) (\(ReportFormat.grouped(result.correct)) / "
                + "\(ReportFormat.grouped(result.total)))")
        try AtomicFile.write(Array(svg.utf8), to: picture)

        if r.json {
            try printLine(TestReport.json(result, dataset: kind, misclassified: r.misclassified > 0 ? errors : nil))
            return
        }
        try printLine("checkpoint \(TerminalText.escaped(r.checkpoint)) (\(origin)) on "
            + ReportFormat.counted(test.count, "\(kind.displayName) test image"))
        try printLine(TestReport.text(result, classNames: kind.classNames))
        if r.misclassified > 0 {
            try printLine("")
            try printLine("first \(ReportFormat.counted(errors.count, "misclassified test image")) "
                + "(of \(ReportFormat.grouped(result.total - result.correct))):")
            for (number, error) in errors.enumerated() {
                try printLine("")
                for line in TextArt.describe(error, number: number + 1, dataset: test, classNames: kind.classNames) {
                    try printLine(line)
                }
            }
        }
        try printLine("")
        try printLine("confusion matrix picture: \(TerminalText.escaped(picture))")
    }
}
