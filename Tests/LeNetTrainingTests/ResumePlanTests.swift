import Foundation
import LeNetEngine
import LeNetTraining
import Testing

/// `--resume` starts from the checkpoint's saved config; only epochs, output paths and threads may change.
@Suite struct ResumePlanTests {
    private static let saved = TrainingConfig(batchSize: 32, epochs: 2, optimizer: .adam, learningRate: 0.001,
                                              seed: 7, threads: 1, checkpoint: "old/ck.safetensors", limit: 500)

    private func checkpoint(epoch: Int = 2, config: TrainingConfig? = saved, optimizer: OptimizerSnapshot?? = nil,
                            rng: UInt64? = 99) -> Checkpoint {
        let state = optimizer ?? .adam(step: 32, firstMoments: .zeros(), secondMoments: .zeros())
        return Checkpoint(parameters: .zeros(), epoch: epoch, optimizer: state, rngState: rng,
                          configJSON: config?.jsonString())
    }

    private func problem(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch { return "\(error)" }
    }

    @Test func theSavedConfigIsTheRunsConfigWrittenToTheResumedFile() throws {
        let plan = try ResumePlan(checkpoint: checkpoint(), path: "ck.safetensors", flags: ConfigOverrides(epochs: 5), file: nil)
        var expected = Self.saved
        expected.epochs = 5
        expected.checkpoint = "ck.safetensors"
        #expect(plan.config == expected)
        #expect(plan.completedEpochs == 2 && !plan.isFinished)
    }

    @Test func epochsOutputPathAndThreadsMayChangeAndRepeatingASavedValueIsFine() throws {
        let flags = ConfigOverrides(batchSize: 32, epochs: 3, learningRate: 0.001, optimizer: .adam, seed: 7, limit: 500,
                                    checkpoint: "new.safetensors", threads: 2)
        let plan = try ResumePlan(checkpoint: checkpoint(), path: "ck.safetensors", flags: flags, file: nil)
        #expect(plan.config.epochs == 3 && plan.config.threads == 2 && plan.config.checkpoint == "new.safetensors")
        #expect(plan.config.batchSize == 32 && plan.config.limit == 500)
    }

    @Test func conflictingFlagsAreAllNamedInOneLine() {
        let flags = ConfigOverrides(batchSize: 64, learningRate: 0.01, seed: 7, limit: nil)
        #expect(problem { _ = try ResumePlan(checkpoint: checkpoint(), path: "ck.safetensors", flags: flags, file: nil) }
            == "ck.safetensors: --batch-size 64 conflicts with the checkpoint's batch_size 32; --lr 0.01 conflicts with "
            + "the checkpoint's learning_rate 0.001; a resumed run keeps its saved config (only --epochs, --checkpoint, "
            + "--results, --threads, --pace and --data may change)")
        #expect(problem { _ = try ResumePlan(checkpoint: checkpoint(), path: "c", flags: ConfigOverrides(optimizer: .sgd), file: nil) }?
            .hasPrefix(#"c: --optimizer "sgd" conflicts with the checkpoint's optimizer "adam""#) == true)
    }

