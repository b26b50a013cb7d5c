import Testing
@testable import LeNetTraining

/// `mouse` (config key, `--mouse` / `--no-mouse`): whether the dashboard reads the mouse.
@Suite struct MouseConfigTests {
    @Test func theMouseKeyIsABooleanAndOnByDefault() throws {
        #expect(TrainingConfig.defaults.mouse)
        #expect(try ConfigLoader.parse(#"{"mouse": false}"#, source: "config.json").mouse == false)
        #expect(try ConfigLoader.parse(#"{"mouse": true}"#, source: "config.json").mouse)
        #expect(configErrorText { try ConfigLoader.parse(#"{"mouse": 0}"#, source: "config.json") }
            == #"config.json: key "mouse" must be true or false, got 0"#)
        #expect(configErrorText { try ConfigLoader.parse(#"{"mouse": "off"}"#, source: "config.json") }
            == #"config.json: key "mouse" must be true or false, got a string ("off")"#)
        var off = TrainingConfig.defaults
        off.mouse = false
        #expect(off.jsonString().contains(#""pace":0,"mouse":false,"#))
        #expect(try ConfigLoader.parse(off.jsonString(), source: "c") == off)
    }

    @Test func theFlagsOverrideTheFile() throws {
        let file = try ConfigLoader.parse(#"{"mouse": false}"#, source: "config.json")
        #expect(try file.applying(ConfigOverrides(mouse: true)).mouse)
        #expect(try TrainingConfig.defaults.applying(ConfigOverrides(mouse: false)).mouse == false)
        #expect(try file.applying(ConfigOverrides()).mouse == false)
    }

    @Test func aResumedRunMayChangeIt() throws {
        let saved = TrainingConfig(epochs: 2, checkpoint: "ck.safetensors")
        let checkpoint = Checkpoint(parameters: .zeros(), epoch: 1,
                                    optimizer: .adam(step: 3, firstMoments: .zeros(), secondMoments: .zeros()),
                                    rngState: 9, configJSON: saved.jsonString())
        #expect(try ResumePlan(checkpoint: checkpoint, path: "ck", flags: ConfigOverrides(), file: nil).config.mouse)
        #expect(try ResumePlan(checkpoint: checkpoint, path: "ck", flags: ConfigOverrides(mouse: false), file: nil)
            .config.mouse == false)
        var values = TrainingConfig.defaults
        values.mouse = false
        let file = ConfigFile(config: values, keys: ["mouse"], source: "my.json")
        #expect(try ResumePlan(checkpoint: checkpoint, path: "ck", flags: ConfigOverrides(), file: file).config.mouse == false)
        // A checkpoint written before the key existed has none: the default, on.
        let old = Checkpoint(parameters: .zeros(), epoch: 1,
                             optimizer: .adam(step: 3, firstMoments: .zeros(), secondMoments: .zeros()), rngState: 9,
                             configJSON: saved.jsonString().replacingOccurrences(of: #","mouse":true"#, with: ""))
        #expect(old.configJSON?.contains("mouse") == false)
        #expect(try ResumePlan(checkpoint: old, path: "ck", flags: ConfigOverrides(), file: nil).config.mouse)
    }
}
