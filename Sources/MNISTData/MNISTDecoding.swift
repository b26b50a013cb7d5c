import LeNetFormats
// MARK: - Pure decoding: file bytes -> checked arrays (no I/O)

/// Turns the bytes of MNIST files into a checked `MNISTDataset`. Pure functions; `MNISTLoader` adds the
/// file system around them.
public enum MNISTDecoding {
    /// Image size every MNIST image has (the IDX header's rows and columns).
    public static let imageRows = 28
    /// See `imageRows`.
    public static let imageCols = 28

    /// Decompresses (when the bytes start with the gzip magic `1f 8b`, whatever the file name), verifies
    /// the SHA-256 of the decompressed bytes when `expectedSHA256` is given, and parses the IDX header.
    ///
    /// - Parameters:
    ///   - fileBytes: the file as stored, raw IDX or gzip.
    ///   - kind: expected IDX layout.
    ///   - expectedSHA256: lower-case hex digest of the decompressed bytes, or nil to skip the check.
    ///   - path: file name used in error messages.
    /// - Throws: `MNISTDataError.gzip`, `.checksumMismatch` or `.idx`, each naming `path`.
    public static func decodeIDX(_ fileBytes: consuming [UInt8], kind: IDXKind, expectedSHA256: String?,
                                 path: String) throws -> IDXArray {
        var raw: [UInt8]
        if Gzip.hasMagic(fileBytes) {
            do { raw = try Gzip.decompress(fileBytes) } catch let error as GzipError {
                throw MNISTDataError.gzip(path: path, error)
            }
        } else {
            raw = consume fileBytes
        }
        if let expectedSHA256 {
            let actual = Checksum.sha256Hex(raw)
            guard actual == expectedSHA256.lowercased() else {
                throw MNISTDataError.checksumMismatch(path: path, expected: expectedSHA256.lowercased(), actual: actual)
            }
        }
        do { return try IDX.parse(consume raw, expecting: kind) } catch let error as IDXError {
            throw MNISTDataError.idx(path: path, error)
        }
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
