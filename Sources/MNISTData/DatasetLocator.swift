import Foundation

/// Finds the directory holding the files of a dataset kind (file-system reads only).
public enum DatasetLocator {
    /// The data directory of `kind`.
    ///
    /// - MNIST: exactly `MNISTLocator.locate` (`--data`, `$LENET_DATA`, `./assets/mnist`, the repository's
    ///   `assets/mnist`).
    /// - Fashion-MNIST: `dataFlag` (`--data DIR`) when given, with the same checks as for MNIST; otherwise
    ///   the directory of its Debian package, `DatasetKind.systemDirectory`
    ///   (`/usr/share/datasets/fashion-mnist`), which must hold at least one of the IDX files.
    ///
    /// - Parameters:
    ///   - kind: which dataset.
    ///   - dataFlag: the `--data` value, or nil.
    ///   - environment, currentDirectory, executableURL: as for `MNISTLocator.locate`.
    ///   - systemDirectory: overrides `kind.systemDirectory` for kinds that have one (tests); nil = the real one.
    /// - Returns: the directory URL (standardised).
    /// - Throws: `MNISTLocatorError`: for a bad `--data`, `.notFound` (MNIST), `.notInstalled` (Fashion-MNIST
    ///   missing, with the `apt-get install` command to run).
    public static func locate(kind: DatasetKind, dataFlag: String?, environment: [String: String],
                              currentDirectory: URL, executableURL: URL?, systemDirectory: String? = nil,
                              fileManager: FileManager = .default) throws -> URL {
        guard dataFlag == nil, let packageDefault = kind.systemDirectory else {
            return try MNISTLocator.locate(dataFlag: dataFlag, environment: environment,
                                           currentDirectory: currentDirectory, executableURL: executableURL,
                                           fileManager: fileManager)
        }
        let url = URL(fileURLWithPath: systemDirectory ?? packageDefault).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue,
              MNISTFileResolver.containsAnyMNISTFile(url, fileManager: fileManager) else {
            throw MNISTLocatorError.notInstalled(dataset: kind.displayName, directory: url.path,
                                                 package: kind.debianPackage ?? kind.rawValue)
        }
        return url
    }
}
