import CZlib

// MARK: - Gzip

/// Gzip (RFC 1952) decompression through the system zlib (the tests' encoder is in TestSupport).
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
