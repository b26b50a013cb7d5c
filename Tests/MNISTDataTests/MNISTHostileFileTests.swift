import Foundation
import LeNetFormats
import TestSupport
import Testing
@testable import MNISTData

/// Data files an attacker (or an accident) could hand the loader: each is one error line naming the
/// file, quickly, with memory bounded by what MNIST-shaped data can need.
@Suite struct MNISTHostileFileTests {
    let set = SyntheticSet()

    /// A directory with good labels and `images` as the train images file.
    func directory(images: [UInt8]) throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        try dir.write(set.labelsFile, to: "train-labels-idx1-ubyte")
        try dir.write(images, to: "train-images-idx3-ubyte.gz")
        return dir
    }

    func loadError(_ dir: TemporaryDirectory) -> String? {
        errorText { try MNISTLoader.load(split: .train, from: dir.url, verifyChecksums: false) }
    }

    @Test func aBombBehindAValidHeaderStopsAtTheAnnouncedSize() throws {
        // Header: 5 images of 28x28 (3,920 bytes); then 200 MiB of zeros.
        let bomb = Hostile.gzipBomb(prefix: IDX.encode(dimensions: [5, 28, 28], bytes: []), mebibytes: 200)
        let dir = try directory(images: bomb)
        let before = Hostile.peakRSSBytes()
        #expect(loadError(dir) == "\(dir.path("train-images-idx3-ubyte.gz")): IDX header says 5x28x28 = 3920 data bytes but the data goes on past them")
        #expect(Hostile.peakRSSBytes() - before < 32 << 20)
    }

    @Test func aBombWithoutAHeaderFailsOnItsFirstBytes() throws {
        // 1 GiB of zeros: the magic number (the first four zero bytes) is already wrong.
        let dir = try directory(images: Hostile.gzipBomb(mebibytes: 1024))
        let before = Hostile.peakRSSBytes()
        let start = Date()
        #expect(loadError(dir) == "\(dir.path("train-images-idx3-ubyte.gz")): not an IDX file of the expected kind: magic number 0x00000000, expected 0x00000803 (IDX images (unsigned byte, 3 dimensions))")
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(Hostile.peakRSSBytes() - before < 32 << 20)
    }

    @Test func aHeaderAnnouncingMoreThanMNISTShapedDataIsRefusedBeforeAllocating() throws {
        let header = IDX.encode(dimensions: [4_000_000_000, 28, 28], bytes: [])
        let dir = try directory(images: Gzip.compress(header))
        #expect(loadError(dir) == "\(dir.path("train-images-idx3-ubyte.gz")): IDX header announces 4000000000 entries, more than MNIST-shaped data has (at most 120000)")
        // Raw (not gzip) files are checked the same way.
        try FileManager.default.removeItem(atPath: dir.path("train-images-idx3-ubyte.gz"))
        try dir.write(IDX.encode(dimensions: [120_001], bytes: []), to: "train-labels-idx1-ubyte")
        try dir.write(set.imagesFile, to: "train-images-idx3-ubyte")
        #expect(loadError(dir) == "\(dir.path("train-labels-idx1-ubyte")): IDX header announces 120001 entries, more than MNIST-shaped data has (at most 120000)")
    }

    @Test func aHeaderAnnouncingMoreThanTheGzipCanHoldIsRefusedBeforeAllocating() throws {
        // 100,000 images (78.4 MB) from a gzip file of a few dozen bytes: impossible at deflate's 1032:1.
        let gz = Gzip.compress(IDX.encode(dimensions: [100_000, 28, 28], bytes: []))
        let dir = try directory(images: gz)
        #expect(loadError(dir) == "\(dir.path("train-images-idx3-ubyte.gz")): IDX header says 100000x28x28 = 78400000 data bytes but \(gz.count) bytes of gzip cannot decompress to that many (at most 1032x)")
    }

    @Test func imagesOfAnotherSizeAreRefusedFromTheHeader() throws {
        let bomb = Hostile.gzipBomb(prefix: IDX.encode(dimensions: [10, 4096, 4096], bytes: []), mebibytes: 64)
        let dir = try directory(images: bomb)
        #expect(loadError(dir) == "\(dir.path("train-images-idx3-ubyte.gz")): images are 4096x4096, expected 28x28")
    }

    @Test func theLimitsAreDerivedFromMNISTsShape() {
        #expect(MNISTDecoding.maximumIDXSize(of: .images) == 16 + 120_000 * 784)
        #expect(MNISTDecoding.maximumIDXSize(of: .labels) == 8 + 120_000)
        #expect(MNISTDecoding.maximumFileSize(of: .images) == 94_080_016 + 94_080 + 65_536)
    }

    @Test func aFIFOADeviceOrALinkLoopIsNamed() throws {
        let dir = try TemporaryDirectory()
        try dir.write(set.labelsFile, to: "train-labels-idx1-ubyte")
        #expect(Hostile.makeFIFO(dir.path("train-images-idx3-ubyte")))
        #expect(loadError(dir) == "\(dir.path("train-images-idx3-ubyte")): cannot read: is a FIFO (named pipe), not a regular file")
        try FileManager.default.removeItem(atPath: dir.path("train-images-idx3-ubyte"))
        try Hostile.link(dir.path("train-images-idx3-ubyte"), to: "/dev/zero")
        #expect(loadError(dir) == "\(dir.path("train-images-idx3-ubyte")): cannot read: is a character device, not a regular file")
        try FileManager.default.removeItem(atPath: dir.path("train-images-idx3-ubyte"))
        try Hostile.link(dir.path("train-images-idx3-ubyte"), to: "train-images-idx3-ubyte")
        #expect(loadError(dir) == "\(dir.path("train-images-idx3-ubyte")): cannot read: too many levels of symbolic links")
    }

    @Test func aTooLargeRawFileIsRefusedFromItsSize() throws {
        let dir = try TemporaryDirectory()
        try dir.write(set.labelsFile, to: "train-labels-idx1-ubyte")
        let path = dir.path("train-images-idx3-ubyte")
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        #expect(truncate(path, 2 << 30) == 0)  // 2 GiB, sparse
        #expect(loadError(dir) == "\(path): cannot read: is 2147483648 bytes, more than an MNIST-shaped images file can be (at most 94239632 bytes)")
    }
}
