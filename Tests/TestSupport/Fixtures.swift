import Foundation
import Testing

// MARK: - Fixture files of a test target

/// The URL of `Fixtures/<name>.<fileExtension>` in `bundle`, a test target's resource bundle (the target
/// passes its own `Bundle.module`, which only code inside that target can name).
/// - Parameters:
///   - name: file name without extension, e.g. `"one_cycle"`.
///   - fileExtension: e.g. `"json"` or `"safetensors"`.
///   - bundle: the calling test target's `Bundle.module`.
///   - sourceLocation: where the issue is reported; defaults to the caller.
/// - Returns: the file's URL.
/// - Throws: the `#require` failure (one issue naming the file and the script that writes the fixtures)
///   when the bundle has no such file, which ends the calling test.
public func fixtureURL(_ name: String, _ fileExtension: String, in bundle: Bundle,
                       sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
    try #require(bundle.url(forResource: name, withExtension: fileExtension, subdirectory: "Fixtures"),
                 "Fixtures/\(name).\(fileExtension) missing (Scripts/make_*.py write the fixtures)",
                 sourceLocation: sourceLocation)
}

/// `Fixtures/<name>.json` in `bundle` decoded as `type`.
/// - Parameters:
///   - name: file name without `.json`.
///   - type: the `Decodable` type of the whole file.
///   - bundle: the calling test target's `Bundle.module`.
///   - sourceLocation: where an issue is reported; defaults to the caller.
/// - Returns: the decoded value.
/// - Throws: the `#require` failure when the file is missing, or the `DecodingError` when it does not decode.
public func loadFixture<T: Decodable>(_ name: String, as type: T.Type, in bundle: Bundle,
                                      sourceLocation: SourceLocation = #_sourceLocation) throws -> T {
    let url = try fixtureURL(name, "json", in: bundle, sourceLocation: sourceLocation)
    return try JSONDecoder().decode(type, from: Data(contentsOf: url))
}
