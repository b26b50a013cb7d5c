import Foundation
import LeNetEngine
import MNISTData
import Testing
@testable import LeNetTraining

/// The confusion browser's finder on the first 200 bundled MNIST test images with the shipped weights.
@Suite struct ConfusionBrowserTests {
    static let weights = BundledMNIST.root.appendingPathComponent("assets/lenet5-pretrained.safetensors").path

    @Test(.enabled(if: FileManager.default.fileExists(atPath: weights), "needs assets/lenet5-pretrained.safetensors"))
    func cellsPartitionTheTestImagesAndMatchTheMisclassificationFinder() throws {
        let weights = Self.weights
        let parameters = try Checkpoint.read(from: weights).parameters
        let test = BundledMNIST.full.test.prefix(200)
        let browser = ConfusionBrowser(dataset: test, normalization: .mnist, limit: 1000)

        var seen: [Int] = []
        var errors: [ConfusionExample] = []
        for i in 0..<10 {
            for j in 0..<10 {
                let cell = browser.examples(trueClass: i, predicted: j, parameters: parameters)
                let found = cell.examples
                #expect(cell.total == found.count, "the limit of 1,000 leaves nothing out")
                #expect(!cell.isCapped)
                #expect(found.map(\.testIndex) == found.map(\.testIndex).sorted())
                for e in found {
                    #expect(e.trueClass == i)
                    #expect(Int(test.labels[e.testIndex]) == i)
                    #expect(e.predicted == j)
                    #expect(DigitPredictor.argmax(e.probabilities) == j)
                    #expect(abs(e.probabilities.reduce(0, +) - 1) <= 1e-4)
                    #expect(e.pixels == Array(test.image(at: e.testIndex)))
                }
                seen += found.map(\.testIndex)
                if i != j { errors += found }
            }
        }
        #expect(seen.sorted() == Array(0..<200), "every image is in exactly one cell")
        let model = LeNet5Model(maxBatchSize: 100, threads: 1)
        let expected = MisclassificationFinder.first(200, model: model, parameters: parameters, dataset: test,
                                                     normalization: .mnist, batch: MiniBatch(capacity: 100))
        #expect(errors.map(\.testIndex).sorted() == expected.map(\.index))
        for e in errors {
            let m = try #require(expected.first { $0.index == e.testIndex })
            #expect(m.predicted == e.predicted)
            #expect(abs(Double(e.probabilities[e.predicted]) - m.probabilities[m.predicted]) <= 1e-4)
        }
        // Diagonal cells hold correctly classified images, capped by the limit.
        let capped = ConfusionBrowser(dataset: test, normalization: .mnist, limit: 3)
        let ones = capped.examples(trueClass: 1, predicted: 1, parameters: parameters)
        #expect(ones.examples.count == 3)
        #expect(ones.total == browser.examples(trueClass: 1, predicted: 1, parameters: parameters).examples.count)
        #expect(ones.total == 28, "the 1s among the first 200 test images, all read right")
        #expect(ones.isCapped)
    }
}
