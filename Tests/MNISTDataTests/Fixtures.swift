import Foundation
import MNISTData

/// A fresh directory under the system temporary directory, removed when the value goes away.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("MNISTDataTests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `bytes` to `name` (subdirectories created) and returns the file URL.
    @discardableResult
    func write(_ bytes: [UInt8], to name: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
        return file
    }

    /// Creates the directory `name` (and parents) and returns its URL.
    @discardableResult
    func makeDirectory(_ name: String) throws -> URL {
        let dir = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// `url.path + "/" + name`, as messages print it.
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

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

/// Runs `body` and returns the description of the error it throws, or nil when it does not throw.
func errorText<T>(_ body: () throws -> T) -> String? {
    do { _ = try body(); return nil } catch { return String(describing: error) }
}
