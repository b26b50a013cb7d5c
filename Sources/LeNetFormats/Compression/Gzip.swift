import CZlib

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
        }
    }
}

// MARK: - Gzip

/// Gzip (RFC 1952) compression and decompression through the system zlib.
public enum Gzip {
    /// The two magic bytes every gzip member starts with (RFC 1952, section 2.3.1).
    public static let magic: (UInt8, UInt8) = (0x1f, 0x8b)

    /// zlib `windowBits` for a 32 KiB window with the gzip wrapper (15 + 16; see zlib.h, `inflateInit2`).
    static let gzipWindowBits: Int32 = 15 + 16

    /// Whether `bytes` starts with the gzip magic `1f 8b`.
    public static func hasMagic(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == magic.0 && bytes[1] == magic.1
    }

    /// Decompresses a gzip stream. Concatenated members (as `cat a.gz b.gz` makes) decompress to the
    /// concatenation of their contents, as `gunzip` does.
    ///
    /// - Parameter bytes: the whole `.gz` file.
    /// - Returns: the decompressed bytes; each member's CRC-32 and length are checked by zlib.
    /// - Throws: `GzipError.notGzip` without the magic, `.truncated` when the input ends early,
    ///   `.corrupt` for bad data, `.trailingData` for non-gzip bytes after the stream.
    public static func decompress(_ bytes: [UInt8]) throws -> [UInt8] {
        guard hasMagic(bytes) else { throw GzipError.notGzip }

        var stream = z_stream()
        let initStatus = inflateInit2_(&stream, gzipWindowBits, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard initStatus == Z_OK else {
            throw GzipError.zlibFailure(code: initStatus, message: message(of: stream, status: initStatus))
        }
        defer { inflateEnd(&stream) }

        var output = [UInt8](repeating: 0, count: initialCapacity(forCompressed: bytes))
        var produced = 0

        try bytes.withUnsafeBufferPointer { input in
            var consumed = 0
            while true {
                if produced == output.count {
                    output.append(contentsOf: repeatElement(0, count: output.count))
                }
                // Feed at most UInt32.max bytes per call (zlib counts in `uInt`).
                let inChunk = min(input.count - consumed, Int(UInt32.max))
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress! + consumed)
                stream.avail_in = UInt32(inChunk)
                let outRoom = min(output.count - produced, Int(UInt32.max))
                let status: Int32 = output.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress! + produced
                    stream.avail_out = UInt32(outRoom)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                consumed += inChunk - Int(stream.avail_in)
                produced += outRoom - Int(stream.avail_out)
                let inputLeft = input.count - consumed

                switch status {
                case Z_STREAM_END:
                    if inputLeft == 0 { return }
                    if inputLeft >= 2 && input[consumed] == magic.0 && input[consumed + 1] == magic.1 {
                        inflateReset(&stream)  // next member
                    } else {
                        throw GzipError.trailingData(byteCount: inputLeft)
                    }
                case Z_OK, Z_BUF_ERROR:
                    // No more input and room left over: the stream cannot end any more.
                    if inputLeft == 0 && stream.avail_out > 0 { throw GzipError.truncated }
                    // Defensive: zlib reports Z_BUF_ERROR only without progress; never spin on it.
                    if status == Z_BUF_ERROR && stream.avail_out > 0 && inChunk == Int(stream.avail_in) {
                        throw GzipError.corrupt(message(of: stream, status: status))
                    }
                case Z_DATA_ERROR, Z_NEED_DICT:
                    throw GzipError.corrupt(message(of: stream, status: status))
                default:
                    throw GzipError.zlibFailure(code: status, message: message(of: stream, status: status))
                }
            }
        }
        output.removeLast(output.count - produced)
        return output
    }

    /// Compresses `bytes` into a single gzip member (deflate, 32 KiB window, minimal header: no name,
    /// mtime 0), readable by `gunzip` and by `decompress`.
    ///
    /// - Parameters:
    ///   - bytes: data to compress (any length).
    ///   - level: zlib level 0 (store) ... 9 (best); default `Z_DEFAULT_COMPRESSION` (6).
    /// - Returns: the `.gz` bytes.
    /// - Precondition: zlib can allocate its state (fails only when out of memory).
    public static func compress(_ bytes: [UInt8], level: Int32 = Z_DEFAULT_COMPRESSION) -> [UInt8] {
        var stream = z_stream()
        let initStatus = deflateInit2_(&stream, level, Z_DEFLATED, gzipWindowBits, 8, Z_DEFAULT_STRATEGY,
                                       zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        precondition(initStatus == Z_OK, "deflateInit2 failed: \(message(of: stream, status: initStatus))")
        defer { deflateEnd(&stream) }

        let bound = Int(deflateBound(&stream, uLong(min(bytes.count, Int(UInt32.max)))))
        var output = [UInt8](repeating: 0, count: max(bound, 64))
        var produced = 0

        bytes.withUnsafeBufferPointer { input in
            var consumed = 0
            while true {
                if produced == output.count {
                    output.append(contentsOf: repeatElement(0, count: output.count))
                }
                let inChunk = min(input.count - consumed, Int(UInt32.max))
                let isLast = consumed + inChunk == input.count
                // An empty array may have a nil base address; zlib accepts any pointer with avail_in 0.
                stream.next_in = input.baseAddress.map { UnsafeMutablePointer(mutating: $0 + consumed) }
                stream.avail_in = UInt32(inChunk)
                let outRoom = min(output.count - produced, Int(UInt32.max))
                let status: Int32 = output.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress! + produced
                    stream.avail_out = UInt32(outRoom)
                    return deflate(&stream, isLast ? Z_FINISH : Z_NO_FLUSH)
                }
                consumed += inChunk - Int(stream.avail_in)
                produced += outRoom - Int(stream.avail_out)
                if status == Z_STREAM_END { return }
                precondition(status == Z_OK || status == Z_BUF_ERROR,
                             "deflate failed: \(message(of: stream, status: status))")
            }
        }
        output.removeLast(output.count - produced)
        return output
    }

    // MARK: - Helpers

    /// A first output size: the gzip trailer's ISIZE (uncompressed length mod 2^32, little-endian, the
    /// last 4 bytes; RFC 1952 section 2.3.1), bounded by deflate's maximum ratio (about 1032:1) and 1 GiB
    /// so a damaged trailer cannot cause a huge allocation. The output grows when the hint is short.
    static func initialCapacity(forCompressed bytes: [UInt8]) -> Int {
        guard bytes.count >= 18 else { return 1024 }
        let n = bytes.count
        let isize = Int(bytes[n - 4]) | Int(bytes[n - 3]) << 8 | Int(bytes[n - 2]) << 16 | Int(bytes[n - 1]) << 24
        return max(1024, min(isize, n * 1032, 1 << 30))
    }

    /// zlib's message for the stream's last error, or a generic one from the status code.
    static func message(of stream: z_stream, status: Int32) -> String {
        if let msg = stream.msg { return String(cString: msg) }
        if let text = zError(status) { return String(cString: text) }
        return "status \(status)"
    }
}
