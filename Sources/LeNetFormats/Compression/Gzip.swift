import CZlib

// MARK: - Gzip

/// Gzip (RFC 1952) compression and decompression through the system zlib.
public enum Gzip {
    /// The two magic bytes every gzip member starts with (RFC 1952, section 2.3.1).
    public static let magic: (UInt8, UInt8) = (0x1f, 0x8b)

    /// zlib `windowBits` for a 32 KiB window with the gzip wrapper (15 + 16; see zlib.h, `inflateInit2`).
    static let gzipWindowBits: Int32 = 15 + 16

    /// Deflate's largest expansion: one compressed byte yields at most 1032 bytes (zlib's FAQ, "Maximum
    /// compression ratio"; a 258-byte match per 2 bits). A declared size above 1032 times the compressed
    /// size cannot be right and is refused before anything is allocated for it.
    public static let maximumExpansion = 1032

    /// Whether `bytes` starts with the gzip magic `1f 8b`.
    public static func hasMagic(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == magic.0 && bytes[1] == magic.1
    }

    /// Decompresses a gzip stream. Concatenated members (as `cat a.gz b.gz` makes) decompress to the
    /// concatenation of their contents, as `gunzip` does.
    ///
    /// - Parameters:
    ///   - bytes: the whole `.gz` file.
    ///   - limit: the most output accepted; decompression stops as soon as the stream would produce more,
    ///     so memory stays bounded by `limit` whatever the input (a gzip bomb inflates ~1000:1).
    /// - Returns: the decompressed bytes; each member's CRC-32 and length are checked by zlib.
    /// - Throws: `GzipError.notGzip` without the magic, `.truncated` when the input ends early,
    ///   `.corrupt` for bad data, `.trailingData` for non-gzip bytes after the stream, `.tooLarge` past
    ///   `limit`.
    public static func decompress(_ bytes: [UInt8], limit: Int = Int.max) throws(GzipError) -> [UInt8] {
        let inflater = try GzipInflater(bytes)
        // One byte past the limit shows the stream goes on beyond it.
        let capacity = limit == Int.max ? Int.max : limit + 1
        var output = [UInt8](repeating: 0, count: min(initialCapacity(forCompressed: bytes), capacity))
        var produced = 0
        while true {
            produced += try inflater.read(into: &output, produced ..< output.count)
            if inflater.isFinished { break }
            guard output.count < capacity else { throw GzipError.tooLarge(limit: limit) }
            output.append(contentsOf: repeatElement(0, count: min(output.count, capacity - output.count)))
        }
        guard produced <= limit else { throw GzipError.tooLarge(limit: limit) }
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
        return max(1024, min(isize, n * maximumExpansion, 1 << 30))
    }

    /// zlib's message for the stream's last error, or a generic one from the status code.
    static func message(of stream: z_stream, status: Int32) -> String {
        if let msg = stream.msg { return String(cString: msg) }
        if let text = zError(status) { return String(cString: text) }
        return "status \(status)"
    }
}
