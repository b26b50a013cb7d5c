// MARK: - IDX format
//
// The IDX format of the MNIST files (http://yann.lecun.com/exdb/mnist/, "THE IDX FILE FORMAT"):
//   bytes 0-1  zero
//   byte  2    element type (0x08 = unsigned byte)
//   byte  3    number of dimensions d
//   then d big-endian UInt32 sizes, then the elements, row-major (last dimension fastest).
// So the MNIST magic numbers are 0x00000801 (labels: ubyte, 1 dimension) and 0x00000803 (images: ubyte,
// 3 dimensions: count, rows, columns).

/// Which MNIST IDX layout a file must have.
public enum IDXKind: Sendable, Equatable {
    /// Labels: magic 0x00000801, one dimension (count), one unsigned byte per label.
    case labels
    /// Images: magic 0x00000803, three dimensions (count, rows, columns), one unsigned byte per pixel.
    case images

    /// The 32-bit big-endian magic number that opens the file.
    public var magic: UInt32 { self == .labels ? 0x0000_0801 : 0x0000_0803 }
    /// Number of dimensions (the magic's last byte).
    public var dimensionCount: Int { self == .labels ? 1 : 3 }
    /// Bytes before the data: the 4-byte magic and a big-endian UInt32 per dimension.
    public var headerLength: Int { 4 + 4 * dimensionCount }
    /// Human-readable name used in error messages.
    var name: String { self == .labels ? "IDX labels (unsigned byte, 1 dimension)" : "IDX images (unsigned byte, 3 dimensions)" }
}

/// A parsed unsigned-byte IDX file.
public struct IDXArray: Sendable, Equatable {
    /// Sizes from the header, outermost first (labels: `[count]`; images: `[count, rows, cols]`).
    public var dimensions: [Int]
    /// The elements, row-major, exactly `dimensions.reduce(1, *)` bytes (the header is not included).
    public var bytes: [UInt8]

    /// Wraps already-checked dimensions and bytes.
    public init(dimensions: [Int], bytes: [UInt8]) {
        self.dimensions = dimensions
        self.bytes = bytes
    }
}

/// The sizes an IDX header announces.
public struct IDXHeader: Sendable, Equatable {
    /// Sizes, outermost first.
    public var dimensions: [Int]
    /// The product of the sizes: how many data bytes follow the header (checked for overflow).
    public var dataByteCount: Int
}

/// Why bytes are not a valid IDX file of the expected kind. `description` is one line without a file name.
public enum IDXError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Zero bytes.
    case empty
    /// Fewer bytes than the header needs (4-byte magic plus 4 bytes per dimension).
    case headerTooShort(length: Int, needed: Int)
    /// The magic number is not the one for the expected kind.
    case wrongMagic(found: UInt32, expected: UInt32, kindName: String)
    /// The product of the dimensions overflows `Int`.
    case sizeOverflow(dimensions: [Int])
    /// The data after the header is not exactly the size the header announces.
    case lengthMismatch(dimensions: [Int], expectedBytes: Int, actualBytes: Int)
    /// Compressed data goes on past the size the header announces (decompression stopped there).
    case dataBeyondHeader(dimensions: [Int], expectedBytes: Int)
    /// The header announces more data than a gzip file of `compressedBytes` can decompress to
    /// (`Gzip.maximumExpansion`), so it is refused before memory is set aside for it.
    case beyondCompressedSize(dimensions: [Int], expectedBytes: Int, compressedBytes: Int)
    /// An `IDXArray` built by hand has the wrong number of dimensions for its use.
    case dimensionCount(found: Int, expected: Int)

    /// The one-line message to print.
    public var description: String {
        switch self {
        case .empty:
            return "empty file (0 bytes), expected IDX data"
        case .headerTooShort(let length, let needed):
            return "not an IDX file: \(Plural.count(length, "byte")), shorter than the \(needed)-byte header"
        case .wrongMagic(let found, let expected, let kindName):
            return "not an IDX file of the expected kind: magic number \(hex(found)), expected \(hex(expected)) (\(kindName))"
        case .sizeOverflow(let dimensions):
            return "IDX header sizes \(dimensionsText(dimensions)) overflow"
        case .lengthMismatch(let dimensions, let expected, let actual):
            return "IDX header says \(dimensionsText(dimensions)) = \(expected) data bytes but the file has \(actual)"
        case .dataBeyondHeader(let dimensions, let expected):
            return "IDX header says \(dimensionsText(dimensions)) = \(expected) data bytes but the data goes on past them"
        case .beyondCompressedSize(let dimensions, let expected, let compressed):
            return "IDX header says \(dimensionsText(dimensions)) = \(expected) data bytes but \(compressed) bytes of gzip "
                + "cannot decompress to that many (at most \(Gzip.maximumExpansion)x)"
        case .dimensionCount(let found, let expected):
            return "IDX array has \(found) dimensions, expected \(expected)"
        }
    }
}

