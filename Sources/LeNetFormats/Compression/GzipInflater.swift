import CZlib

// MARK: - Streaming decompression

/// Decompresses an in-memory gzip file piece by piece, so a caller can look at the first bytes (an IDX
/// header, say) before deciding how much more it accepts, and stop a gzip bomb at any limit with memory
/// bounded by what it asked for. Concatenated members (as `cat a.gz b.gz` makes) decompress to the
/// concatenation of their contents, as `gunzip` does; each member's CRC-32 and length are checked by zlib.
public final class GzipInflater {
    /// The `.gz` bytes.
    private let input: [UInt8]
    /// How many input bytes zlib has consumed.
    private var consumed = 0
    /// zlib's stream, at a fixed address (zlib's state points back at it).
    private let stream: UnsafeMutablePointer<z_stream>
    /// Set once the last member has ended with no input left.
    public private(set) var isFinished = false
    /// Decompressed bytes handed out so far.
    public private(set) var producedCount = 0

    /// Prepares to decompress `bytes` (the whole `.gz` file).
    /// - Throws: `GzipError.notGzip` without the magic `1f 8b`, `.zlibFailure` when zlib cannot start.
    public init(_ bytes: [UInt8]) throws(GzipError) {
        guard Gzip.hasMagic(bytes) else { throw GzipError.notGzip }
        input = bytes
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = inflateInit2_(stream, Gzip.gzipWindowBits, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            let message = Gzip.message(of: stream.pointee, status: status)
            stream.deallocate()
            throw GzipError.zlibFailure(code: status, message: message)
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
    }

    /// Fills `buffer` with the next decompressed bytes.
    /// - Returns: how many bytes were written: `buffer.count`, or fewer only when the stream has ended
    ///   (`isFinished`).
    /// - Throws: `GzipError.truncated` when the input ends inside a member, `.corrupt` for bad data or a
    ///   CRC/length mismatch, `.trailingData` for bytes after the last member that are not another member.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(GzipError) -> Int {
        var written = 0
        while written < buffer.count && !isFinished {
            // zlib counts in 32-bit `uInt`; it keeps no pointer into the input or output between calls.
            let inChunk = min(input.count - consumed, Int(UInt32.max))
            let outRoom = min(buffer.count - written, Int(UInt32.max))
            let status: Int32 = input.withUnsafeBufferPointer { source in
                stream.pointee.next_in = UnsafeMutablePointer(mutating: source.baseAddress! + consumed)
                stream.pointee.avail_in = UInt32(inChunk)
                stream.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self) + written
                stream.pointee.avail_out = UInt32(outRoom)
                return inflate(stream, Z_NO_FLUSH)
            }
            let used = inChunk - Int(stream.pointee.avail_in)
            let made = outRoom - Int(stream.pointee.avail_out)
            consumed += used
            written += made
            let inputLeft = input.count - consumed
            switch status {
            case Z_STREAM_END:
                if inputLeft == 0 {
                    isFinished = true
                } else if inputLeft >= 2 && input[consumed] == Gzip.magic.0 && input[consumed + 1] == Gzip.magic.1 {
                    inflateReset(stream)  // the next member
                } else {
                    throw GzipError.trailingData(byteCount: inputLeft)
                }
            case Z_OK, Z_BUF_ERROR:
                // No input left although the member has not ended, and room for more output.
                if inputLeft == 0 && stream.pointee.avail_out > 0 { throw GzipError.truncated }
                // zlib reports Z_BUF_ERROR only when it could not progress; never spin on it.
                if status == Z_BUF_ERROR && used == 0 && made == 0 {
                    throw GzipError.corrupt(Gzip.message(of: stream.pointee, status: status))
                }
            case Z_DATA_ERROR, Z_NEED_DICT:
                throw GzipError.corrupt(Gzip.message(of: stream.pointee, status: status))
            default:
                throw GzipError.zlibFailure(code: status, message: Gzip.message(of: stream.pointee, status: status))
            }
        }
        producedCount += written
        return written
    }

    /// Fills `bytes[range]` (see `read(into:)`).
    /// - Returns: how many bytes were written from `range.lowerBound`.
    public func read(into bytes: inout [UInt8], _ range: Range<Int>) throws(GzipError) -> Int {
        let result: Result<Int, GzipError> = bytes.withUnsafeMutableBytes { all in
            Result { () throws(GzipError) -> Int in try read(into: UnsafeMutableRawBufferPointer(rebasing: all[range])) }
        }
        return try result.get()
    }
}
