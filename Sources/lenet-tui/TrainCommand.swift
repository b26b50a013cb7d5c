import ArgumentParser
import LeNetApp
import LeNetTraining

/// `lenet-tui train`: headless training, one line (or JSON object) per epoch.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: CommandHelp.trainAbstract, discussion: CommandHelp.trainDiscussion)

    @OptionGroup var options: TrainOptions

    @Option(name: .long, help: ArgumentHelp("Stop at the end of the first epoch whose test accuracy reaches this (0.99 or 99%) and report the seconds since the process started; exit 1 if no epoch reaches it.", valueName: "accuracy"))
    var until: String?

    func run() throws {
        try reportingErrors {
            try HeadlessTraining.run(options.request, until: try until.map(TargetAccuracy.init(parsing:)))
        }
    }
}
