import Foundation

/// A fresh directory under the system temporary directory, removed when the value goes away.
public final class TemporaryDirectory {
    /// The directory.
    public let url: URL

    /// Creates the directory.
    public init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("lenet-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `bytes` to `name` (subdirectories created) and returns the file URL.
    @discardableResult
    public func write(_ bytes: [UInt8], to name: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
        return file
    }

    /// Creates the directory `name` (and parents) and returns its URL.
    @discardableResult
    public func makeDirectory(_ name: String) throws -> URL {
        let dir = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// `url.path + "/" + name`, as messages print it.
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// Runs `body` and returns the description of the error it throws, or nil when it does not throw.
public func errorText<T>(_ body: () throws -> T) -> String? {
    do { _ = try body(); return nil } catch { return String(describing: error) }
}
