import Foundation
import LeNetEngine
import MNISTData
import Testing
@testable import LeNetTraining

/// `inspect`'s output: the JSON object's keys, nesting and exact floats, the readable summary, and that the
/// network sees exactly what `predict` gives it.
@Suite struct InspectionReportTests {
    /// A seeded network and a 7 drawn as text art, 12 wide and 16 tall (cropped, scaled and centred).
    static func sample() throws -> (predictor: DigitPredictor, sketch: SketchImage, inspection: DigitInspection) {
        var rng = SplitMix64(seed: 5)
        let predictor = DigitPredictor(fixed: .pytorchDefault(using: &rng))
        let art = ["############", "..........##", ".........##.", "........##..", ".......##...", "......##....",
                   ".....##.....", "....##......", "....##......", "...##.......", "...##.......", "..##........",
                   "..##........", ".##.........", ".##.........", "##.........."].joined(separator: "\n")
        let sketch = try SketchFile.parse(Array(art.utf8), path: "seven.txt")
        let inspection = try #require(predictor.inspect(sketch))
        return (predictor, sketch, inspection)
    }

    @Test func theNetworkSeesWhatPredictGivesIt() throws {
        let (predictor, sketch, inspection) = try Self.sample()
        for mode in [MNISTPreprocessing.Mode.mnist, .none] {
            let predicted = try #require(predictor.predict(sketch, mode: mode))
            let inspected = try #require(predictor.inspect(sketch, mode: mode))
            #expect(inspected.image == predicted.input)
            #expect(inspected.probabilities == predicted.probabilities)
            #expect(inspected.predicted == predicted.predicted)
        }
        // The input layer is the image normalised as in training, (p / 255 − 0.1307) / 0.3081.
        for (value, pixel) in zip(inspection.network.input, inspection.image.pixels) {
            #expect(abs(Double(value) - (Double(pixel) / 255 - 0.1307) / 0.3081) < 1e-5)
        }
        #expect(predictor.inspect(SketchImage(width: 2, height: 1, values: [0, 0])) == nil)
        #expect(DigitPredictor(parameters: { nil }).inspect(sketch) == nil)
    }

    @Test func jsonHasExactlyTheKeysNestedInNCHWOrderWithExactFloats() throws {
        let (_, _, inspection) = try Self.sample()
        let net = inspection.network
        let line = InspectionReport.json(file: "dir/seven \"q\".txt", inspection)
        #expect(!line.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(Set(object.keys) == Set(InspectionReport.jsonKeys))
        #expect(InspectionReport.jsonKeys == ["file", "prediction", "probabilities", "logits", "input", "c1", "pool1",
                                              "c3", "pool2", "c5", "f6", "saliency"])
        #expect(object["file"] as? String == "dir/seven \"q\".txt")
        #expect(object["prediction"] as? Int == net.predictedClass)
        /// The nested list at `key` flattened, checking every level has the expected length.
        func flat(_ key: String, _ shape: [Int]) throws -> [Float] {
            func walk(_ value: Any, _ depth: Int) throws -> [Float] {
                if depth == shape.count { return [Float(try #require(value as? Double))] }
                let list = try #require(value as? [Any], "\(key) level \(depth)")
                #expect(list.count == shape[depth], "\(key) level \(depth)")
                return try list.flatMap { try walk($0, depth + 1) }
            }
            return try walk(object[key] as Any, 0)
        }
        // Row-major nesting: element [c][y][x] is value c·H·W + y·W + x; floats read back bit for bit.
        #expect(try flat("input", [28, 28]) == net.input)
        #expect(try flat("c1", [6, 28, 28]) == net.c1)
        #expect(try flat("pool1", [6, 14, 14]) == net.pool1)
        #expect(try flat("c3", [16, 10, 10]) == net.c3)
        #expect(try flat("pool2", [16, 5, 5]) == net.pool2)
        #expect(try flat("c5", [120]) == net.c5)
        #expect(try flat("f6", [84]) == net.f6)
        #expect(try flat("logits", [10]) == net.logits)
        #expect(try flat("probabilities", [10]) == net.probabilities)
        #expect(try flat("saliency", [28, 28]) == net.saliency)
        let c1 = try #require(object["c1"] as? [[[Double]]])
        #expect(Float(c1[3][17][9]) == net.c1[3 * 784 + 17 * 28 + 9])
    }

    @Test func nonFiniteValuesAreNull() {
        #expect(InspectionReport.nested([.nan, 1, -.infinity, 2.5e-5], shape: [2, 2]) == "[[null, 1.0], [null, 2.5e-05]]")
    }

    @Test func summaryLinesAgreeWithTheNumbers() throws {
        let (_, _, inspection) = try Self.sample()
        let net = inspection.network
        let lines = InspectionReport.text(file: "seven.txt", inspection)
        let top = net.probabilities[net.predictedClass]
        #expect(lines[0] == "seven.txt: \(net.predictedClass) (\(String(format: "%.1f", Double(top) * 100))%)")
        // The top 3 in order of probability.
        let order = (0..<10).sorted { net.probabilities[$0] > net.probabilities[$1] }
        #expect(lines[1].hasPrefix("  top 3: \(order[0]) "))
        #expect(lines[1].contains(", \(order[1]) ") && lines[1].contains(", \(order[2]) "))
        // The c1 channel with the largest mean, from the raw (6, 28, 28) values.
        let means = (0..<6).map { c in net.c1[(c * 784) ..< ((c + 1) * 784)].reduce(0, +) / 784 }
        let strongest = means.indices.max { means[$0] < means[$1] }!
        #expect(lines[2].hasPrefix("  strongest c1 maps (channel, mean activation): \(strongest) ("))
        // Two 14-line pictures side by side, 28 characters each.
        let art = lines.suffix(14)
        #expect(art.count == 14 && art.allSatisfy { $0.count == 2 + 1 + 28 + 1 + 3 + 1 + 28 + 1 })
        #expect(art.contains { $0.contains("@") || $0.contains("%") })
        let fashion = InspectionReport.text(file: "f", inspection, classNames: DatasetKind.fashionMNIST.classNames)
        #expect(fashion[0].hasPrefix("f: \(net.predictedClass) \(DatasetKind.fashionMNIST.classNames[net.predictedClass]) ("))
    }

    @Test func artAveragesPairsOfRows() {
        var values = [Double](repeating: 0, count: 784)
        for x in 0..<28 { values[x] = 1; values[28 + x] = 1 }     // rows 0 and 1: full ink
        for x in 0..<28 { values[2 * 28 + x] = 1 }                 // row 2 only: half
        let art = InspectionReport.art(values)
        #expect(art.count == 14 && art[0] == String(repeating: "@", count: 28))
        #expect(art[1] == String(repeating: "+", count: 28))       // 0.5 → ramp[5]
        #expect(art[2] == String(repeating: " ", count: 28))
    }
}
