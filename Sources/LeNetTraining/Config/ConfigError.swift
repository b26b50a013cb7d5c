import LeNetFormats
/// Why a configuration was rejected. `description` is the one line to print; it names the file (or the
/// command-line flag) and the key.
public enum ConfigError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A config file given explicitly does not exist.
    case fileNotFound(path: String)
    /// The config path names a directory.
    case notAFile(path: String)
    /// The file exists but could not be read.
    case unreadable(path: String, reason: String)
    /// Not valid JSON; 1-based line and column (column in Unicode scalars).
    case invalidJSON(source: String, line: Int, column: Int, message: String)
    /// The document is valid JSON but not an object (`found`: "an array", "a number", ...).
    case topLevelNotObject(source: String, found: String)
    /// A key appears twice.
    case duplicateKey(source: String, key: String)
    /// A key the configuration does not have; `suggestion` is the nearest known key, if one is close.
    case unknownKey(source: String, key: String, suggestion: String?, knownKeys: [String])
    /// A value of the wrong JSON type (`expected`: "an integer", "a number", ...; `found` as in the file).
    case wrongType(source: String, key: String, expected: String, found: String)
    /// A value of the right type outside its allowed range (`requirement`: "at least 1", "in [0, 1)", ...).
    case outOfRange(source: String, key: String, requirement: String, found: String)
    /// A name (optimizer, schedule) that is not one of `allowed`.
    case unknownName(source: String, key: String, value: String, allowed: [String])
    /// A command-line override outside its allowed range, e.g. `--batch-size must be at least 1, got 0`.
    case invalidFlag(flag: String, requirement: String, found: String)

    /// The one-line message to print.
    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return "\(TerminalText.escaped(path)): config file not found"
        case .notAFile(let path):
            return "\(TerminalText.escaped(path)): is a directory, expected a JSON config file"
        case .unreadable(let path, let reason):
            return "\(TerminalText.escaped(path)): cannot read config file: \(reason)"
        case .invalidJSON(let source, let line, let column, let message):
            return "\(TerminalText.escaped(source)): invalid JSON at line \(line), column \(column): \(message)"
        case .topLevelNotObject(let source, let found):
            return "\(TerminalText.escaped(source)): top level must be a JSON object, got \(found)"
        case .duplicateKey(let source, let key):
            return "\(TerminalText.escaped(source)): duplicate key \(TerminalText.quoted(key))"
        case .unknownKey(let source, let key, let suggestion, let knownKeys):
            if let suggestion {
                return "\(TerminalText.escaped(source)): unknown key \(TerminalText.quoted(key)) (did you mean \(TerminalText.quoted(suggestion))?)"
            }
            return "\(TerminalText.escaped(source)): unknown key \(TerminalText.quoted(key)) (known keys: \(knownKeys.joined(separator: ", ")))"
        case .wrongType(let source, let key, let expected, let found):
            return "\(TerminalText.escaped(source)): key \(TerminalText.quoted(key)) must be \(expected), got \(found)"
        case .outOfRange(let source, let key, let requirement, let found):
            return "\(TerminalText.escaped(source)): key \(TerminalText.quoted(key)) must be \(requirement), got \(found)"
        case .unknownName(let source, let key, let value, let allowed):
            return "\(TerminalText.escaped(source)): key \(TerminalText.quoted(key)) has unknown value \(TerminalText.quoted(value)) (allowed: \(allowed.joined(separator: ", ")))"
        case .invalidFlag(let flag, let requirement, let found):
            return "\(flag) must be \(requirement), got \(found)"
        }
    }
}
