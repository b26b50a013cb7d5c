import ArgumentParser
import Foundation
import LeNetApp
import LeNetEngine
import LeNetTraining

/// `lenet-tui`: with no subcommand, runs `tui` — trains LeNet-5 on MNIST in the terminal UI (or, when
/// stdout is not a terminal, prints plain lines like `train`). The commands parse their arguments and call
/// `LeNetApp`, which does the work.
@main
struct LenetTUI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lenet-tui", abstract: CommandHelp.rootAbstract, discussion: CommandHelp.rootDiscussion,
        version: "0.1.0 (kernels \(KernelFamily.current))",
        subcommands: [TUICommand.self, TrainCommand.self, TestCommand.self, BenchCommand.self,
                      PredictCommand.self, InspectCommand.self, DrawCommand.self, SummaryCommand.self, AugmentCommand.self],
        defaultSubcommand: TUICommand.self)

    /// Parses and runs the command like ArgumentParser's own `main`, but first makes the standard streams
    /// safe (`Console.prepareProcess`: SIGPIPE ignored, closed descriptors held) and writes every message,
    /// help text included, through `Console`: a stream that cannot be written ends the process cleanly
    /// (status 1, or 141 for a closed pipe) instead of trapping. Mistyped commands and options get our
    /// suggestion (`CommandLineTypos`).
    static func main() {
        ProcessClock.start()
        Console.prepareProcess()
        let arguments = Array(CommandLine.arguments.dropFirst())
        let subcommands = configuration.subcommands
        do {
            if let unknown = CommandLineTypos.unknownCommand(arguments, commands: subcommands.map { $0._commandName } + ["help"],
                                                             defaultCommand: configuration.defaultSubcommand?._commandName) {
                try printError(unknown)
                Foundation.exit(1)
            }
            var command = try parseAsRoot()
            try command.run()
        } catch let fault as StreamWriteFault {
            Console.exit(after: fault)
        } catch let status as ExitStatus {
            Foundation.exit(status.code)
        } catch {
            let status = exitCode(for: error)
            let message = CommandLineTypos.rewritingUnknownOption(fullMessage(for: error)) {
                let parsed = subcommands.first { $0._commandName == arguments.first } ?? TUICommand.self
                return CommandLineTypos.longOptions(helpDump: parsed._dumpHelp())
            }
            exitAfterParserMessage(status == .success ? message : ParserMessage.oneLine(message),
                                   success: status == .success, status: status.rawValue)
        }
    }
}

/// `lenet-tui tui` (the default): the training dashboard.
struct TUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui", abstract: CommandHelp.tuiAbstract, discussion: CommandHelp.tuiDiscussion)

    @OptionGroup var options: TrainOptions

    func run() throws {
        try DashboardTraining.trainChoosingOutput(options.request)
    }
}
