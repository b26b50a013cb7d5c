import Foundation
import TestSupport
import Testing
@testable import MNISTData

@Suite struct DatasetKindTests {
    @Test func namesAndClassNames() {
        #expect(DatasetKind(rawValue: "mnist") == .mnist)
        #expect(DatasetKind(rawValue: "fashion-mnist") == .fashionMNIST)
        #expect(DatasetKind.allCases.map(\.displayName) == ["MNIST", "Fashion-MNIST"])
        #expect(DatasetKind.mnist.classNames == ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"])
        #expect(DatasetKind.fashionMNIST.classNames == ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                                        "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"])
    }

    @Test func normalisationConstants() {
        #expect(DatasetKind.mnist.normalization == PixelNormalization(mean: 0.1307, std: 0.3081))
        #expect(DatasetKind.fashionMNIST.normalization == PixelNormalization(mean: 0.2860, std: 0.3530))
        #expect(PixelNormalization.fashionMNIST.normalize(0) == (0 - Float(0.2860)) / Float(0.3530))
    }

    @Test func digestsIdentifyTheirFiles() {
        for kind in DatasetKind.allCases {
            for file in MNISTFile.allCases {
                let found = DatasetKind.identify(sha256: kind.sha256(of: file).uppercased())
                #expect(found?.kind == kind && found?.file == file)
            }
        }
        #expect(DatasetKind.mnist.sha256(of: .testLabels) == MNISTFile.testLabels.sha256)
        #expect(DatasetKind.identify(sha256: String(repeating: "0", count: 64)) == nil)
        #expect(Set(DatasetKind.allCases.flatMap { k in MNISTFile.allCases.map { k.sha256(of: $0) } }).count == 8)
    }

    @Test func fashionChecksumMismatchNamesTheDataset() throws {
        let set = SyntheticSet()
        let dir = try TemporaryDirectory()
        try dir.write(set.imagesFile, to: "t10k-images-idx3-ubyte")
        try dir.write(set.labelsFile, to: "t10k-labels-idx1-ubyte")
        let actual = Checksum.sha256Hex(set.labelsFile)
        #expect(errorText { try MNISTLoader.load(split: .test, from: dir.url, kind: .fashionMNIST, verifyChecksums: true) }
            == "\(dir.path("t10k-labels-idx1-ubyte")): SHA-256 of the decompressed data is \(actual), expected "
            + "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34 (damaged or not the standard Fashion-MNIST file)")
        #expect(try MNISTLoader.load(split: .test, from: dir.url, kind: .fashionMNIST, verifyChecksums: false).count == 5)
    }

    @Test func mismatchMessageTellsWhichDatasetTheFileIs() {
        let error = MNISTDataError.checksumMismatch(path: "x/t10k-labels-idx1-ubyte",
                                                    expected: DatasetKind.mnist.sha256(of: .testLabels),
                                                    actual: DatasetKind.fashionMNIST.sha256(of: .testLabels))
        #expect(error.description.hasSuffix("(damaged or not the standard MNIST file); it is the Fashion-MNIST "
            + "test labels file: pass --dataset fashion-mnist"))
    }
}

@Suite struct DatasetLocatorTests {
    @Test func fashionComesFromItsPackageDirectory() throws {
        let dir = try TemporaryDirectory()
        try dir.write(SyntheticSet().labelsFile, to: "fashion/t10k-labels-idx1-ubyte.gz")
        let found = try DatasetLocator.locate(kind: .fashionMNIST, dataFlag: nil, environment: [:],
                                              currentDirectory: dir.url, executableURL: nil,
                                              systemDirectory: dir.path("fashion"))
        #expect(found.path == dir.url.appendingPathComponent("fashion").standardizedFileURL.path)
    }

