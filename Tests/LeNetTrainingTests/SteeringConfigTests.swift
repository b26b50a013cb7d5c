import Foundation
import LeNetEngine
import Testing
@testable import LeNetTraining

/// `pace` (config key, `--pace`), and the multiplier a checkpoint stores for `--resume`.
@Suite struct SteeringConfigTests {
    @Test func thePaceKeyTakesTheAllowedValuesOnly() throws {
        #expect(try ConfigLoader.parse(#"{"pace": 10}"#, source: "config.json").pace.batchesPerSecond == 10)
        #expect(try ConfigLoader.parse(#"{"pace": 0}"#, source: "config.json").pace == .fullSpeed)
        #expect(configErrorText { try ConfigLoader.parse(#"{"pace": 3}"#, source: "config.json") }
            == #"config.json: key "pace" must be one of 0 (full speed), 200, 50, 10, 2 or 1 (mini-batches per second), got 3"#)
        #expect(configErrorText { try ConfigLoader.parse(#"{"pace": "fast"}"#, source: "config.json") }
            == #"config.json: key "pace" must be an integer, got a string ("fast")"#)
        #expect(configErrorText { try TrainingConfig.defaults.applying(ConfigOverrides(pace: 5)) }
            == "--pace must be one of 0 (full speed), 200, 50, 10, 2 or 1 (mini-batches per second), got 5")
        #expect(try TrainingConfig.defaults.applying(ConfigOverrides(pace: 2)).pace.batchesPerSecond == 2)
    }

    @Test func aResumedRunMayChangeItsPace() throws {
        var saved = TrainingConfig(batchSize: 32, epochs: 2, seed: 7, checkpoint: "ck.safetensors")
        saved.pace = TrainingPace(batchesPerSecond: 50)!
        let checkpoint = Checkpoint(parameters: .zeros(), epoch: 1,
                                    optimizer: .adam(step: 3, firstMoments: .zeros(), secondMoments: .zeros()),
                                    rngState: 9, configJSON: saved.jsonString())
        let kept = try ResumePlan(checkpoint: checkpoint, path: "ck", flags: ConfigOverrides(), file: nil)
        #expect(kept.config.pace.batchesPerSecond == 50)
        let flagged = try ResumePlan(checkpoint: checkpoint, path: "ck", flags: ConfigOverrides(pace: 1), file: nil)
        #expect(flagged.config.pace.batchesPerSecond == 1)
        var values = TrainingConfig.defaults
        values.pace = TrainingPace(batchesPerSecond: 10)!
        let file = ConfigFile(config: values, keys: ["pace"], source: "my.json")
        #expect(try ResumePlan(checkpoint: checkpoint, path: "ck", flags: ConfigOverrides(), file: file).config.pace
            .batchesPerSecond == 10)
    }

    @Test func theCheckpointStoresTheMultiplierAndAnOldOneMeansOne() throws {
        let config = TrainingConfig(checkpoint: "ck.safetensors")
        var checkpoint = Checkpoint(parameters: .zeros(), epoch: 2,
                                    optimizer: .adam(step: 3, firstMoments: .zeros(), secondMoments: .zeros()),
                                    rngState: 9, configJSON: config.jsonString())
        #expect(try checkpoint.learningRateMultiplier(path: "ck") == .one)
        checkpoint.extraMetadata[Checkpoint.learningRateMultiplierKey] = LearningRateMultiplier(clamping: -3).description
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lenet-steer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("ck.safetensors").path
        try checkpoint.write(to: path)
        let read = try Checkpoint.read(from: path)
        #expect(read.extraMetadata[Checkpoint.learningRateMultiplierKey] == "0.125")
        #expect(try read.learningRateMultiplier(path: path) == LearningRateMultiplier(clamping: -3))
        for bad in ["3", "2048", "x2", ""] {
            checkpoint.extraMetadata[Checkpoint.learningRateMultiplierKey] = bad
            #expect(configErrorText { try ResumePlan(checkpoint: checkpoint, path: "ck", flags: ConfigOverrides(), file: nil) }
                == "ck: metadata \"lr_multiplier\" has an invalid value \"\(bad)\"")
        }
    }
}
