import Foundation

/// A fresh directory under the system's temporary directory, removed with everything in it when the
/// value goes away.
final class TemporaryDirectory {
    /// The directory's path.
    let path: String

    init(_ label: String = "lenet-test") throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// `path/name`.
    func file(_ name: String) -> String { path + "/" + name }
}