    @Test func missingFashionSaysHowToInstallIt() throws {
        let dir = try TemporaryDirectory()
        try dir.makeDirectory("empty")
        for missing in [dir.path("nowhere"), dir.path("empty")] {
            #expect(errorText {
                try DatasetLocator.locate(kind: .fashionMNIST, dataFlag: nil, environment: ["LENET_DATA": dir.path("x")],
                                          currentDirectory: dir.url, executableURL: nil, systemDirectory: missing)
            } == "Fashion-MNIST not found in \(missing): install it with `sudo apt-get install -y dataset-fashion-mnist` "
                + "(Debian, Ubuntu) or pass --data DIR (a directory with its four IDX files)")
        }
    }

    @Test func dataFlagWinsForEveryKind() throws {
        let dir = try TemporaryDirectory()
        let data = try dir.makeDirectory("mine")
        for kind in DatasetKind.allCases {
            let found = try DatasetLocator.locate(kind: kind, dataFlag: "mine", environment: [:],
                                                  currentDirectory: dir.url, executableURL: nil,
                                                  systemDirectory: dir.path("nowhere"))
            #expect(found.path == data.standardizedFileURL.path)
            #expect(errorText {
                try DatasetLocator.locate(kind: kind, dataFlag: "absent", environment: [:], currentDirectory: dir.url,
                                          executableURL: nil)
            } == "--data \(dir.path("absent")): no such directory")
        }
    }

    @Test func mnistUsesTheMNISTLocator() throws {
        let dir = try TemporaryDirectory()
        try dir.write(SyntheticSet().labelsFile, to: "assets/mnist/t10k-labels-idx1-ubyte")
        let found = try DatasetLocator.locate(kind: .mnist, dataFlag: nil, environment: [:], currentDirectory: dir.url,
                                              executableURL: nil)
        #expect(found.path == dir.url.appendingPathComponent("assets/mnist").standardizedFileURL.path)
    }
}

/// The real Fashion-MNIST from the Debian package, when it is installed (`apt-get install dataset-fashion-mnist`).
@Suite(.enabled(if: FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz"),
                "dataset-fashion-mnist is not installed"))
struct RealFashionMNISTTests {
    static let directory = URL(fileURLWithPath: "/usr/share/datasets/fashion-mnist")

    @Test func checksumsCountsAndStatistics() throws {
        let found = try DatasetLocator.locate(kind: .fashionMNIST, dataFlag: nil, environment: [:],
                                              currentDirectory: URL(fileURLWithPath: "/"), executableURL: nil)
        #expect(found.path == Self.directory.path)
        let train = try MNISTLoader.load(split: .train, from: found, kind: .fashionMNIST, verifyChecksums: true)
        let test = try MNISTLoader.load(split: .test, from: found, kind: .fashionMNIST, verifyChecksums: true)
        #expect(train.count == 60000 && test.count == 10000)
        #expect(train.labelCounts() == Array(repeating: 6000, count: 10))
        #expect(test.labelCounts() == Array(repeating: 1000, count: 10))
        #expect(test.labels.prefix(10) == [9, 2, 1, 1, 6, 1, 4, 6, 5, 7])  // ankle boot, pullover, trouser, ...
        // The normalisation constants are the training set's mean and standard deviation of p / 255.
        var sum = 0, squares = 0
        train.images.withUnsafeBufferPointer { for p in $0 { sum &+= Int(p); squares &+= Int(p) * Int(p) } }
        let n = Double(train.images.count)
        let mean = Double(sum) / n / 255
        let std = (Double(squares) / n / 65025 - mean * mean).squareRoot()
        #expect(abs(mean - Double(PixelNormalization.fashionMNIST.mean)) < 0.00005, "mean \(mean)")
        #expect(abs(std - Double(PixelNormalization.fashionMNIST.std)) < 0.00005, "std \(std)")
    }

    @Test func fashionFilesLoadedAsMNISTSayWhichFlagToPass() {
        #expect(errorText { try MNISTLoader.load(split: .test, from: Self.directory, verifyChecksums: true) }?
            .hasSuffix("it is the Fashion-MNIST test labels file: pass --dataset fashion-mnist") == true)
    }
}
