import LeNetFormats
/// Why the MNIST data could not be loaded. `description` is the one line to print; it names the file or
/// directory concerned.
public enum MNISTDataError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The data directory does not exist.
    case directoryNotFound(path: String)
    /// The data directory path names something that is not a directory.
    case notADirectory(path: String)
    /// None of the accepted names of an MNIST file exists in the directory.
    case missingFile(file: String, directory: String, triedNames: [String])
    /// A directory sits where an MNIST file should be.
    case notAFile(path: String)
    /// The file exists but could not be read: the system's reason (`permission denied`), or it is not a
    /// regular file (`is a FIFO (named pipe), not a regular file`), or too large for MNIST data.
    case unreadable(path: String, reason: String)
    /// The IDX header announces more entries than MNIST-shaped data has (`MNISTDecoding.maximumCount`).
    case tooManyEntries(path: String, count: Int, maximum: Int)
    /// The file starts like gzip but does not decompress.
    case gzip(path: String, GzipError)
    /// The (decompressed) file is not a valid IDX file of the expected kind.
    case idx(path: String, IDXError)
    /// SHA-256 of the decompressed bytes differs from the published one (lower-case hex digests).
    case checksumMismatch(path: String, expected: String, actual: String)
    /// The images are not 28x28.
    case wrongImageSize(path: String, rows: Int, cols: Int, expectedRows: Int, expectedCols: Int)
    /// The image and label files hold different numbers of entries.
    case countMismatch(imagesPath: String, imageCount: Int, labelsPath: String, labelCount: Int)
    /// A label is not a digit 0...9 (the first offending one).
    case labelOutOfRange(path: String, index: Int, value: UInt8)
    /// In-memory data handed to `MNISTDataset.init` has the wrong number of pixel bytes.
    case imageBytesMismatch(imageBytes: Int, count: Int, rows: Int, cols: Int)

    /// The one-line message to print.
    public var description: String {
        switch self {
        case .directoryNotFound(let path):
            return "MNIST data directory \(shown(path)) does not exist"
        case .notADirectory(let path):
            return "MNIST data directory \(shown(path)) is not a directory"
        case .missingFile(let file, let directory, let names):
            return "no MNIST \(file) file in \(shown(directory)) (looked for \(names.joined(separator: ", ")))"
        case .notAFile(let path):
            return "\(shown(path)) is a directory, expected an MNIST file"
        case .unreadable(let path, let reason):
            return "\(shown(path)): cannot read: \(reason)"
        case .tooManyEntries(let path, let count, let maximum):
            return "\(shown(path)): IDX header announces \(count) entries, more than MNIST-shaped data has (at most \(maximum))"
        case .gzip(let path, let error):
            return "\(shown(path)): \(error)"
        case .idx(let path, let error):
            return "\(shown(path)): \(error)"
        case .checksumMismatch(let path, let expected, let actual):
            let expectedName = DatasetKind.identify(sha256: expected)?.kind.displayName ?? "MNIST"
            var text = "\(shown(path)): SHA-256 of the decompressed data is \(actual), expected \(expected) (damaged or not the standard \(expectedName) file)"
            if let found = DatasetKind.identify(sha256: actual), found.kind.displayName != expectedName {
                text += "; it is the \(found.kind.displayName) \(found.file.displayName) file: pass --dataset \(found.kind.rawValue)"
            }
            return text
        case .wrongImageSize(let path, let rows, let cols, let expectedRows, let expectedCols):
            return "\(shown(path)): images are \(rows)x\(cols), expected \(expectedRows)x\(expectedCols)"
        case .countMismatch(let imagesPath, let imageCount, let labelsPath, let labelCount):
            return "\(shown(imagesPath)) has \(Plural.count(imageCount, "image")) but \(shown(labelsPath)) has \(Plural.count(labelCount, "label"))"
        case .labelOutOfRange(let path, let index, let value):
            return "\(shown(path)): label \(value) at index \(index) is outside 0...9"
        case .imageBytesMismatch(let imageBytes, let count, let rows, let cols):
            let (perImage, o1) = rows.multipliedReportingOverflow(by: cols)
            let (expected, o2) = count.multipliedReportingOverflow(by: perImage)
            let expectedText = o1 || o2 || rows <= 0 || cols <= 0 ? "image size must be positive and fit in memory" : "expected \(expected)"
            return "MNIST dataset: \(imageBytes) pixel bytes for \(count) images of \(rows)x\(cols) (\(expectedText))"
        }
    }
}

/// A path as messages show it: control characters escaped (`TerminalText`).
private func shown(_ path: String) -> String { TerminalText.escaped(path) }
