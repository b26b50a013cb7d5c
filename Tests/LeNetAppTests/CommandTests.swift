import Foundation
import LeNetTraining
import MNISTData
import Testing
import TestSupport
@testable import LeNetApp

/// The commands' shared pieces: dataset choice, error lines and exit statuses, typo suggestions.
@Suite struct CommandTests {
    @Test func datasetFlagIsParsedAndUnknownNamesAreListed() throws {
        #expect(try Session.parseDataset(nil) == nil)
        #expect(try Session.parseDataset("Fashion-MNIST") == .fashionMNIST)
        #expect(errorText { try Session.parseDataset("cifar") }
            == "--dataset cifar: unknown dataset; expected one of mnist, fashion-mnist")
        #expect(try Session.datasetKind(TrainingRequest(), resume: nil) == .mnist)
    }

    @Test func checkpointSubjectNamesWhereThePathCameFrom() {
        let flagged = TrainingRequest(overrides: ConfigOverrides(checkpoint: "x.safetensors"))
        #expect(Session.checkpointSubject(flagged, file: nil, path: "x.safetensors") == "--checkpoint x.safetensors")
        #expect(Session.checkpointSubject(TrainingRequest(resume: "r.safetensors"), file: nil, path: "r.safetensors")
            == "--resume r.safetensors")
        #expect(Session.checkpointSubject(TrainingRequest(), file: nil, path: "c.safetensors") == "checkpoint c.safetensors")
    }

    @Test func pathFlagsWithControlCharactersAreRefusedByName() {
        let request = TrainingRequest(results: "r\u{1B}]0;x\u{7}")
        let message = errorText { try checkPathFlags(request.pathFlags) }
        #expect(message?.hasPrefix("--results must be a path without control characters") == true)
        #expect(errorText { try checkPathFlags(TrainingRequest().pathFlags) } == nil)
    }

    @Test func errorsBecomeStatusOneAndNothingToDoIsNoError() {
        #expect(throws: ExitStatus.failure) { try reportingErrors { throw UsageError("give at least one sketch file") } }
        #expect(throws: ExitStatus.interrupted) { try reportingErrors { throw ExitStatus.interrupted } }
        #expect(throws: Never.self) { try reportingErrors { throw NothingToDo(path: "c", epoch: 2, epochs: 2) } }
        #expect(NothingToDo(path: "c.safetensors", epoch: 2, epochs: 2).description
            == "nothing to do: the checkpoint is already at epoch 2 (c.safetensors, --epochs 2); pass a larger --epochs to train further")
    }

    @Test func unknownCommandSuggestsTheNearestOne() {
        let commands = ["tui", "train", "test", "help"]
        #expect(CommandLineTypos.unknownCommand(["tarin"], commands: commands, defaultCommand: "tui")
            == "unknown command 'tarin'; did you mean 'train'? (commands: tui (the default), train, test)")
        #expect(CommandLineTypos.unknownCommand(["--epochs", "2"], commands: commands, defaultCommand: "tui") == nil)
        #expect(CommandLineTypos.unknownCommand(["test"], commands: commands, defaultCommand: "tui") == nil)
    }

    @Test func unknownOptionGetsOurSuggestionFromTheHelpDump() {
        let dump = """
            {"command": {"arguments": [
              {"names": [{"kind": "long", "name": "epochs"}], "shouldDisplay": true},
              {"names": [{"kind": "short", "name": "e"}, {"kind": "long", "name": "limit"}], "shouldDisplay": true},
              {"names": [{"kind": "long", "name": "no-centre"}], "shouldDisplay": false}]}}
            """
        #expect(CommandLineTypos.longOptions(helpDump: dump) == ["epochs", "limit"])
        #expect(CommandLineTypos.longOptions(helpDump: "not json").isEmpty)
        let message = "Error: Unknown option '--epoch'\nUsage: lenet-tui train <options>"
        #expect(CommandLineTypos.rewritingUnknownOption(message) { ["epochs", "limit"] }
            == "Error: Unknown option '--epoch'. Did you mean '--epochs'?\nUsage: lenet-tui train <options>")
        #expect(CommandLineTypos.rewritingUnknownOption("Error: Missing value") { [] } == "Error: Missing value")
    }
}
