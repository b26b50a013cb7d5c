import Foundation
import LeNetFormats
import TestSupport
import Testing
@testable import MNISTData

@Suite struct MNISTLoaderTests {
    let set = SyntheticSet()

    // MARK: - Reading synthetic files

    @Test func loadsRawFilesUnderStandardNames() throws {
        let dir = try TemporaryDirectory()
        try dir.write(set.imagesFile, to: "train-images-idx3-ubyte")
        try dir.write(set.labelsFile, to: "train-labels-idx1-ubyte")
        let data = try MNISTLoader.load(split: .train, from: dir.url, verifyChecksums: false)
        #expect(data.count == 5 && data.rows == 28 && data.cols == 28)
        #expect(data.images == set.pixels)
        #expect(data.labels == [0, 1, 2, 3, 4])
        #expect(data.labelCounts() == [1, 1, 1, 1, 1, 0, 0, 0, 0, 0])
        #expect(data.image(at: 1).first == 7 && data.image(at: 1).count == 784)
    }

    @Test func loadsGzipFilesUnderDottedNames() throws {
        let dir = try TemporaryDirectory()
        try dir.write(Gzip.compress(set.imagesFile), to: "t10k-images.idx3-ubyte.gz")
        try dir.write(Gzip.compress(set.labelsFile), to: "t10k-labels.idx1-ubyte.gz")
        let data = try MNISTLoader.load(split: .test, from: dir.url, verifyChecksums: false)
        #expect(data.images == set.pixels)
        #expect(data.labels == set.labels)
    }

    @Test func detectsGzipByContentNotName() throws {
        let dir = try TemporaryDirectory()
        // gzip data without .gz, raw data with .gz: both read.
        try dir.write(Gzip.compress(set.imagesFile), to: "train-images-idx3-ubyte")
        try dir.write(set.labelsFile, to: "train-labels-idx1-ubyte.gz")
        let data = try MNISTLoader.load(split: .train, from: dir.url, verifyChecksums: false)
        #expect(data.labels == set.labels)
    }

