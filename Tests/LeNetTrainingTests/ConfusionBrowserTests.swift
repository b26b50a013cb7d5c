import Foundation
import LeNetEngine
import MNISTData
import XCTest
@testable import LeNetTraining

/// The confusion browser's finder on the first 200 bundled MNIST test images with the shipped weights.
final class ConfusionBrowserTests: XCTestCase {
    func testCellsPartitionTheTestImagesAndMatchTheMisclassificationFinder() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let weights = root.appendingPathComponent("assets/lenet5-pretrained.safetensors").path
        guard FileManager.default.fileExists(atPath: weights) else { throw XCTSkip("no checkpoint at \(weights)") }
        let parameters = try Checkpoint.read(from: weights).parameters
        let test = try MNISTLoader.load(split: .test, from: root.appendingPathComponent("assets/mnist"),
                                        verifyChecksums: false).prefix(200)
        let browser = ConfusionBrowser(dataset: test, normalization: .mnist, limit: 1000)

        var seen: [Int] = []
        var errors: [ConfusionExample] = []
        for i in 0..<10 {
            for j in 0..<10 {
                let cell = browser.examples(trueClass: i, predicted: j, parameters: parameters)
                let found = cell.examples
                XCTAssertEqual(cell.total, found.count, "the limit of 1,000 leaves nothing out")
                XCTAssertFalse(cell.isCapped)
                XCTAssertEqual(found.map(\.testIndex), found.map(\.testIndex).sorted())
                for e in found {
                    XCTAssertEqual(e.trueClass, i)
                    XCTAssertEqual(Int(test.labels[e.testIndex]), i)
                    XCTAssertEqual(e.predicted, j)
                    XCTAssertEqual(DigitPredictor.argmax(e.probabilities), j)
                    XCTAssertEqual(e.probabilities.reduce(0, +), 1, accuracy: 1e-4)
                    XCTAssertEqual(e.pixels, Array(test.image(at: e.testIndex)))
                }
                seen += found.map(\.testIndex)
                if i != j { errors += found }
            }
        }
        XCTAssertEqual(seen.sorted(), Array(0..<200), "every image is in exactly one cell")
        let model = LeNet5Model(maxBatchSize: 100, threads: 1)
        let expected = MisclassificationFinder.first(200, model: model, parameters: parameters, dataset: test,
                                                     normalization: .mnist, batch: MiniBatch(capacity: 100))
        XCTAssertEqual(errors.map(\.testIndex).sorted(), expected.map(\.index))
        for e in errors {
            let m = try XCTUnwrap(expected.first { $0.index == e.testIndex })
            XCTAssertEqual(m.predicted, e.predicted)
            XCTAssertEqual(Double(e.probabilities[e.predicted]), m.probabilities[m.predicted], accuracy: 1e-4)
        }
        // Diagonal cells hold correctly classified images, capped by the limit.
        let capped = ConfusionBrowser(dataset: test, normalization: .mnist, limit: 3)
        let ones = capped.examples(trueClass: 1, predicted: 1, parameters: parameters)
        XCTAssertEqual(ones.examples.count, 3)
        XCTAssertEqual(ones.total, browser.examples(trueClass: 1, predicted: 1, parameters: parameters).examples.count)
        XCTAssertEqual(ones.total, 28, "the 1s among the first 200 test images, all read right")
        XCTAssertTrue(ones.isCapped)
    }
}
