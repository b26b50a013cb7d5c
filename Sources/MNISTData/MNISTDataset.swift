/// An MNIST split in memory.
///
/// Layout: `images` holds `count * rows * cols` bytes, image-major then row-major (pixel `(r, c)` of image
/// `i` at `i * rows * cols + r * cols + c`), one unsigned byte per pixel, 0 = background, 255 = ink, exactly
/// as in the IDX file. Pixels stay bytes (47 MB for the training set instead of 188 MB as Float) and are
/// normalised per mini-batch with `PixelNormalization`.
public struct MNISTDataset: Sendable, Equatable {
    /// Pixels, `count * rows * cols` bytes, row-major per image.
    public let images: [UInt8]
    /// Class of each image, `count` bytes, each 0...9.
    public let labels: [UInt8]
    /// Number of images (and labels).
    public let count: Int
    /// Image height in pixels (28 for MNIST).
    public let rows: Int
    /// Image width in pixels (28 for MNIST).
    public let cols: Int

    /// Number of classes (digits 0...9).
    public static let classCount = 10

    /// A dataset from in-memory bytes (tests, subsets); `count` is `labels.count`.
    /// - Throws: `MNISTDataError.imageBytesMismatch` when `images.count != labels.count * rows * cols`,
    ///   `MNISTDataError.labelOutOfRange` (path "labels") for a label above 9.
    public init(images: [UInt8], labels: [UInt8], rows: Int, cols: Int) throws {
        if let index = MNISTDataset.firstInvalidLabel(labels) {
            throw MNISTDataError.labelOutOfRange(path: "labels", index: index, value: labels[index])
        }
        try self.init(validatingCountsOf: images, labels: labels, rows: rows, cols: cols)
    }

    /// Checks only that `images` holds `labels.count * rows * cols` bytes (labels already checked).
    init(validatingCountsOf images: [UInt8], labels: [UInt8], rows: Int, cols: Int) throws {
        let (pixels, overflow1) = max(0, rows).multipliedReportingOverflow(by: max(0, cols))
        let (expected, overflow2) = labels.count.multipliedReportingOverflow(by: pixels)
        guard rows > 0, cols > 0, !overflow1, !overflow2, images.count == expected else {
            throw MNISTDataError.imageBytesMismatch(imageBytes: images.count, count: labels.count, rows: rows, cols: cols)
        }
        self.init(checkedImages: images, labels: labels, rows: rows, cols: cols)
    }

    /// Wraps data already checked by the caller.
    init(checkedImages images: [UInt8], labels: [UInt8], rows: Int, cols: Int) {
        self.images = images
        self.labels = labels
        self.count = labels.count
        self.rows = rows
        self.cols = cols
    }

    /// Bytes per image (`rows * cols`, 784 for MNIST).
    public var pixelsPerImage: Int { rows * cols }

    /// How many images of each class, index = digit, `classCount` entries.
    /// - Complexity: O(count).
    public func labelCounts() -> [Int] {
        var counts = [Int](repeating: 0, count: MNISTDataset.classCount)
        labels.withUnsafeBufferPointer { buffer in
            for label in buffer where Int(label) < MNISTDataset.classCount { counts[Int(label)] += 1 }
        }
        return counts
    }

    /// The pixels of image `index` (`rows * cols` bytes). - Precondition: `0 <= index < count`.
    public func image(at index: Int) -> ArraySlice<UInt8> {
        images[index * pixelsPerImage ..< (index + 1) * pixelsPerImage]
    }

    /// The first `n` images and labels (all of them when `n >= count`; none when `n <= 0`); for `--limit`.
    public func prefix(_ n: Int) -> MNISTDataset {
        let kept = min(max(0, n), count)
        if kept == count { return self }
        return MNISTDataset(checkedImages: Array(images[0 ..< kept * pixelsPerImage]),
                            labels: Array(labels[0 ..< kept]), rows: rows, cols: cols)
    }

    /// Index of the first label above 9, or nil.
    static func firstInvalidLabel(_ labels: [UInt8]) -> Int? {
        labels.withUnsafeBufferPointer { buffer in buffer.firstIndex { Int($0) >= classCount } }
    }
}
