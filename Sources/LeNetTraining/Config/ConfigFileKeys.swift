import Foundation
import LeNetFormats

extension ConfigLoader {
    /// Loads a config file given explicitly (as `load(from:)`), and which keys it sets: a resumed run
    /// compares those, and only those, with the checkpoint's saved config.
    /// - Throws: as `load(from:)`.
    public static func loadFile(from url: URL) throws -> ConfigFile {
        // One read: the keys are those of the very bytes the config was parsed from.
        let bytes = try readFile(url)
        let config = try parse(data: Data(bytes), source: url.relativePath)
        return ConfigFile(config: config, keys: keys(in: Data(bytes)), source: url.relativePath)
    }

    /// The top-level keys of a config document (empty when it is not a JSON object).
    static func keys(in data: Data) -> Set<String> {
        guard case .object(let members)? = try? JSONParser.parse([UInt8](data)) else { return [] }
        return Set(members.map(\.key))
    }
}

/// A config file's values and the keys it set (a missing key keeps its default, which is no choice).
public struct ConfigFile: Sendable, Equatable {
    /// The values, defaults for keys the file leaves out.
    public let config: TrainingConfig
    /// The keys the file sets.
    public let keys: Set<String>
    /// The file as messages name it.
    public let source: String

    /// Makes one (`ConfigLoader.loadFile` reads one from disk).
    public init(config: TrainingConfig, keys: Set<String>, source: String) {
        self.config = config
        self.keys = keys
        self.source = source
    }
}
