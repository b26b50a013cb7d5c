import ArgumentParser
import LeNetApp

/// `lenet-tui summary`: the network's layers, output shapes, parameter counts and FLOPs per image.
struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary", abstract: CommandHelp.summaryAbstract,
        discussion: CommandHelp.summaryDiscussion)

    @Flag(name: .long, help: "Print one JSON object (layers with name, operation, relu, output_shape, parameters, forward_flops, training_flops; the totals).")
    var json = false

    func run() throws {
        try printNetworkSummary(json: json)
    }
}
