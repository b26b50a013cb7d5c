import LeNetFormats

/// A tensor of a checkpoint whose shape is not LeNet-5's.
public struct TensorShapeMismatch: Equatable, Sendable {
    /// The tensor's name.
    public let name: String
    /// The shape LeNet-5 needs.
    public let expected: [Int]
    /// The shape in the file.
    public let found: [Int]

    /// A mismatch of `name`: `found` in the file, `expected` by LeNet-5.
    public init(name: String, expected: [Int], found: [Int]) {
        self.name = name
        self.expected = expected
        self.found = found
    }
}

/// A tensor of a checkpoint whose element type is not float32.
public struct TensorTypeMismatch: Equatable, Sendable {
    /// The tensor's name.
    public let name: String
    /// Its dtype in the file, e.g. `F16`.
    public let dtype: String

    /// `name` has `dtype` instead of F32.
    public init(name: String, dtype: String) {
        self.name = name
        self.dtype = dtype
    }
}

/// Errors loading a checkpoint; each description is one line naming the file and, where it applies,
/// every tensor concerned (names and values from the file escaped with `TerminalText`).
public enum CheckpointError: Error, CustomStringConvertible, Equatable {
    /// Tensors LeNet-5 needs are absent, of the wrong shape, or not float32; all of them, in
    /// `LeNet5.parameterSpecs` order (weights first, then the optimizer state).
    case tensorsMismatch(path: String, missing: [String], wrongShapes: [TensorShapeMismatch], wrongTypes: [TensorTypeMismatch])
    /// A tensor holds NaN or an infinity (`value` is how it prints) at `index` (row-major).
    case nonFinite(path: String, name: String, index: Int, value: Float)
    /// A metadata value the checkpoint reader needs cannot be read.
    case badMetadata(path: String, key: String, value: String)
    /// No file at the path.
    case notFound(path: String)

    /// The one-line message.
    public var description: String {
        switch self {
        case let .tensorsMismatch(path, missing, wrongShapes, wrongTypes):
            var problems: [String] = []
            if !missing.isEmpty {
                problems.append("checkpoint has no tensor\(missing.count == 1 ? "" : "s") "
                    + missing.map(TerminalText.quoted).joined(separator: ", "))
            }
            for shape in wrongShapes {
                problems.append("tensor \(TerminalText.quoted(shape.name)) has shape \(shape.found), expected \(shape.expected)")
            }
            for type in wrongTypes {
                problems.append("tensor \(TerminalText.quoted(type.name)) has dtype \(type.dtype), expected F32")
            }
            return "\(TerminalText.escaped(path)): " + problems.joined(separator: "; ")
        case let .nonFinite(path, name, index, value):
            return "\(TerminalText.escaped(path)): tensor \(TerminalText.quoted(name)) holds \(value) at index \(index) "
                + "(weights and optimizer state must be finite numbers)"
        case let .badMetadata(path, key, value):
            return "\(TerminalText.escaped(path)): metadata \(TerminalText.quoted(key)) has an invalid value \(TerminalText.quoted(value))"
        case let .notFound(path):
            return "\(TerminalText.escaped(path)): no such checkpoint file"
        }
    }
}