    @Test func candidateNamesInOrder() {
        #expect(MNISTFile.trainImages.candidateNames == ["train-images-idx3-ubyte", "train-images-idx3-ubyte.gz",
                                                         "train-images.idx3-ubyte", "train-images.idx3-ubyte.gz"])
        #expect(MNISTFile.testLabels.candidateNames == ["t10k-labels-idx1-ubyte", "t10k-labels-idx1-ubyte.gz",
                                                        "t10k-labels.idx1-ubyte", "t10k-labels.idx1-ubyte.gz"])
    }

    @Test func prefixKeepsTheFirstImages() throws {
        let data = try MNISTDataset(images: set.pixels, labels: set.labels, rows: 28, cols: 28)
        let two = data.prefix(2)
        #expect(two.count == 2 && two.labels == [0, 1] && two.images == Array(set.pixels[0 ..< 1568]))
        #expect(data.prefix(99) == data)
        #expect(data.prefix(-1).count == 0)
    }

    // MARK: - Errors

    @Test func missingDirectoryAndFiles() throws {
        let dir = try TemporaryDirectory()
        let nowhere = dir.url.appendingPathComponent("nope")
        #expect(errorText { try MNISTLoader.load(split: .train, from: nowhere, verifyChecksums: false) }
            == "MNIST data directory \(nowhere.path) does not exist")
        let file = try dir.write([1], to: "plain")
        #expect(errorText { try MNISTLoader.load(split: .train, from: file, verifyChecksums: false) }
            == "MNIST data directory \(file.path) is not a directory")

        try dir.write(set.imagesFile, to: "train-images-idx3-ubyte")
        #expect(errorText { try MNISTLoader.load(split: .train, from: dir.url, verifyChecksums: false) }
            == "no MNIST train labels file in \(dir.url.path) (looked for train-labels-idx1-ubyte, train-labels-idx1-ubyte.gz, train-labels.idx1-ubyte, train-labels.idx1-ubyte.gz)")
    }

    @Test func directoryWhereAFileShouldBe() throws {
        let dir = try TemporaryDirectory()
        try dir.makeDirectory("train-images-idx3-ubyte")
        try dir.write(set.labelsFile, to: "train-labels-idx1-ubyte")
        #expect(errorText { try MNISTLoader.load(split: .train, from: dir.url, verifyChecksums: false) }
            == "\(dir.path("train-images-idx3-ubyte")) is a directory, expected an MNIST file")
        // A file under another accepted name wins over the directory.
        try dir.write(Gzip.compress(set.imagesFile), to: "train-images-idx3-ubyte.gz")
        #expect(try MNISTLoader.load(split: .train, from: dir.url, verifyChecksums: false).count == 5)
    }

    @Test func emptyFile() throws {
        let dir = try TemporaryDirectory()
        try dir.write(set.imagesFile, to: "train-images-idx3-ubyte")
        try dir.write([], to: "train-labels-idx1-ubyte")
        #expect(errorText { try MNISTLoader.load(split: .train, from: dir.url, verifyChecksums: false) }
            == "\(dir.path("train-labels-idx1-ubyte")): empty file (0 bytes), expected IDX data")
    }

    @Test func notIDXAndNotGzip() throws {
        let dir = try TemporaryDirectory()
        try dir.write(Array("<html>404</html>".utf8), to: "train-images-idx3-ubyte.gz")
        try dir.write(set.labelsFile, to: "train-labels-idx1-ubyte")
        #expect(errorText { try MNISTLoader.load(split: .train, from: dir.url, verifyChecksums: false) }
            == "\(dir.path("train-images-idx3-ubyte.gz")): not an IDX file of the expected kind: magic number 0x3c68746d, expected 0x00000803 (IDX images (unsigned byte, 3 dimensions))")
    }

    @Test func truncatedGzipFile() throws {
        let dir = try TemporaryDirectory()
        let gz = Gzip.compress(set.imagesFile)
        try dir.write(Array(gz[0 ..< gz.count / 2]), to: "train-images-idx3-ubyte.gz")
        try dir.write(set.labelsFile, to: "train-labels-idx1-ubyte")
        #expect(errorText { try MNISTLoader.load(split: .train, from: dir.url, verifyChecksums: false) }
            == "\(dir.path("train-images-idx3-ubyte.gz")): truncated gzip stream (the data ends before the end of the compressed stream)")
    }

    @Test func labelsFileGivenForImages() throws {
        let dir = try TemporaryDirectory()
        try dir.write(set.labelsFile, to: "train-images-idx3-ubyte")
        try dir.write(set.labelsFile, to: "train-labels-idx1-ubyte")
        #expect(errorText { try MNISTLoader.load(split: .train, from: dir.url, verifyChecksums: false) }
            == "\(dir.path("train-images-idx3-ubyte")): not an IDX file of the expected kind: magic number 0x00000801, expected 0x00000803 (IDX images (unsigned byte, 3 dimensions))")
    }

    @Test func headerCountDisagreesWithDataLength() throws {
        let dir = try TemporaryDirectory()
        try dir.write(IDX.encode(dimensions: [6, 28, 28], bytes: set.pixels), to: "train-images-idx3-ubyte")
        try dir.write(set.labelsFile, to: "train-labels-idx1-ubyte")
        #expect(errorText { try MNISTLoader.load(split: .train, from: dir.url, verifyChecksums: false) }
            == "\(dir.path("train-images-idx3-ubyte")): IDX header says 6x28x28 = 4704 data bytes but the file has 3920")
    }

    @Test func imageAndLabelCountsDiffer() throws {
        let dir = try TemporaryDirectory()
        try dir.write(set.imagesFile, to: "train-images-idx3-ubyte")
        try dir.write(IDX.encode(dimensions: [4], bytes: [1, 2, 3, 4]), to: "train-labels-idx1-ubyte")
        #expect(errorText { try MNISTLoader.load(split: .train, from: dir.url, verifyChecksums: false) }
            == "\(dir.path("train-images-idx3-ubyte")) has 5 images but \(dir.path("train-labels-idx1-ubyte")) has 4 labels")
    }

    @Test func labelAboveNine() throws {
        let dir = try TemporaryDirectory()
        try dir.write(set.imagesFile, to: "train-images-idx3-ubyte")
        try dir.write(IDX.encode(dimensions: [5], bytes: [1, 2, 3, 10, 4]), to: "train-labels-idx1-ubyte")
        #expect(errorText { try MNISTLoader.load(split: .train, from: dir.url, verifyChecksums: false) }
            == "\(dir.path("train-labels-idx1-ubyte")): label 10 at index 3 is outside 0...9")
    }

    @Test func imagesNot28x28() throws {
        let small = SyntheticSet(count: 5, rows: 32, cols: 30)
        let dir = try TemporaryDirectory()
        try dir.write(small.imagesFile, to: "train-images-idx3-ubyte")
        try dir.write(small.labelsFile, to: "train-labels-idx1-ubyte")
        #expect(errorText { try MNISTLoader.load(split: .train, from: dir.url, verifyChecksums: false) }
            == "\(dir.path("train-images-idx3-ubyte")): images are 32x30, expected 28x28")
    }

    @Test func checksumMismatchNamesBothDigests() throws {
        let dir = try TemporaryDirectory()
        try dir.write(set.imagesFile, to: "t10k-images-idx3-ubyte")
        try dir.write(set.labelsFile, to: "t10k-labels-idx1-ubyte")
        let actual = Checksum.sha256Hex(set.labelsFile)
        #expect(errorText { try MNISTLoader.load(split: .test, from: dir.url, verifyChecksums: true) }
            == "\(dir.path("t10k-labels-idx1-ubyte")): SHA-256 of the decompressed data is \(actual), expected ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2 (damaged or not the standard MNIST file)")
    }

    @Test func sha256OfKnownInput() {
        #expect(Checksum.sha256Hex(Array("abc".utf8))
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")  // FIPS 180-2 example
    }

    @Test func inMemoryDatasetIsChecked() {
        #expect(errorText { try MNISTDataset(images: [1, 2, 3], labels: [1], rows: 2, cols: 2) }
            == "MNIST dataset: 3 pixel bytes for 1 images of 2x2 (expected 4)")
        #expect(errorText { try MNISTDataset(images: [1, 2, 3, 4], labels: [11], rows: 2, cols: 2) }
            == "labels: label 11 at index 0 is outside 0...9")
        #expect(errorText { try MNISTDataset(images: [], labels: [1], rows: 0, cols: 28) }
            == "MNIST dataset: 0 pixel bytes for 1 images of 0x28 (image size must be positive and fit in memory)")
    }

    @Test func handBuiltArraysAreChecked() {
        let labels = IDXArray(dimensions: [1], bytes: [3])
        #expect(errorText {
            try MNISTDecoding.makeDataset(images: IDXArray(dimensions: [1, 784], bytes: []), labels: labels,
                                          imagesPath: "i", labelsPath: "l")
        } == "i: IDX array has 2 dimensions, expected 3")
        #expect(errorText {
            try MNISTDecoding.makeDataset(images: IDXArray(dimensions: [1, 28, 28], bytes: [1]), labels: labels,
                                          imagesPath: "i", labelsPath: "l")
        } == "MNIST dataset: 1 pixel bytes for 1 images of 28x28 (expected 784)")
    }
}