    @Test func onlyTheKeysAConfigFileSetsAreCompared() throws {
        // momentum 0.5 differs from the saved 0.9; the file's other values are defaults it does not set.
        var values = TrainingConfig.defaults
        values.momentum = 0.5
        values.epochs = 4
        let setting = ConfigFile(config: values, keys: ["momentum", "epochs"], source: "my.json")
        #expect(problem { _ = try ResumePlan(checkpoint: checkpoint(), path: "ck", flags: ConfigOverrides(), file: setting) }
            == #"ck: my.json: key "momentum" 0.5 conflicts with the checkpoint's momentum 0.9; a resumed run keeps its "#
            + "saved config (only --epochs, --checkpoint, --results, --threads, --pace and --data may change)")
        let epochsOnly = ConfigFile(config: values, keys: ["epochs"], source: "my.json")
        let plan = try ResumePlan(checkpoint: checkpoint(), path: "ck", flags: ConfigOverrides(), file: epochsOnly)
        #expect(plan.config.epochs == 4 && plan.config.momentum == 0.9)
        // The flag outranks the file.
        #expect(try ResumePlan(checkpoint: checkpoint(), path: "ck", flags: ConfigOverrides(epochs: 6), file: epochsOnly)
            .config.epochs == 6)
    }

    @Test func aCheckpointAtTheEpochsAskedForHasNothingToDo() throws {
        #expect(try ResumePlan(checkpoint: checkpoint(epoch: 2), path: "ck", flags: ConfigOverrides(), file: nil).isFinished)
        #expect(try ResumePlan(checkpoint: checkpoint(epoch: 3), path: "ck", flags: ConfigOverrides(), file: nil).isFinished)
    }

    @Test func weightsOnlyCheckpointsCannotResumeExactly() {
        let saved = checkpoint(optimizer: .some(nil), rng: nil)
        #expect(problem { _ = try ResumePlan(checkpoint: saved, path: "checkpoints/lenet5-saved.safetensors",
                                             flags: ConfigOverrides(), file: nil) }
            == "checkpoints/lenet5-saved.safetensors: holds weights only (no optimizer or random-generator state, e.g. "
            + "saved with the dashboard's s key), so training cannot resume exactly from it; resume from the epoch "
            + "checkpoint (checkpoints/lenet5.safetensors)")
        #expect(problem { _ = try ResumePlan(checkpoint: checkpoint(rng: nil), path: "torch.safetensors",
                                             flags: ConfigOverrides(), file: nil) }?
            .hasSuffix("resume from an epoch checkpoint that `lenet-tui train` wrote") == true)
        #expect(problem { _ = try ResumePlan(checkpoint: checkpoint(config: nil), path: "x", flags: ConfigOverrides(), file: nil) }
            == #"x: has no saved config (metadata "config"), so training cannot resume from it; resume from a checkpoint "#
            + "that `lenet-tui train` wrote")
    }

    @Test func absurdMetadataIsRefusedBeforeAnyArithmetic() {
        #expect(problem { _ = try ResumePlan(checkpoint: checkpoint(epoch: Int.max), path: "big", flags: ConfigOverrides(), file: nil) }
            == #"big: metadata "epoch" is 9223372036854775807, more than the 100000 any run can reach; the file is "#
            + "damaged or was not written by lenet-tui")
        let steps = checkpoint(optimizer: OptimizerSnapshot.adam(step: Int.max, firstMoments: .zeros(), secondMoments: .zeros()))
        #expect(problem { _ = try ResumePlan(checkpoint: steps, path: "big", flags: ConfigOverrides(), file: nil) }?
            .hasPrefix(#"big: metadata "adam_step" is 9223372036854775807"#) == true)
        // The largest real value passes.
        #expect(problem { _ = try ResumePlan(checkpoint: checkpoint(epoch: ConfigRules.maxEpochs), path: "ok",
                                             flags: ConfigOverrides(), file: nil) } == nil)
    }

    @Test func anOptimizerStateOfTheOtherKindIsRefused() {
        let mixed = checkpoint(optimizer: OptimizerSnapshot.sgd(momentumBuffers: nil))
        #expect(problem { _ = try ResumePlan(checkpoint: mixed, path: "m", flags: ConfigOverrides(), file: nil) }
            == "m: the saved config says optimizer adam but the saved optimizer state is sgd's; the file is damaged or "
            + "was not written by lenet-tui")
    }

    @Test func aBadSavedConfigNamesTheFilesMetadata() {
        let broken = Checkpoint(parameters: .zeros(), epoch: 1, optimizer: .sgd(momentumBuffers: nil), rngState: 1,
                                configJSON: #"{"batch_size": 0}"#)
        #expect(problem { _ = try ResumePlan(checkpoint: broken, path: "b", flags: ConfigOverrides(), file: nil) }
            == #"b (metadata "config"): key "batch_size" must be 1 to 60000, got 0"#)
    }
}
