import CZlib
import LeNetFormats

// MARK: - Encoders only the tests use

// The program reads gzip and IDX files but never writes them; the tests build their fixtures (and hostile
// files) with these.

extension Gzip {
    /// Compresses `bytes` into a single gzip member (deflate, 32 KiB window: `windowBits` 15 + 16 for the
    /// gzip wrapper, zlib.h; minimal header: no name, mtime 0), readable by `gunzip` and by `decompress`.
    ///
    /// - Parameters:
    ///   - bytes: data to compress (any length).
    ///   - level: zlib level 0 (store) ... 9 (best); default `Z_DEFAULT_COMPRESSION` (6).
    /// - Returns: the `.gz` bytes.
    /// - Precondition: zlib can allocate its state (fails only when out of memory).
    public static func compress(_ bytes: [UInt8], level: Int32 = Z_DEFAULT_COMPRESSION) -> [UInt8] {
        var stream = z_stream()
        let initStatus = deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                                       zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        precondition(initStatus == Z_OK, "deflateInit2 failed: zlib status \(initStatus)")
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
                             "deflate failed: zlib status \(status)")
            }
        }
        output.removeLast(output.count - produced)
        return output
    }
}

extension IDX {
    /// Encodes an unsigned-byte IDX file (magic `00 00 08 d`, big-endian sizes, then the bytes).
    /// The tests write their IDX fixtures with it; the program only reads IDX files.
    ///
    /// - Parameters:
    ///   - dimensions: sizes, outermost first; each must fit in a UInt32.
    ///   - bytes: row-major data; not checked against `dimensions`, so tests can write broken files.
    /// - Returns: the file bytes.
    /// - Precondition: 1...255 dimensions, each in `0...UInt32.max`.
    public static func encode(dimensions: [Int], bytes: [UInt8]) -> [UInt8] {
        precondition((1...255).contains(dimensions.count), "IDX needs 1...255 dimensions")
        var out: [UInt8] = [0, 0, 0x08, UInt8(dimensions.count)]
        out.reserveCapacity(out.count + 4 * dimensions.count + bytes.count)
        for size in dimensions {
            precondition(size >= 0 && size <= Int(UInt32.max), "IDX size \(size) does not fit in UInt32")
            let value = UInt32(size)
            out += [UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)]
        }
        out += bytes
        return out
    }
}
