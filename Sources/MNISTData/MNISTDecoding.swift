import LeNetFormats
// MARK: - Pure decoding: file bytes -> checked arrays (no I/O)

/// Turns the bytes of MNIST files into a checked `MNISTDataset`. Pure functions; `MNISTLoader` adds the
/// file system around them.
public enum MNISTDecoding {
    /// Image size every MNIST image has (the IDX header's rows and columns).
    public static let imageRows = 28
    /// See `imageRows`.
    public static let imageCols = 28

    /// The most images (or labels) an MNIST-shaped file may announce: 120,000, twice the 60,000 of the
    /// largest split the program reads (the training sets of MNIST and Fashion-MNIST, whose published
    /// files the commands require anyway). It bounds what a hostile file can make the program allocate:
    /// 94 MB of pixels (plus as much for the compressed file), far below the 300 MB a run may use.
    public static let maximumCount = 120_000

    /// The largest decompressed IDX file of `kind` accepted: the header plus `maximumCount` labels
    /// (120,008 bytes) or 28x28 images (94,080,016 bytes).
    public static func maximumIDXSize(of kind: IDXKind) -> Int {
        kind.headerLength + maximumCount * (kind == .images ? imageRows * imageCols : 1)
    }

    /// The largest file of `kind` read from disk: `maximumIDXSize` plus gzip's worst-case growth for data
    /// that does not compress (5 bytes per 16 KiB stored block, plus header and trailer; zlib's
    /// `deflateBound`), rounded up generously to 1/1000 and 64 KiB.
    public static func maximumFileSize(of kind: IDXKind) -> Int {
        let idx = maximumIDXSize(of: kind)
        return idx + idx / 1000 + 65_536
    }

    /// Decompresses (when the bytes start with the gzip magic `1f 8b`, whatever the file name), verifies
    /// the SHA-256 of the decompressed bytes when `expectedSHA256` is given, and parses the IDX header.
    ///
    /// - Parameters:
    ///   - fileBytes: the file as stored, raw IDX or gzip.
    ///   - kind: expected IDX layout.
    ///   - expectedSHA256: lower-case hex digest of the decompressed bytes, or nil to skip the check.
    ///   - path: file name used in error messages.
    /// The IDX header is checked against MNIST's shape (`checkedHeader`) before the data is decompressed
    /// or hashed.
    /// - Throws: `MNISTDataError.gzip`, `.checksumMismatch`, `.idx`, `.wrongImageSize` or
    ///   `.tooManyEntries`, each naming `path`.
    public static func decodeIDX(_ fileBytes: consuming [UInt8], kind: IDXKind, expectedSHA256: String?,
                                 path: String) throws -> IDXArray {
        var raw: [UInt8]
        if Gzip.hasMagic(fileBytes) {
            raw = try inflate(fileBytes, kind: kind, path: path)
        } else {
            raw = consume fileBytes
            if raw.count >= kind.headerLength { _ = try checkedHeader(raw, kind: kind, path: path) }
        }
        if let expectedSHA256 {
            let actual = Checksum.sha256Hex(raw)
            guard actual == expectedSHA256.lowercased() else {
                throw MNISTDataError.checksumMismatch(path: path, expected: expectedSHA256.lowercased(), actual: actual)
            }
        }
        do { return try IDX.parse(consume raw, expecting: kind) } catch {
            throw MNISTDataError.idx(path: path, error)
        }
    }

