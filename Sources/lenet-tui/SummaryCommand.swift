import ArgumentParser
import LeNetTraining

/// `lenet-tui summary`: the network's layers, output shapes, parameter counts and FLOPs per image.
struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Print LeNet-5's layers with output shapes, parameter counts and FLOPs per image.",
        discussion: """
        Like PyTorch's print(model) with shapes: every layer (the checkpoint's names c1, c3, c5, f6, \
        output, and the pooling and flattening between them) with its output shape for one image \
        (C×H×W), its parameters and its FLOPs for the forward pass and for training, and the totals \
        (61,706 parameters). A multiply-add counts as 2 FLOPs; bias, ReLU, pooling and softmax are not \
        counted. Training counts forward, weight gradients and input gradients; the same count gives \
        `lenet-tui bench` its GFLOP/s. The numbers are computed from the engine's layer definitions.

        Examples:
          lenet-tui summary
          lenet-tui summary --json
        """)

    @Flag(name: .long, help: "Print one JSON object (layers with name, operation, relu, output_shape, parameters, forward_flops, training_flops; the totals).")
    var json = false

    func run() throws {
        if json {
            try printLine(NetworkSummary.json())
        } else {
            for line in NetworkSummary.lines() { try printLine(line) }
        }
    }
}
