import Foundation
import LeNetEngine
import LeNetFormats
import Testing
@testable import LeNetTraining

/// The predictor: softmax, missing weights, and the committed sketches with a real checkpoint (when one
/// is there: the shipped assets/lenet5-pretrained.safetensors or $LENET_PRETRAINED).
@Suite struct PredictionPredictorTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// `LENET_PRETRAINED` or the shipped `assets/lenet5-pretrained.safetensors`.
    static let weights = ProcessInfo.processInfo.environment["LENET_PRETRAINED"]
        ?? root.appendingPathComponent("assets/lenet5-pretrained.safetensors").path

    @Test func softmax() {
        let p = DigitPredictor.softmax([1000, 1000, -1000][...])
        #expect(abs(p[0] - 0.5) <= 1e-6)
        #expect(p[2] == 0)
        #expect(DigitPredictor.softmax([.nan, 1][...]) == [0.5, 0.5])
        #expect(DigitPredictor.argmax([0.1, 0.7, 0.7]) == 1)
    }

    @Test func zeroWeightsGiveAUniformDistributionNotNaN() throws {
        let predictor = DigitPredictor(fixed: .zeros())
        let p = try #require(predictor.probabilities([UInt8](repeating: 255, count: 784)))
        #expect(p.count == 10)
        for value in p { #expect(abs(value - 0.1) <= 1e-6) }
        let sketch = SketchImage(width: 3, height: 1, values: [0, 1, 0])
        #expect(predictor.predict(sketch)?.predicted == 0)
        #expect(predictor.predict(SketchImage(width: 2, height: 1, values: [0, 0])) == nil)
    }

    @Test func noWeightsNoPrediction() {
        let predictor = DigitPredictor(parameters: { nil })
        #expect(predictor.probabilities([UInt8](repeating: 0, count: 784)) == nil)
    }

    @Test func batchEqualsOneByOne() throws {
        var rng = SplitMix64(seed: 3)
        let predictor = DigitPredictor(fixed: .pytorchDefault(using: &rng))
        let a = (0..<784).map { UInt8($0 % 256) }, b = (0..<784).map { UInt8(($0 * 7) % 256) }
        let both = try #require(predictor.probabilities([a, b]))
        #expect(both[0] == predictor.probabilities(a))
        #expect(both[1] == predictor.probabilities(b))
    }

    /// Reads the committed sketches, text art and PGM (label = first character of the file name) with and without the
    /// centring and prints both counts; with centring at least 80% must be right and more than without.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: weights), "no checkpoint (set LENET_PRETRAINED)"))
    func committedSketchesWithAndWithoutCentring() throws {
        let (root, path) = (Self.root, Self.weights)
        let predictor = DigitPredictor(fixed: try Checkpoint.read(from: path).parameters)
        let directory = root.appendingPathComponent("assets/sketches")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".txt") || $0.hasSuffix(".pgm") }.sorted()
        var centred = 0, plain = 0
        for file in files {
            let label = Int(String(file.prefix(1)))!
            let sketch = try SketchFile.read(path: directory.appendingPathComponent(file).path)
            if predictor.predict(sketch, mode: .mnist)?.predicted == label { centred += 1 }
            if predictor.predict(sketch, mode: .none)?.predicted == label { plain += 1 }
        }
        print("sketches: \(centred)/\(files.count) right with centring, \(plain)/\(files.count) without")
        #expect(Double(centred) >= 0.8 * Double(files.count))
        #expect(centred > plain)
    }
}
