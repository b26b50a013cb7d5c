import ArgumentParser
import Foundation
import LeNetEngine
import LeNetTraining

/// `lenet-tui test`: evaluates a checkpoint on the 10,000 MNIST test images.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Evaluate a checkpoint on the 10,000 test images: accuracy, loss, confusion matrix.",
        discussion: """
        Examples:
          lenet-tui test --checkpoint checkpoints/lenet5.safetensors
          lenet-tui test --checkpoint assets/lenet5-pretrained.safetensors --json
        """)

    @Option(name: .long, help: ArgumentHelp("Checkpoint to evaluate (safetensors).", valueName: "path"))
    var checkpoint: String = "checkpoints/lenet5.safetensors"

    @Option(name: .long, help: ArgumentHelp("Directory holding the MNIST IDX files.", valueName: "dir"))
    var data: String?

    @Option(name: .long, help: ArgumentHelp("Worker threads (0 = all processors).", valueName: "n"))
    var threads: Int = 0

    @Flag(name: .long, help: "Print one JSON object with accuracy, correct, total, loss, confusion_matrix.")
    var json = false

    func validate() throws {
        guard threads >= 0 else { throw ValidationError("--threads must be 0 (all processors) or more, got \(threads)") }
    }

    func run() throws {
        try reportingErrors {
            let loaded = try Checkpoint.read(from: checkpoint)
            let test = try Session.loadTestSet(data)
            let threadCount = threads > 0 ? threads : ProcessInfo.processInfo.activeProcessorCount
            let model = LeNet5Model(maxBatchSize: Trainer.evaluationBatchSize, threads: threadCount)
            let batch = MiniBatch(capacity: Trainer.evaluationBatchSize)
            let result = Evaluator.evaluate(model: model, parameters: loaded.parameters, dataset: test,
                                            normalization: .mnist, batch: batch)
            if json {
                printLine(ReportFormat.evaluationJSON(result))
            } else {
                printLine("checkpoint \(checkpoint) (epoch \(loaded.epoch)) on \(test.count) test images")
                printLine(ReportFormat.evaluationText(result, classNames: (0..<10).map(String.init)))
            }
        }
    }
}

