import ArgumentParser
import Foundation
import LeNetEngine
import LeNetFormats
import LeNetTraining
import MNISTData

/// `lenet-tui test`: evaluates a checkpoint on the 10,000 test images of MNIST or Fashion-MNIST.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Evaluate a checkpoint on the 10,000 test images: accuracy, loss, confusion matrix, per-class report.",
        usage: "lenet-tui test [--checkpoint <path>] [--misclassified <n>] [<options>]",
        discussion: """
        Prints the accuracy, the confusion matrix (rows: true class) and each class's precision, \
        recall, F1 and support; writes DIR/confusion_matrix.svg. Reads any safetensors file with \
        PyTorch's state_dict names (c1.weight ... output.bias), e.g. one saved by PyTorch. The dataset \
        defaults to the one recorded in the checkpoint, else MNIST. The first line says what the file \
        holds: an epoch checkpoint's epoch, or where in its run the dashboard's s key took the weights.

        Examples:
          lenet-tui test --checkpoint checkpoints/lenet5.safetensors
          lenet-tui test --json
          lenet-tui test --misclassified 5
          lenet-tui test --checkpoint fashion.safetensors --results results/fashion
          lenet-tui test --checkpoint torch.safetensors --dataset fashion-mnist
        """)

    @Option(name: .long, help: ArgumentHelp("Checkpoint to evaluate (safetensors).", valueName: "path"))
    var checkpoint: String = "checkpoints/lenet5.safetensors"

    @Option(name: .long, help: ArgumentHelp("Dataset: mnist or fashion-mnist (default: the checkpoint's, else mnist).", valueName: "name"),
            completion: .list(DatasetKind.allCases.map(\.rawValue)))
    var dataset: String?

    @Option(name: .long, help: ArgumentHelp("Directory holding the dataset's IDX files.", valueName: "dir"))
    var data: String?

    @Option(name: .long, help: ArgumentHelp("Directory for confusion_matrix.svg.", valueName: "dir"))
    var results: String = "results"

    // `.unconditional`: `--misclassified -3` reaches the range check instead of reading as a missing value.
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Show the first N misclassified test images as text pictures (0 or more).", valueName: "n"))
    var misclassified: Int = 0

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Worker threads (0 = all processors).", valueName: "n"))
    var threads: Int = 0

    @Flag(name: .long, help: "Print one JSON object (accuracy, correct, total, loss, confusion_matrix, per_class, ...).")
    var json = false

    func run() throws {
        try reportingErrors {
            // Checked here rather than in validate() so the message is the one-line `lenet-tui: error:` form.
            guard threads >= 0 else { throw ValidationError("--threads must be 0 (all processors) or more, got \(threads)") }
            guard misclassified >= 0 else { throw ValidationError("--misclassified must be 0 or more, got \(misclassified)") }
            try checkPathFlags([("--checkpoint", checkpoint), ("--data", data), ("--results", results)])
            let loaded = try Checkpoint.read(from: checkpoint)
            let recorded = try loaded.dataset(path: checkpoint)
            let kind = try Session.parseDataset(dataset) ?? recorded ?? .mnist
            if let recorded, recorded != kind {
                try printWarning("\(TerminalText.escaped(checkpoint)) was trained on \(recorded.rawValue), testing it on \(kind.rawValue)")
            }
            let picture = (results as NSString).appendingPathComponent("confusion_matrix.svg")
            try OutputPaths.checkDirectory(results, subject: "--results \(results)")
            try OutputPaths.checkReplaceable(picture)
            try OutputPaths.createDirectory(results, subject: "--results \(results)")
            let test = try Session.loadTestSet(data, kind: kind)
            let threadCount = threads > 0 ? threads : ProcessInfo.processInfo.activeProcessorCount
            let model = LeNet5Model(maxBatchSize: Trainer.evaluationBatchSize, threads: threadCount)
            let batch = MiniBatch(capacity: Trainer.evaluationBatchSize)
            let result = Evaluator.evaluate(model: model, parameters: loaded.parameters, dataset: test,
                                            normalization: kind.normalization, batch: batch)
            let errors = MisclassificationFinder.first(misclassified, model: model, parameters: loaded.parameters,
                                                       dataset: test, normalization: kind.normalization, batch: batch)
            let origin = try loaded.origin(path: checkpoint)
            let svg = ConfusionMatrixSVG.render(
                result.confusionMatrix, classNames: kind.classNames,
                title: "LeNet-5 on the \(kind.displayName) test set",
                subtitle: "\((checkpoint as NSString).lastPathComponent) (\(origin)) · accuracy "
                    + "\(ReportFormat.percent(result.accuracy)) (\(ReportFormat.grouped(result.correct)) / "
                    + "\(ReportFormat.grouped(result.total)))")
            try AtomicFile.write(Array(svg.utf8), to: picture)

            if json {
                try printLine(TestReport.json(result, dataset: kind, misclassified: misclassified > 0 ? errors : nil))
                return
            }
            try printLine("checkpoint \(TerminalText.escaped(checkpoint)) (\(origin)) on "
                + ReportFormat.counted(test.count, "\(kind.displayName) test image"))
            try printLine(TestReport.text(result, classNames: kind.classNames))
            if misclassified > 0 {
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
}
