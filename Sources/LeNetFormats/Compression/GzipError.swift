// MARK: - Errors

/// Why a gzip stream could not be decompressed. `description` is one line without a file name; callers
/// that know the file prefix it (see `MNISTDataError.gzip`).
public enum GzipError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The input does not start with the gzip magic bytes `1f 8b` (RFC 1952, section 2.3.1).
    case notGzip
    /// The input ended before the end of the gzip stream (no final block or no 8-byte trailer).
    case truncated
    /// zlib rejected the stream (bad header, bad block, CRC-32 or length mismatch); zlib's own message.
    case corrupt(String)
    /// Bytes after the end of the gzip stream that are not another gzip member.
    case trailingData(byteCount: Int)
    /// zlib itself failed (out of memory, version mismatch); the zlib status code and message.
    case zlibFailure(code: Int32, message: String)
    /// The stream decompresses to more than `limit` bytes (a gzip bomb, or not the file expected);
    /// decompression stopped there.
    case tooLarge(limit: Int)

    /// The one-line message to print.
    public var description: String {
        switch self {
        case .notGzip:
            return "not gzip data (the first two bytes are not 1f 8b)"
        case .truncated:
            return "truncated gzip stream (the data ends before the end of the compressed stream)"
        case .corrupt(let message):
            return "corrupt gzip stream (\(message))"
        case .trailingData(let count):
            return "\(count) unexpected bytes after the end of the gzip stream"
        case .zlibFailure(let code, let message):
            return "zlib failure \(code) (\(message))"
        case .tooLarge(let limit):
            return "the gzip data decompresses to more than \(limit) bytes, the most expected here; stopped there"
        }
    }
}
