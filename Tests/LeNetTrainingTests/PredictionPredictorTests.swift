import Foundation
import LeNetEngine
import LeNetFormats
import XCTest
@testable import LeNetTraining

/// The predictor: softmax, missing weights, and the committed sketches with a real checkpoint (when one
/// is there: the shipped assets/lenet5-pretrained.safetensors or $LENET_PRETRAINED).
final class PredictionPredictorTests: XCTestCase {
    func testSoftmax() {
        let p = DigitPredictor.softmax([1000, 1000, -1000][...])
        XCTAssertEqual(p[0], 0.5, accuracy: 1e-6)
        XCTAssertEqual(p[2], 0)
        XCTAssertEqual(DigitPredictor.softmax([.nan, 1][...]), [0.5, 0.5])
        XCTAssertEqual(DigitPredictor.argmax([0.1, 0.7, 0.7]), 1)
    }

    func testZeroWeightsGiveAUniformDistributionNotNaN() throws {
        let predictor = DigitPredictor(fixed: .zeros())
        let p = try XCTUnwrap(predictor.probabilities([UInt8](repeating: 255, count: 784)))
        XCTAssertEqual(p.count, 10)
        for value in p { XCTAssertEqual(value, 0.1, accuracy: 1e-6) }
        let sketch = SketchImage(width: 3, height: 1, values: [0, 1, 0])
        XCTAssertEqual(predictor.predict(sketch)?.predicted, 0)
        XCTAssertNil(predictor.predict(SketchImage(width: 2, height: 1, values: [0, 0])))
    }

    func testNoWeightsNoPrediction() {
        let predictor = DigitPredictor(parameters: { nil })
        XCTAssertNil(predictor.probabilities([UInt8](repeating: 0, count: 784)))
    }

    func testBatchEqualsOneByOne() throws {
        var rng = SplitMix64(seed: 3)
        let predictor = DigitPredictor(fixed: .pytorchDefault(using: &rng))
        let a = (0..<784).map { UInt8($0 % 256) }, b = (0..<784).map { UInt8(($0 * 7) % 256) }
        let both = try XCTUnwrap(predictor.probabilities([a, b]))
        XCTAssertEqual(both[0], predictor.probabilities(a))
        XCTAssertEqual(both[1], predictor.probabilities(b))
    }

    /// Reads the committed sketches, text art and PGM (label = first character of the file name) with and without the
    /// centring and prints both counts; with centring at least 80% must be right and more than without.
    func testCommittedSketchesWithAndWithoutCentring() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = ProcessInfo.processInfo.environment["LENET_PRETRAINED"]
            ?? root.appendingPathComponent("assets/lenet5-pretrained.safetensors").path
        guard FileManager.default.fileExists(atPath: path) else {
            throw XCTSkip("no checkpoint at \(path) (set LENET_PRETRAINED)")
        }
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
        XCTAssertGreaterThanOrEqual(Double(centred), 0.8 * Double(files.count))
        XCTAssertGreaterThan(centred, plain)
    }
}
