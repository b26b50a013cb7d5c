import ArgumentParser
import LeNetApp
import MNISTData

/// `lenet-tui test`: evaluates a checkpoint on the 10,000 test images of MNIST or Fashion-MNIST.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test", abstract: CommandHelp.testAbstract, usage: "lenet-tui test [--checkpoint <path>] [--misclassified <n>] [<options>]",
        discussion: CommandHelp.testDiscussion)

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
        var request = EvaluationCommand.Request()
        (request.checkpoint, request.dataset, request.data, request.results) = (checkpoint, dataset, data, results)
        (request.misclassified, request.threads, request.json) = (misclassified, threads, json)
        try EvaluationCommand.run(request)
    }
}
