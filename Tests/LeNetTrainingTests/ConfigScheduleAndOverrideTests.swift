import Testing
@testable import LeNetTraining

@Suite struct ConfigScheduleTests {
    /// Relative tolerance for schedule values (the closed forms differ from PyTorch's recursive updates
    /// by a few ulps at most).
    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 * max(abs(a), abs(b), 1e-300) }

    @Test func constantSchedule() {
        let config = TrainingConfig(learningRate: 0.01, lrSchedule: .constant)
        #expect((1 ... 10).allSatisfy { config.learningRate(forEpoch: $0) == 0.01 })
    }

    @Test func stepScheduleMatchesStepLR() {
        // PyTorch 2.15 StepLR(step_size=1, gamma=0.7), lr=1: 1.0, 0.7, 0.48999999999999994, 0.3429999999999999
        let config = TrainingConfig(learningRate: 1, lrSchedule: .step, lrStepSize: 1, lrGamma: 0.7)
        #expect(config.learningRate(forEpoch: 1) == 1)
        #expect(close(config.learningRate(forEpoch: 2), 0.7))
        #expect(close(config.learningRate(forEpoch: 3), 0.49))
        #expect(close(config.learningRate(forEpoch: 4), 0.343))
        // PyTorch StepLR(step_size=3, gamma=0.5), lr=0.1: 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025
        let slow = TrainingConfig(learningRate: 0.1, lrSchedule: .step, lrStepSize: 3, lrGamma: 0.5)
        #expect([1, 3, 4, 6, 7].map(slow.learningRate(forEpoch:)) == [0.1, 0.1, 0.05, 0.05, 0.025])
    }

    @Test func cosineScheduleMatchesCosineAnnealingLR() {
        // CosineAnnealingLR(opt, T_max=10, eta_min=0), lr=0.001, stepped per epoch.
        let config = TrainingConfig(epochs: 10, learningRate: 0.001, lrSchedule: .cosine)
        #expect(config.learningRate(forEpoch: 1) == 0.001)
        #expect(close(config.learningRate(forEpoch: 6), 0.0005))
        // PyTorch 2.15: Adam(lr=0.001) + CosineAnnealingLR(T_max=10, eta_min=0), get_last_lr() per epoch
        // (its recursive update; the closed form here differs by at most a few ulps).
        let torch: [Double] = [0.001, 0.0009755282581475768, 0.0009045084971874736, 0.0007938926261462366,
                               0.0006545084971874737, 0.0005, 0.00034549150281252633, 0.0002061073738537635,
                               9.549150281252634e-05, 2.4471741852423235e-05]
        for (index, expected) in torch.enumerated() {
            #expect(abs(config.learningRate(forEpoch: index + 1) - expected) < 1e-15, "epoch \(index + 1)")
        }
    }

    @Test func epochsBelowOneCountAsOne() {
        let config = TrainingConfig(learningRate: 0.5, lrSchedule: .step)
        #expect(config.learningRate(forEpoch: 0) == 0.5 && config.learningRate(forEpoch: -4) == 0.5)
    }
}

@Suite struct ConfigOverrideTests {
    @Test func overridesReplaceGivenValuesOnly() throws {
        let base = TrainingConfig(batchSize: 32, epochs: 5)
        #expect(try base.applying(ConfigOverrides()) == base)
        let result = try base.applying(ConfigOverrides(batchSize: 128, epochs: 2, learningRate: 0.01, optimizer: .sgd,
                                                       seed: 7, limit: 1000, checkpoint: "a.safetensors", threads: 1))
        #expect(result == TrainingConfig(batchSize: 128, epochs: 2, optimizer: .sgd, learningRate: 0.01, seed: 7,
                                         threads: 1, checkpoint: "a.safetensors", limit: 1000))
    }

    @Test func invalidOverridesNameTheFlag() {
        let base = TrainingConfig.defaults
        let cases: [(ConfigOverrides, String)] = [
            (ConfigOverrides(batchSize: 0), "--batch-size must be 1 to 60000, got 0"),
            (ConfigOverrides(epochs: -2), "--epochs must be 1 to 100000, got -2"),
            (ConfigOverrides(learningRate: 0), "--lr must be a positive finite number, got 0.0"),
            (ConfigOverrides(learningRate: .infinity), "--lr must be a positive finite number, got inf"),
            (ConfigOverrides(limit: 0), "--limit must be at least 1, got 0"),
            (ConfigOverrides(checkpoint: ""), #"--checkpoint must be a non-empty path, got """#),
            (ConfigOverrides(threads: -1), "--threads must be 0 (all processors) or more, got -1"),
        ]
        for (overrides, message) in cases {
            #expect(configErrorText { try base.applying(overrides) } == message)
        }
    }
}