/// `0x00000801` style: 8 hex digits.
private func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
}

/// `60000x28x28` style.
private func dimensionsText(_ dimensions: [Int]) -> String {
    dimensions.map(String.init).joined(separator: "x")
}

// MARK: - Reading and writing

/// Parser and writer for unsigned-byte IDX files (pure functions over bytes; no I/O).
public enum IDX {
    /// Parses decompressed IDX bytes of the expected kind.
    ///
    /// The data size must match the header exactly (no missing and no extra bytes). The header is removed
    /// in place, so passing a uniquely referenced array (`consume`) avoids copying the data.
    /// - Parameters:
    ///   - bytes: the whole file, header included, already decompressed.
    ///   - kind: `.labels` (magic 0x00000801) or `.images` (magic 0x00000803).
    /// - Returns: the dimensions from the big-endian header and the data bytes.
    /// - Throws: `IDXError`.
    public static func parse(_ bytes: consuming [UInt8], expecting kind: IDXKind) throws(IDXError) -> IDXArray {
        let header = try parseHeader(bytes, expecting: kind)
        let actual = bytes.count - kind.headerLength
        guard actual == header.dataByteCount else {
            throw IDXError.lengthMismatch(dimensions: header.dimensions, expectedBytes: header.dataByteCount,
                                          actualBytes: actual)
        }
        bytes.removeFirst(kind.headerLength)
        return IDXArray(dimensions: header.dimensions, bytes: bytes)
    }

    /// Parses the header at the start of `bytes` (the rest, if any, is not looked at), so a reader can
    /// check the announced sizes before it reads or decompresses the data.
    /// - Parameters:
    ///   - bytes: at least `kind.headerLength` bytes for success; fewer give `.empty`, `.headerTooShort`
    ///     or `.wrongMagic` (checked as soon as 4 bytes are there).
    ///   - kind: `.labels` or `.images`.
    /// - Returns: the sizes and their product (the data size), computed with overflow checks.
    /// - Throws: `IDXError.empty`, `.headerTooShort`, `.wrongMagic`, `.sizeOverflow`.
    public static func parseHeader(_ bytes: [UInt8], expecting kind: IDXKind) throws(IDXError) -> IDXHeader {
        guard !bytes.isEmpty else { throw IDXError.empty }
        let headerLength = kind.headerLength
        guard bytes.count >= 4 else { throw IDXError.headerTooShort(length: bytes.count, needed: headerLength) }
        let magic = readBigEndianUInt32(bytes, at: 0)
        guard magic == kind.magic else {
            throw IDXError.wrongMagic(found: magic, expected: kind.magic, kindName: kind.name)
        }
        guard bytes.count >= headerLength else {
            throw IDXError.headerTooShort(length: bytes.count, needed: headerLength)
        }
        let dimensions = (0..<kind.dimensionCount).map { Int(readBigEndianUInt32(bytes, at: 4 + 4 * $0)) }
        var expected = 1
        for size in dimensions {
            let (product, overflow) = expected.multipliedReportingOverflow(by: size)
            guard !overflow else { throw IDXError.sizeOverflow(dimensions: dimensions) }
            expected = product
        }
        return IDXHeader(dimensions: dimensions, dataByteCount: expected)
    }

    /// The big-endian UInt32 at `offset`. - Precondition: `offset + 4 <= bytes.count`.
    static func readBigEndianUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16
            | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }
}
