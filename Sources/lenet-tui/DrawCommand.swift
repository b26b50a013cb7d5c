import ArgumentParser
import LeNetApp

/// `lenet-tui draw`: the draw pad alone, reading drawings with a checkpoint.
struct DrawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draw", abstract: CommandHelp.drawAbstract,
        discussion: CommandHelp.drawDiscussion)

    @Option(name: .long, help: ArgumentHelp("Checkpoint to read drawings with (default: the shipped \(PretrainedCheckpoint.relativePath)).", valueName: "path"))
    var checkpoint: String?
    @Flag(name: .customLong("no-mouse"), help: "Leave the mouse to the terminal (its own text selection); by default a left drag inks the pad and a right drag erases.")
    var noMouse = false

    func run() throws {
        try DrawPadSession.run(checkpoint: checkpoint, mouse: !noMouse)
    }
}
