import Foundation
import LeNetFormats

/// Why no MNIST data directory was found. `description` is the one line to print.
public enum MNISTLocatorError: Error, CustomStringConvertible, Equatable, Sendable {
    /// `--data DIR` names no existing path (absolute path after resolving against the current directory).
    case dataFlagNotFound(path: String)
    /// `--data DIR` names a file, not a directory.
    case dataFlagNotADirectory(path: String)
    /// `$LENET_DATA` is set but names no directory holding MNIST files (it is not silently passed over).
    case environmentUnusable(path: String, reason: String)
    /// Every place was tried; each entry says where and why it was passed over.
    case notFound(looked: [String])
    /// A dataset that a system package installs (Fashion-MNIST) is not in that package's directory.
    case notInstalled(dataset: String, directory: String, package: String)

    /// The one-line message to print.
    public var description: String {
        switch self {
        case .dataFlagNotFound(let path):
            return "--data \(path): no such directory"
        case .dataFlagNotADirectory(let path):
            return "--data \(path): not a directory"
        case .environmentUnusable(let path, let reason):
            return "\(MNISTLocator.environmentVariable)=\(path): \(reason); unset it or point it at a directory with the MNIST IDX files"
        case .notFound(let looked):
            return "MNIST data not found; looked in: \(looked.joined(separator: ", ")); pass --data DIR or set \(MNISTLocator.environmentVariable)"
        case .notInstalled(let dataset, let directory, let package):
            return "\(dataset) not found in \(directory): install it with `sudo apt-get install -y \(package)` (Debian, Ubuntu) or pass --data DIR (a directory with its four IDX files)"
        }
    }
}

/// Finds the directory holding the MNIST files.
public enum MNISTLocator {
    /// Environment variable naming the data directory.
    public static let environmentVariable = "LENET_DATA"
    /// Where the repository keeps the data, relative to its root (and to the current directory).
    public static let repositoryDataPath = "assets/mnist"
    /// How many parent directories above the executable's own are tried (covers
    /// `<repo>/.build/<triple>/release/lenet-tui`, three levels below the repository root).
    public static let executableSearchLevels = 5

    /// The data directory, tried in this order:
    /// 1. `dataFlag` (`--data DIR`) when given: it must be an existing directory, and there is no fallback
    ///    (missing files inside are reported by `MNISTLoader` with their names);
    /// 2. `$LENET_DATA`, when set and non-empty: it must be a directory holding MNIST files (no fallback);
    /// 3. `./assets/mnist` in `currentDirectory`;
    /// 4. `assets/mnist` in the executable's directory (symbolic links resolved) and up to
    ///    `executableSearchLevels` parents above it, nearest first.
    /// Places 3-4 count only when they are directories holding at least one MNIST file (any accepted name).
    /// Relative paths are taken relative to `currentDirectory`.
    ///
    /// - Returns: the directory URL (standardised).
    /// - Throws: `MNISTLocatorError`: for a bad `--data`, or `.notFound` listing every place looked.
    public static func locate(dataFlag: String?, environment: [String: String], currentDirectory: URL,
                              executableURL: URL?, fileManager: FileManager = .default) throws -> URL {
        if let dataFlag {
            let url = resolve(dataFlag, against: currentDirectory)
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                throw MNISTLocatorError.dataFlagNotFound(path: url.path)
            }
            guard isDirectory.boolValue else { throw MNISTLocatorError.dataFlagNotADirectory(path: url.path) }
            return url
        }

        var looked: [String] = []
        var seen: Set<String> = []
        func accept(_ url: URL, label: String) -> URL? {
            guard seen.insert(url.path).inserted else { return nil }
            var isDirectory: ObjCBool = false
            if !fileManager.fileExists(atPath: url.path, isDirectory: &isDirectory) {
                looked.append("\(label) (missing)")
            } else if !isDirectory.boolValue {
                looked.append("\(label) (not a directory)")
            } else if !MNISTFileResolver.containsAnyMNISTFile(url, fileManager: fileManager) {
                looked.append("\(label) (no MNIST files)")
            } else {
                return url
            }
            return nil
        }

        if let value = environment[environmentVariable], !value.isEmpty {
            let url = resolve(value, against: currentDirectory)
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                throw MNISTLocatorError.environmentUnusable(path: url.path, reason: "no such directory")
            }
            guard isDirectory.boolValue else {
                throw MNISTLocatorError.environmentUnusable(path: url.path, reason: "not a directory")
            }
            guard MNISTFileResolver.containsAnyMNISTFile(url, fileManager: fileManager) else {
                throw MNISTLocatorError.environmentUnusable(path: url.path, reason: "no MNIST files in it")
            }
            return url.standardizedFileURL
        } else {
            looked.append("\(environmentVariable) (not set)")
        }

        let local = currentDirectory.appendingPathComponent(repositoryDataPath).standardizedFileURL
        if let found = accept(local, label: local.path) { return found }

        for url in executableCandidates(executableURL) {
            if let found = accept(url, label: url.path) { return found }
        }
        if executableURL == nil { looked.append("the executable's directory (unknown)") }
        throw MNISTLocatorError.notFound(looked: looked)
    }

    /// `assets/mnist` under the executable's directory and its parents, nearest first, at most
    /// `executableSearchLevels + 1` directories, stopping at the file-system root.
    static func executableCandidates(_ executableURL: URL?) -> [URL] {
        ExecutableSearch.directories(from: executableURL, levels: executableSearchLevels)
            .map { $0.appendingPathComponent(repositoryDataPath).standardizedFileURL }
    }

    /// `path` as an absolute, standardised file URL (`~` is not expanded: the shell does that).
    static func resolve(_ path: String, against base: URL) -> URL {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path)
        return url.standardizedFileURL
    }
}
