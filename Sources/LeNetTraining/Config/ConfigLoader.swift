import Foundation
import LeNetFormats

/// Reads `config.json` into a `TrainingConfig`. Keys missing from the file keep their defaults
/// (`TrainingConfig.defaults`); everything else is checked and rejected with one line naming the file and
/// key.
public enum ConfigLoader {
    /// The file name looked for in the current directory when no path is given.
    public static let defaultFileName = "config.json"

    /// The largest config file read: 1 MiB (the full config is about 300 bytes).
    public static let maximumFileSize = 1 << 20

    /// Every key a config file may hold, in file order.
    public static var knownKeys: [String] { ConfigKey.names }

    /// Loads a config file given explicitly; it must exist.
    ///
    /// Messages name the file as `url.relativePath` (the path as the user typed it, for URLs made with
    /// `URL(fileURLWithPath:)` from a relative path).
    /// The file is read as `InputFile` reads: a regular file (or a link to one) of at most
    /// `maximumFileSize` bytes, opened without blocking.
    /// - Throws: `ConfigError.fileNotFound`, `.notAFile`, `.unreadable` (a FIFO or device, too large, the
    ///   system's reason), or any error of `parse`.
    public static func load(from url: URL) throws -> TrainingConfig {
        try parse(data: Data(readFile(url)), source: url.relativePath)
    }

    /// The bytes of a config file given explicitly, read once and bounded as `load(from:)` describes.
    /// - Throws: `ConfigError.fileNotFound`, `.notAFile`, `.unreadable`.
    static func readFile(_ url: URL) throws -> [UInt8] {
        let name = url.relativePath
        do { return try InputFile.read(url.path, limit: maximumFileSize, what: "a config file") } catch {
            switch error.kind {
            case .notFound: throw ConfigError.fileNotFound(path: name)
            case .directory: throw ConfigError.notAFile(path: name)
            default: throw ConfigError.unreadable(path: name, reason: error.reason)
            }
        }
    }

    /// The configuration of a run: `path` when given (it must exist), else `config.json` in
    /// `currentDirectory` when there is one, else `TrainingConfig.defaults`.
    /// - Parameters:
    ///   - path: the `--config` argument, relative to `currentDirectory` unless absolute; nil when absent.
    ///   - currentDirectory: where relative paths and the default file are looked up.
    /// - Throws: as `load(from:)`.
    public static func load(path: String?, currentDirectory: URL) throws -> TrainingConfig {
        // A directory URL as the base, or relative resolution would replace its last component.
        let base = URL(fileURLWithPath: currentDirectory.path, isDirectory: true)
        if let path {
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : URL(fileURLWithPath: path, relativeTo: base)
            return try load(from: url)
        }
        let url = URL(fileURLWithPath: defaultFileName, relativeTo: base)
        guard FileManager.default.fileExists(atPath: url.path) else { return .defaults }
        return try load(from: url)
    }

    /// Parses config JSON: a top-level object whose keys are `knownKeys`; missing keys take defaults.
    ///
    /// - Parameters:
    ///   - data: UTF-8 JSON (a byte-order mark is allowed).
    ///   - source: the name messages start with, e.g. "config.json".
    /// - Throws: `ConfigError.invalidJSON` (with line and column), `.topLevelNotObject`, `.duplicateKey`,
    ///   `.unknownKey` (with the nearest known key), `.wrongType`, `.outOfRange`, `.unknownName`; the first
    ///   problem in document order.
    public static func parse(data: Data, source: String) throws -> TrainingConfig {
        let document: JSONValue
        do { document = try JSONParser.parse([UInt8](data)) } catch {
            throw ConfigError.invalidJSON(source: source, line: error.line, column: error.column, message: error.message)
        }
        guard case .object(let members) = document else {
            throw ConfigError.topLevelNotObject(source: source, found: document.kindName)
        }
        var config = TrainingConfig.defaults
        var seen: Set<String> = []
        for (name, value) in members {
            guard seen.insert(name).inserted else { throw ConfigError.duplicateKey(source: source, key: name) }
            guard let key = ConfigKey(rawValue: name) else {
                throw ConfigError.unknownKey(source: source, key: name,
                                             suggestion: KeySuggestion.suggestion(for: name, among: ConfigKey.names),
                                             knownKeys: ConfigKey.names)
            }
            try key.apply(value, to: &config, source: source)
        }
        return config
    }

    /// `parse(data:source:)` for a string.
    public static func parse(_ text: String, source: String) throws -> TrainingConfig {
        try parse(data: Data(text.utf8), source: source)
    }
}
