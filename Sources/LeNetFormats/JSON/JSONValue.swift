// MARK: - A small JSON document model
//
// Kept apart from Foundation's JSONSerialization on purpose: numbers keep the text they were written with
// (so `64`, `64.5` and `true` stay distinguishable: NSNumber bridging on Linux turns booleans into numbers),
// object members keep their order and duplicates, and syntax errors carry a line and column.

/// A parsed JSON value (RFC 8259).
public enum JSONValue: Equatable, Sendable {
    /// `null`.
    case null
    /// `true` / `false`.
    case bool(Bool)
    /// A number, as written in the document (already checked against the JSON number grammar).
    case number(String)
    /// A string, escapes decoded.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object's members in document order (duplicates kept, so callers can reject them).
    case object([(key: String, value: JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// How the value reads in an error message: `a string ("64")`, `a boolean (true)`, `null`, `1.5`,
    /// `an array`, `an object`; strings escaped for the terminal (`TerminalText.quoted`).
    public var messageText: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return "a boolean (\(value))"
        case .number(let text): return text
        case .string(let text): return "a string (\(TerminalText.quoted(text)))"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// The kind alone: `an array`, `a string`, `a number`, ... (for the top-level check).
    public var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
