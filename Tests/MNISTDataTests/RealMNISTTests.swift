import Foundation
import Testing
@testable import MNISTData

/// The MNIST set shipped in `assets/mnist` (repository root found from this file's path).
@Suite struct RealMNISTTests {
    static let dataDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("assets/mnist")

    @Test func trainingSetChecksumsCountsAndMean() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let train = try MNISTLoader.load(split: .train, from: Self.dataDirectory, verifyChecksums: true)
        let loadTime = clock.now - start
        #expect(train.count == 60000 && train.rows == 28 && train.cols == 28)
        #expect(train.images.count == 47_040_000)
        #expect(train.labelCounts() == [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949])

        // Mean pixel / 255: 0.1307 (the normalisation constant), summed exactly in integers.
        let sum = train.images.withUnsafeBufferPointer { buffer -> Int in
            var total = 0
            for byte in buffer { total &+= Int(byte) }
            return total
        }
        let mean = Double(sum) / Double(train.images.count) / 255
        #expect(abs(mean - 0.1307) < 0.00005, "mean \(mean)")
        print("real MNIST train: loaded in \(loadTime), total \(clock.now - start)")
    }

    @Test func testSetChecksumsAndCounts() throws {
        let test = try MNISTLoader.load(split: .test, from: Self.dataDirectory, verifyChecksums: true)
        #expect(test.count == 10000)
        #expect(test.labelCounts() == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009])
        #expect(test.labels.prefix(10) == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9])  // the well-known first test digits
    }

    @Test func locatorFindsTheBundledSetFromTheRepositoryRoot() throws {
        let root = Self.dataDirectory.deletingLastPathComponent().deletingLastPathComponent()
        let found = try MNISTLocator.locate(dataFlag: nil, environment: [:], currentDirectory: root, executableURL: nil)
        #expect(found.path == Self.dataDirectory.standardizedFileURL.path)
    }
}
