import Foundation
import LeNetEngine
import LeNetFormats
import Testing
@testable import LeNetTraining

/// Parses `text` as "config.json" and returns the error line, or nil when it parses.
private func parseError(_ text: String) -> String? {
    do { _ = try ConfigLoader.parse(text, source: "config.json"); return nil } catch { return String(describing: error) }
}

/// The description of the error `body` throws, or nil.
func configErrorText<T>(_ body: () throws -> T) -> String? {
    do { _ = try body(); return nil } catch { return String(describing: error) }
}

@Suite struct ConfigLoaderTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    // MARK: - Defaults and valid files

    @Test func defaultsAreTheDocumentedValues() {
        let d = TrainingConfig.defaults
        #expect(d.batchSize == 64 && d.epochs == 10 && d.optimizer == .adam && d.learningRate == 0.001)
        #expect(d.momentum == 0.9 && d.weightDecay == 0 && d.lrSchedule == .cosine && d.lrStepSize == 1)
        #expect(d.lrGamma == 0.7 && d.seed == 1 && d.threads == 0 && d.limit == nil && d.pace == .fullSpeed)
        #expect(d.checkpoint == "checkpoints/lenet5.safetensors")
        #expect(d.effectiveThreadCount == WorkerPool.processors)
        #expect(TrainingConfig(threads: 1).effectiveThreadCount == 1)
        #expect(TrainingConfig(threads: 3).effectiveThreadCount == min(3, WorkerPool.processors))
        #expect(TrainingConfig(threads: 4096).effectiveThreadCount == WorkerPool.processors, "never more than the pool runs")
    }

    @Test func repositoryConfigFileIsTheDefaults() throws {
        let url = Self.repositoryRoot.appendingPathComponent("config.json")
        #expect(try ConfigLoader.load(from: url) == TrainingConfig.defaults)
    }

    @Test func missingKeysTakeDefaults() throws {
        #expect(try ConfigLoader.parse("{}", source: "c") == .defaults)
        let config = try ConfigLoader.parse("""
            {"epochs": 3, "optimizer": "sgd", "lr_schedule": "step", "seed": 18446744073709551615,
             "limit": 500, "learning_rate": 1e-2, "batch_size": 128.0, "threads": 2, "momentum": 0}
            """, source: "c")
        #expect(config == TrainingConfig(batchSize: 128, epochs: 3, optimizer: .sgd, learningRate: 0.01, momentum: 0,
                                         lrSchedule: .step, seed: UInt64.max, threads: 2, limit: 500))
        #expect(try ConfigLoader.parse(#"{"limit": null}"#, source: "c").limit == nil)
        #expect(try ConfigLoader.parse("\u{FEFF}{\"epochs\": 2}", source: "c").epochs == 2)  // BOM
    }

    @Test func jsonStringRoundTrips() throws {
        let config = TrainingConfig(batchSize: 32, epochs: 4, optimizer: .sgd, learningRate: 0.05, momentum: 0.5,
                                    weightDecay: 1e-5, lrSchedule: .step, lrStepSize: 2, lrGamma: 0.5, seed: 42,
                                    threads: 2, checkpoint: "out/\"w\".safetensors", limit: 1000,
                                    pace: try #require(TrainingPace(batchesPerSecond: 10)))
        let compact = config.jsonString()
        #expect(compact == #"{"batch_size":32,"epochs":4,"optimizer":"sgd","learning_rate":0.05,"momentum":0.5,"weight_decay":1e-05,"lr_schedule":"step","lr_step_size":2,"lr_gamma":0.5,"seed":42,"threads":2,"checkpoint":"out/\"w\".safetensors","limit":1000,"pace":10,"mouse":true,"label_smoothing":0.0,"one_cycle_pct_start":0.3,"one_cycle_div_factor":25.0,"one_cycle_final_div_factor":10000.0,"augment_shift":0.0,"augment_rotation":0.0,"augment_scale":0.0,"augment_shear":0.0,"elastic_alpha":0.0,"elastic_sigma":4.0}"#)
        #expect(try ConfigLoader.parse(compact, source: "c") == config)
        #expect(try ConfigLoader.parse(TrainingConfig.defaults.jsonString(pretty: true), source: "c") == .defaults)
        #expect(TrainingConfig.defaults.jsonString(pretty: true).hasPrefix("{\n  \"batch_size\": 64,\n  \"epochs\": 10,\n"))
        #expect(TrainingConfig.defaults.jsonString(pretty: true).contains("\"limit\": null,\n  \"pace\": 0,\n  \"mouse\": true,\n  \"label_smoothing\": 0.0,\n"))
        #expect(TrainingConfig.defaults.jsonString(pretty: true).hasSuffix("\"elastic_alpha\": 0.0,\n  \"elastic_sigma\": 4.0\n}"))
    }

    @Test func theKeysOfIssue14ReadIntoTheirFields() throws {
        let config = try ConfigLoader.parse("""
            {"optimizer": "adamw", "weight_decay": 0.05, "lr_schedule": "one_cycle", "label_smoothing": 0.1,
             "one_cycle_pct_start": 0.25, "one_cycle_div_factor": 10, "one_cycle_final_div_factor": 100,
             "augment_shift": 2, "augment_rotation": 12.5, "augment_scale": 0.1, "augment_shear": 8,
             "elastic_alpha": 34, "elastic_sigma": 4.5}
            """, source: "c")
        #expect(config.optimizer == .adamw && config.weightDecay == 0.05 && config.lrSchedule == .oneCycle)
        #expect(config.labelSmoothing == 0.1 && config.oneCyclePctStart == 0.25)
        #expect(config.oneCycleDivFactor == 10 && config.oneCycleFinalDivFactor == 100)
        #expect(config.augmentation == AugmentationSettings(shift: 2, rotation: 12.5, scale: 0.1, shear: 8,
                                                            elasticAlpha: 34, elasticSigma: 4.5))
        #expect(config.augmentation.summary == "shift 2 px, rotation 12.5°, scale ±0.1, shear 8°, elastic α 34 σ 4.5")
        #expect(config.optimizerDescription == "AdamW wd 0.05")
        #expect(try ConfigLoader.parse(config.jsonString(), source: "c") == config)
        #expect(!TrainingConfig.defaults.augmentation.isOn && TrainingConfig.defaults.augmentation.summary == "off")
    }

    @Test func jsonValueHasFileKeysInOrder() throws {
        let members = try #require(TrainingConfig.defaults.jsonValue.objectMembers)
        #expect(members.map(\.key) == ConfigLoader.knownKeys)
        #expect(members[0].value == .number("64"))
        #expect(members[3].value == .number("0.001"))
        #expect(members[2].value == .string("adam"))
        #expect(members[9].value == .number("1"))
        #expect(members[12].value == .null)
        #expect(TrainingConfig(seed: UInt64.max).jsonValue.objectMembers?[9].value == .number("18446744073709551615"))
    }

    // MARK: - Files

    @Test func missingOrDirectoryConfigFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ConfigTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }

        #expect(throws: ConfigError.fileNotFound(path: "my.json")) {
            try ConfigLoader.load(path: "my.json", currentDirectory: dir)
        }
        #expect(ConfigError.fileNotFound(path: "my.json").description == "my.json: config file not found")
        #expect(throws: ConfigError.fileNotFound(path: dir.path + "/x.json")) {
            try ConfigLoader.load(from: dir.appendingPathComponent("x.json"))
        }
        // No path and no ./config.json: the defaults.
        #expect(try ConfigLoader.load(path: nil, currentDirectory: dir) == .defaults)

        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        #expect(configErrorText { try ConfigLoader.load(path: "sub", currentDirectory: dir) }
            == "sub: is a directory, expected a JSON config file")

        try Data(#"{"epochs": 0}"#.utf8).write(to: dir.appendingPathComponent("config.json"))
        #expect(configErrorText { try ConfigLoader.load(path: nil, currentDirectory: dir) }
            == #"config.json: key "epochs" must be 1 to 100000, got 0"#)
        try Data(#"{"epochs": 7}"#.utf8).write(to: dir.appendingPathComponent("config.json"))
        #expect(try ConfigLoader.load(path: nil, currentDirectory: dir).epochs == 7)
        #expect(try ConfigLoader.load(path: dir.path + "/config.json", currentDirectory: URL(fileURLWithPath: "/")).epochs == 7)
    }

    // MARK: - Rejected documents

    @Test func unknownKeysSuggestTheNearest() {
        #expect(parseError(#"{"learnig_rate": 0.01}"#) == #"config.json: unknown key "learnig_rate" (did you mean "learning_rate"?)"#)
        #expect(parseError(#"{"batchSize": 8}"#) == #"config.json: unknown key "batchSize" (did you mean "batch_size"?)"#)
        #expect(parseError(#"{"epoch": 8}"#) == #"config.json: unknown key "epoch" (did you mean "epochs"?)"#)
        #expect(parseError(#"{"schedule": "step"}"#) == #"config.json: unknown key "schedule" (did you mean "lr_schedule"?)"#)
        #expect(parseError(#"{"colour": 1}"#) == #"config.json: unknown key "colour" (known keys: batch_size, epochs, optimizer, learning_rate, momentum, weight_decay, lr_schedule, lr_step_size, lr_gamma, seed, threads, checkpoint, limit, pace, mouse, label_smoothing, one_cycle_pct_start, one_cycle_div_factor, one_cycle_final_div_factor, augment_shift, augment_rotation, augment_scale, augment_shear, elastic_alpha, elastic_sigma)"#)
    }

    @Test func wrongTypes() {
        #expect(parseError(#"{"batch_size": "64"}"#) == #"config.json: key "batch_size" must be an integer, got a string ("64")"#)
        #expect(parseError(#"{"epochs": 2.5}"#) == #"config.json: key "epochs" must be an integer, got 2.5"#)
        #expect(parseError(#"{"epochs": true}"#) == #"config.json: key "epochs" must be an integer, got a boolean (true)"#)
        #expect(parseError(#"{"learning_rate": false}"#) == #"config.json: key "learning_rate" must be a number, got a boolean (false)"#)
        #expect(parseError(#"{"momentum": null}"#) == #"config.json: key "momentum" must be a number, got null"#)
        #expect(parseError(#"{"weight_decay": [0]}"#) == #"config.json: key "weight_decay" must be a number, got an array"#)
        #expect(parseError(#"{"seed": 1.5}"#) == #"config.json: key "seed" must be an integer, got 1.5"#)
        #expect(parseError(#"{"checkpoint": 3}"#) == #"config.json: key "checkpoint" must be a string, got 3"#)
        #expect(parseError(#"{"optimizer": {}}"#) == #"config.json: key "optimizer" must be one of adam, sgd, adamw (a string), got an object"#)
        #expect(parseError(#"{"limit": "all"}"#) == #"config.json: key "limit" must be an integer or null, got a string ("all")"#)
        #expect(parseError(#"{"limit": 0.5}"#) == #"config.json: key "limit" must be an integer or null, got 0.5"#)
    }

    @Test func outOfRangeValues() {
        let cases: [(String, String)] = [
            (#""batch_size": 0"#, #"key "batch_size" must be 1 to 60000, got 0"#),
            (#""epochs": -3"#, #"key "epochs" must be 1 to 100000, got -3"#),
            (#""lr_step_size": 0"#, #"key "lr_step_size" must be at least 1, got 0"#),
            (#""limit": 0"#, #"key "limit" must be at least 1, got 0"#),
            (#""learning_rate": 0"#, #"key "learning_rate" must be a positive finite number, got 0"#),
            (#""learning_rate": -0.1"#, #"key "learning_rate" must be a positive finite number, got -0.1"#),
            (#""learning_rate": 1e999"#, #"key "learning_rate" must be a positive finite number, got 1e999"#),
            (#""momentum": 1"#, #"key "momentum" must be in [0, 1), got 1"#),
            (#""momentum": -0.5"#, #"key "momentum" must be in [0, 1), got -0.5"#),
            (#""weight_decay": -1e-4"#, #"key "weight_decay" must be a finite number at least 0, got -1e-4"#),
            (#""lr_gamma": 0"#, #"key "lr_gamma" must be in (0, 1], got 0"#),
            (#""lr_gamma": 1.5"#, #"key "lr_gamma" must be in (0, 1], got 1.5"#),
            (#""threads": -1"#, #"key "threads" must be 0 (all processors) or more, got -1"#),
            (#""seed": -1"#, #"key "seed" must be a non-negative integer, got -1"#),
            (#""seed": 18446744073709551616"#, #"key "seed" must be at most 18446744073709551615, got 18446744073709551616"#),
            (#""epochs": 1e30"#, #"key "epochs" must be at most 9223372036854775807, got 1e30"#),
            (#""batch_size": -99999999999999999999"#, #"key "batch_size" must be 1 to 60000, got -99999999999999999999"#),
            (#""checkpoint": """#, #"key "checkpoint" must be a non-empty path, got """#),
            (#""label_smoothing": 1"#, #"key "label_smoothing" must be in [0, 1), got 1"#),
            (#""one_cycle_pct_start": 0"#, #"key "one_cycle_pct_start" must be in (0, 1), got 0"#),
            (#""one_cycle_div_factor": 0.5"#, #"key "one_cycle_div_factor" must be a finite number at least 1, got 0.5"#),
            (#""one_cycle_final_div_factor": 1e999"#, #"key "one_cycle_final_div_factor" must be a finite number at least 1, got 1e999"#),
            (#""augment_shift": 9"#, #"key "augment_shift" must be in [0, 8], got 9"#),
            (#""augment_rotation": -1"#, #"key "augment_rotation" must be in [0, 90], got -1"#),
            (#""augment_scale": 0.6"#, #"key "augment_scale" must be in [0, 0.5], got 0.6"#),
            (#""augment_shear": 46"#, #"key "augment_shear" must be in [0, 45], got 46"#),
            (#""elastic_alpha": 101"#, #"key "elastic_alpha" must be in [0, 100], got 101"#),
            (#""elastic_sigma": 0.25"#, #"key "elastic_sigma" must be in [0.5, 8], got 0.25"#),
        ]
        for (member, message) in cases {
            #expect(parseError("{\(member)}") == "config.json: " + message)
        }
        // Whole numbers written with a fraction or exponent are integers.
        #expect(parseError(#"{"epochs": 2.0, "batch_size": 6.4e1, "seed": -0}"#) == nil)
    }

    @Test func unknownNames() {
        #expect(parseError(#"{"optimizer": "adagrad"}"#) == #"config.json: key "optimizer" has unknown value "adagrad" (allowed: adam, sgd, adamw)"#)
        #expect(parseError(#"{"lr_schedule": "linear"}"#) == #"config.json: key "lr_schedule" has unknown value "linear" (allowed: constant, step, cosine, one_cycle)"#)
    }

    @Test func documentLevelErrors() {
        #expect(parseError("[1, 2]") == "config.json: top level must be a JSON object, got an array")
        #expect(parseError("42") == "config.json: top level must be a JSON object, got a number")
        #expect(parseError(#"{"epochs": 1, "epochs": 2}"#) == #"config.json: duplicate key "epochs""#)
        #expect(parseError("") == "config.json: invalid JSON at line 1, column 1: empty document, expected a JSON value")
        #expect(parseError("{\n  \"epochs\": 10,\n  \"seed\": 1\n  \"threads\": 0\n}")
            == #"config.json: invalid JSON at line 4, column 3: unexpected '"', expected ',' or '}' after an object member"#)
        #expect(parseError(#"{"epochs": 10,}"#) == "config.json: invalid JSON at line 1, column 15: unexpected '}', expected a string key")
        #expect(parseError("{\"epochs\": 10") == "config.json: invalid JSON at line 1, column 14: unexpected end of input, expected ',' or '}' after an object member")
        #expect(parseError("{\"é\": 1} x") == "config.json: invalid JSON at line 1, column 10: unexpected 'x' after the JSON value")
    }
}
