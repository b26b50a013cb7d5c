// MARK: - Errors

/// Why a safetensors file was refused; each description is one line naming the file and, where it
/// applies, the tensor. Names and metadata from the file are escaped (`TerminalText`).
public enum SafeTensorsError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file could not be read (`reason` from `InputFileError`: not a regular file, too large, the
    /// system's reason).
    case unreadable(path: String, reason: String)
    /// Fewer than the 8 bytes of the header length.
    case tooShort(path: String, bytes: Int)
    /// The header length is above `SafeTensors.maximumHeaderLength` (the reference's 100 MB cap).
    case headerTooLarge(path: String, headerLength: UInt64)
    /// The header length goes past the end of the file.
    case headerBeyondFile(path: String, headerLength: UInt64, fileLength: Int)
    /// The header is not a JSON object of tensor entries (`reason` says what).
    case badHeader(path: String, reason: String)
    /// Two tensors (or two `__metadata__` keys) have the same name.
    case duplicateName(path: String, name: String)
    /// A tensor's entry is wrong: dtype, shape, offsets, overlap, a gap (`reason` says what).
    case badTensor(path: String, name: String, reason: String)
    /// The tensors do not cover the data section exactly: bytes are left over after the last one.
    case unusedData(path: String, covered: Int, dataLength: Int)

    /// The one-line message.
    public var description: String {
        let file = TerminalText.escaped(path)
        switch self {
        case let .unreadable(_, reason):
            return "\(file): cannot read checkpoint: \(reason)"
        case let .tooShort(_, bytes):
            return "\(file): not a safetensors checkpoint: \(Plural.count(bytes, "byte")) is shorter than the 8-byte header length"
        case let .headerTooLarge(_, headerLength):
            return "\(file): not a safetensors checkpoint: header length \(headerLength) is more than the "
                + "\(SafeTensors.maximumHeaderLength)-byte limit"
        case let .headerBeyondFile(_, headerLength, fileLength):
            return "\(file): not a safetensors checkpoint: header length \(headerLength) exceeds the file (\(fileLength) bytes)"
        case let .badHeader(_, reason):
            return "\(file): not a safetensors checkpoint: \(reason)"
        case let .duplicateName(_, name):
            return "\(file): not a safetensors checkpoint: the name \(TerminalText.quoted(name)) appears twice in the header"
        case let .badTensor(_, name, reason):
            return "\(file): tensor \(TerminalText.quoted(name)): \(reason)"
        case let .unusedData(_, covered, dataLength):
            return "\(file): not a safetensors checkpoint: the tensors cover \(covered) of the \(dataLength) data bytes "
                + "(the data must end with the last tensor)"
        }
    }

    /// The file the error is about.
    public var path: String {
        switch self {
        case let .unreadable(path, _), let .tooShort(path, _), let .headerTooLarge(path, _),
             let .headerBeyondFile(path, _, _), let .badHeader(path, _), let .duplicateName(path, _),
             let .badTensor(path, _, _), let .unusedData(path, _, _):
            return path
        }
    }
}
