import Foundation

/// "Search upward from the executable": the one place that knows how the program finds the repository's
/// files (the bundled MNIST, `config.json`, the pretrained checkpoint) when it runs from its build folder
/// (`<repository>/.build/<triple>/release/lenet-tui`, three levels below the repository's root) or through
/// a symbolic link to it.
public enum ExecutableSearch {
    /// How many parent directories above the executable's own are tried by default.
    public static let defaultLevels = 5

    /// The running executable (`CommandLine.arguments[0]`, symbolic links resolved); nil when unknown.
    public static var executableURL: URL? {
        guard let first = CommandLine.arguments.first, !first.isEmpty else { return nil }
        return URL(fileURLWithPath: first).resolvingSymlinksInPath()
    }

    /// The executable's directory (symbolic links resolved) and up to `levels` parents above it, nearest
    /// first, stopping at the file-system root; empty when `executable` is nil.
    /// - Parameters:
    ///   - executable: the executable's path, e.g. `/r/.build/x86_64-unknown-linux-gnu/release/lenet-tui`.
    ///   - levels: parents to try above the executable's directory (5: `/r/.build/.../release` up to `/`).
    public static func directories(from executable: URL?, levels: Int = defaultLevels) -> [URL] {
        guard let executable else { return [] }
        var directory = executable.resolvingSymlinksInPath().standardizedFileURL.deletingLastPathComponent()
        var result: [URL] = []
        for _ in 0 ... max(0, levels) {
            result.append(directory)
            let parent = directory.deletingLastPathComponent().standardizedFileURL
            if parent.path == directory.path { break }
            directory = parent
        }
        return result
    }

    /// The first of `directories(from:levels:)` in which `relativePath` exists and `accept` agrees, as the
    /// full URL of the file; nil when there is none.
    /// - Parameter accept: a further check of a candidate (its directory, its full URL); true by default.
    public static func first(_ relativePath: String, from executable: URL?, levels: Int = defaultLevels,
                             fileManager: FileManager = .default,
                             accept: (_ directory: URL, _ candidate: URL) -> Bool = { _, _ in true }) -> URL? {
        for directory in directories(from: executable, levels: levels) {
            let candidate = directory.appendingPathComponent(relativePath).standardizedFileURL
            if fileManager.fileExists(atPath: candidate.path), accept(directory, candidate) { return candidate }
        }
        return nil
    }
}