    /// Decompresses a gzip-compressed IDX file, reading its header first: once the first
    /// `kind.headerLength` bytes are out, the header's sizes (checked by `checkedHeader`) say exactly how
    /// much data may follow, and decompression stops one byte past that. A gzip bomb thus costs at most
    /// `maximumIDXSize(of:)` bytes and fails as soon as it exceeds what its header announces.
    /// A header announcing more than the compressed file can hold (`Gzip.maximumExpansion`) is refused
    /// before memory is set aside for it.
    /// - Throws: `MNISTDataError.gzip` for bad gzip data, `.idx(.beyondCompressedSize)`,
    ///   `.idx(.dataBeyondHeader)` when the data goes on past the announced size, and the errors of
    ///   `checkedHeader`.
    static func inflate(_ bytes: [UInt8], kind: IDXKind, path: String) throws -> [UInt8] {
        do {
            let inflater = try GzipInflater(bytes)
            var raw = [UInt8](repeating: 0, count: kind.headerLength)
            let got = try inflater.read(into: &raw, 0 ..< raw.count)
            guard got == raw.count else {  // shorter than a header: IDX.parse says so
                raw.removeLast(raw.count - got)
                return raw
            }
            let header = try checkedHeader(raw, kind: kind, path: path)
            guard header.dataByteCount <= bytes.count * Gzip.maximumExpansion else {
                throw MNISTDataError.idx(path: path, .beyondCompressedSize(dimensions: header.dimensions,
                                                                           expectedBytes: header.dataByteCount,
                                                                           compressedBytes: bytes.count))
            }
            raw.append(contentsOf: repeatElement(0, count: header.dataByteCount + 1))
            let filled = kind.headerLength + (try inflater.read(into: &raw, kind.headerLength ..< raw.count))
            guard filled < raw.count else {
                throw MNISTDataError.idx(path: path, .dataBeyondHeader(dimensions: header.dimensions,
                                                                       expectedBytes: header.dataByteCount))
            }
            raw.removeLast(raw.count - filled)
            return raw
        } catch let error as GzipError {
            throw MNISTDataError.gzip(path: path, error)
        }
    }

    /// Parses the IDX header at the start of `bytes` and checks it against MNIST's shape before any data
    /// is read: images must be 28x28 and at most `maximumCount` entries may be announced.
    /// - Throws: `MNISTDataError.idx` for a bad header, `.wrongImageSize`, `.tooManyEntries`.
    static func checkedHeader(_ bytes: [UInt8], kind: IDXKind, path: String) throws -> IDXHeader {
        let header: IDXHeader
        do { header = try IDX.parseHeader(bytes, expecting: kind) } catch {
            throw MNISTDataError.idx(path: path, error)
        }
        if kind == .images, header.dimensions[1] != imageRows || header.dimensions[2] != imageCols {
            throw MNISTDataError.wrongImageSize(path: path, rows: header.dimensions[1], cols: header.dimensions[2],
                                                expectedRows: imageRows, expectedCols: imageCols)
        }
        guard header.dimensions[0] <= maximumCount else {
            throw MNISTDataError.tooManyEntries(path: path, count: header.dimensions[0], maximum: maximumCount)
        }
        return header
    }

    /// Checks parsed image and label arrays against each other and MNIST's shape and builds the dataset.
    ///
    /// - Parameters:
    ///   - images: parsed `.images` IDX, dimensions `[count, rows, cols]`.
    ///   - labels: parsed `.labels` IDX, dimensions `[count]`.
    ///   - imagesPath, labelsPath: file names for messages.
    /// - Throws: `MNISTDataError.wrongImageSize` unless 28x28, `.countMismatch` when the counts differ,
    ///   `.labelOutOfRange` for the first label above 9; `.idx` / `.imageBytesMismatch` for hand-built
    ///   arrays whose dimensions or byte counts do not fit.
    public static func makeDataset(images: consuming IDXArray, labels: consuming IDXArray,
                                   imagesPath: String, labelsPath: String) throws -> MNISTDataset {
        // Arrays from `IDX.parse` always pass these; hand-built ones might not.
        guard images.dimensions.count == 3 else {
            throw MNISTDataError.idx(path: imagesPath, .dimensionCount(found: images.dimensions.count, expected: 3))
        }
        guard labels.dimensions.count == 1 else {
            throw MNISTDataError.idx(path: labelsPath, .dimensionCount(found: labels.dimensions.count, expected: 1))
        }
        let rows = images.dimensions[1], cols = images.dimensions[2]
        guard rows == imageRows && cols == imageCols else {
            throw MNISTDataError.wrongImageSize(path: imagesPath, rows: rows, cols: cols,
                                                expectedRows: imageRows, expectedCols: imageCols)
        }
        let imageCount = images.dimensions[0], labelCount = labels.dimensions[0]
        guard imageCount == labelCount else {
            throw MNISTDataError.countMismatch(imagesPath: imagesPath, imageCount: imageCount,
                                               labelsPath: labelsPath, labelCount: labelCount)
        }
        if let index = MNISTDataset.firstInvalidLabel(labels.bytes) {
            throw MNISTDataError.labelOutOfRange(path: labelsPath, index: index, value: labels.bytes[index])
        }
        return try MNISTDataset(validatingCountsOf: images.bytes, labels: labels.bytes, rows: rows, cols: cols)
    }
}
