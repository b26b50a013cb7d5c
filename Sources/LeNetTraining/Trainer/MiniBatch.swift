import LeNetEngine
import MNISTData

/// A reusable mini-batch buffer: normalised images `(capacity, 1, 28, 28)` Float32, row-major, and labels.
///
/// Images stay as bytes in the dataset (one byte per pixel) and are normalised per mini-batch with the one
/// `PixelNormalization` function, so a full run holds 47 MB of training pixels, not 188 MB of floats.
public final class MiniBatch {
    /// Largest number of images the buffer holds.
    public let capacity: Int
    /// Normalised pixels, `capacity * 784` floats; the first `count * 784` are valid.
    public private(set) var images: [Float]
    /// Labels 0...9, the first `count` are valid.
    public private(set) var labels: [UInt8]
    /// Number of images currently loaded.
    public private(set) var count = 0

    /// Pixels per image (28 × 28).
    public static let pixelsPerImage = LeNet5.imageSide * LeNet5.imageSide

    public init(capacity: Int) {
        self.capacity = capacity
        images = [Float](repeating: 0, count: capacity * Self.pixelsPerImage)
        labels = [UInt8](repeating: 0, count: capacity)
    }

    /// Loads the images `order[start ..< start + count]` of `dataset` (or `start ..< start + count` when
    /// `order` is nil), normalised with `normalization`; with a `pool`, groups of 16 images are loaded on
    /// its threads (the same values: each image is normalised on its own).
    /// - Precondition: `count <= capacity` and the range lies inside `order` / the dataset.
    public func load(from dataset: MNISTDataset, order: [Int32]?, start: Int, count: Int,
                     normalization: PixelNormalization, pool: WorkerPool? = nil) {
        precondition(count <= capacity, "mini-batch of \(count) exceeds capacity \(capacity)")
        if let order { precondition(start >= 0 && start + count <= order.count, "mini-batch outside the order") }
        let side = Self.pixelsPerImage, groups = (count + 15) / 16
        dataset.images.withUnsafeBufferPointer { pixels in
            dataset.labels.withUnsafeBufferPointer { datasetLabels in
                images.withUnsafeMutableBufferPointer { out in
                    labels.withUnsafeMutableBufferPointer { labelsOut in
                        func loadGroup(_ group: Int, _: Int) {
                            for i in group * 16 ..< min(count, group * 16 + 16) {
                                let index = order.map { Int($0[start + i]) } ?? start + i
                                labelsOut[i] = datasetLabels[index]
                                let source = UnsafeBufferPointer(rebasing: pixels[index * side ..< (index + 1) * side])
                                let target = UnsafeMutableBufferPointer(rebasing: out[i * side ..< (i + 1) * side])
                                normalization.normalize(source, into: target)
                            }
                        }
                        WorkerPool.run(on: pool, tasks: groups, loadGroup)
                    }
                }
            }
        }
        self.count = count
    }

    /// Lets `body` write the first `count` images (`count · 784` floats, already normalised) and labels
    /// itself, for loaders that make the pixels (`BatchAugmenter`); `count` images are then valid.
    /// - Precondition: `count <= capacity`.
    func fill(count: Int, _ body: (UnsafeMutableBufferPointer<Float>, UnsafeMutableBufferPointer<UInt8>) -> Void) {
        precondition(count <= capacity, "mini-batch of \(count) exceeds capacity \(capacity)")
        images.withUnsafeMutableBufferPointer { imagePointer in
            labels.withUnsafeMutableBufferPointer { labelPointer in
                body(UnsafeMutableBufferPointer(rebasing: imagePointer[0 ..< count * Self.pixelsPerImage]),
                     UnsafeMutableBufferPointer(rebasing: labelPointer[0 ..< count]))
            }
        }
        self.count = count
    }

    /// Calls `body` with the valid images and labels as buffer pointers.
    public func withBuffers<R>(_ body: (UnsafeBufferPointer<Float>, UnsafeBufferPointer<UInt8>) -> R) -> R {
        images.withUnsafeBufferPointer { imagePointer in
            labels.withUnsafeBufferPointer { labelPointer in
                body(UnsafeBufferPointer(rebasing: imagePointer[0 ..< count * Self.pixelsPerImage]),
                     UnsafeBufferPointer(rebasing: labelPointer[0 ..< count]))
            }
        }
    }
}
