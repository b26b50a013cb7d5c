import Foundation
import LeNetFormats

extension ConfigLoader {
    /// Loads a config file given explicitly (as `load(from:)`), and which keys it sets: a resumed run
    /// compares those, and only those, with the checkpoint's saved config.
    /// - Throws: as `load(from:)`.
    public static func loadFile(from url: URL) throws -> ConfigFile {
        let config = try load(from: url)
        let data = FileManager.default.contents(atPath: url.path) ?? Data()
        return ConfigFile(config: config, keys: keys(in: data), source: url.relativePath)
    }

    /// The top-level keys of a config document (empty when it is not a JSON object).
    static func keys(in data: Data) -> Set<String> {
        guard case .object(let members)? = try? JSONParser.parse([UInt8](data)) else { return [] }
        return Set(members.map(\.key))
    }
}
