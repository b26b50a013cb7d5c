import LeNetTraining
import Testing

/// Bounds and path rules shared by config files and flags.
@Suite struct ConfigBoundsTests {
    @Test func batchSizeAndEpochsHaveUpperBounds() throws {
        #expect(configErrorText { try ConfigLoader.parse(#"{"batch_size": 60001}"#, source: "config.json") }
            == #"config.json: key "batch_size" must be 1 to 60000, got 60001"#)
        #expect(configErrorText { try ConfigLoader.parse(#"{"batch_size": 1000000000}"#, source: "config.json") }
            == #"config.json: key "batch_size" must be 1 to 60000, got 1000000000"#)
        #expect(configErrorText { try ConfigLoader.parse(#"{"epochs": 100001}"#, source: "c") }
            == #"c: key "epochs" must be 1 to 100000, got 100001"#)
        #expect(configErrorText { try TrainingConfig.defaults.applying(ConfigOverrides(batchSize: 10_000_000)) }
            == "--batch-size must be 1 to 60000, got 10000000")
        #expect(try ConfigLoader.parse(#"{"batch_size": 60000, "epochs": 100000}"#, source: "c").batchSize == 60000)
    }

    @Test func controlCharactersInPathsAreRefusedNamingTheKeyOrFlag() {
        #expect(configErrorText { try ConfigLoader.parse(#"{"checkpoint": "ck\u0000.safetensors"}"#, source: "config.json") }
            == #"config.json: key "checkpoint" must be a path without control characters (U+0000 at character 3), got "ck\u{0}.safetensors""#)
        #expect(configErrorText { try TrainingConfig.defaults.applying(ConfigOverrides(checkpoint: "a\u{1B}]0;title\u{7}")) }
            == #"--checkpoint must be a path without control characters (U+001B at character 2), got "a\u{1B}]0;title\u{7}""#)
        #expect(ConfigRules.path("x\u{7F}") == "a path without control characters (U+007F at character 2)")
        #expect(ConfigRules.path("x\u{9B}2J") == "a path without control characters (U+009B at character 2)")
        #expect(ConfigRules.path("checkpoints/ünïcode ok.safetensors") == nil)
    }
}
