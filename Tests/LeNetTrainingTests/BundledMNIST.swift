import Foundation
import LeNetTraining
import MNISTData

/// The repository's own MNIST (assets/mnist), read once for every suite of this target that trains or
/// classifies on real images (checksums not verified: MNISTDataTests checks them).
enum BundledMNIST {
    /// The repository root: three levels above this file.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// All 60,000 training and 10,000 test images.
    static let full: (train: MNISTDataset, test: MNISTDataset) = {
        let directory = root.appendingPathComponent("assets/mnist")
        let train = try! MNISTLoader.load(split: .train, from: directory, verifyChecksums: false)
        let test = try! MNISTLoader.load(split: .test, from: directory, verifyChecksums: false)
        return (train, test)
    }()

    /// The first `train` training and `test` test images, with MNIST's normalisation.
    static func trainingData(train: Int, test: Int) -> TrainingData {
        TrainingData(train: full.train.prefix(train), test: full.test.prefix(test), normalization: .mnist)
    }
}
