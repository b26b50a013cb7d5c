import LeNetFormats
import MNISTData
import TestSupport

/// Small synthetic MNIST-shaped data: `count` images of `rows x cols` whose pixel `k` of image `i` is
/// `(i * 7 + k) % 256`, labels `i % 10`.
struct SyntheticSet {
    var count = 5
    var rows = 28
    var cols = 28

    var pixels: [UInt8] { (0 ..< count * rows * cols).map { k in UInt8((k / (rows * cols) * 7 + k % (rows * cols)) % 256) } }
    var labels: [UInt8] { (0 ..< count).map { UInt8($0 % 10) } }
    var imagesFile: [UInt8] { IDX.encode(dimensions: [count, rows, cols], bytes: pixels) }
    var labelsFile: [UInt8] { IDX.encode(dimensions: [count], bytes: labels) }
}
