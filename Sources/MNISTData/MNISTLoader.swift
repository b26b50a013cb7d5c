import Foundation
import LeNetFormats

/// Loads an MNIST split from a directory: finds the files, reads them, then `MNISTDecoding` checks them.
public enum MNISTLoader {
    /// Loads the images and labels of `split` from `directory`.
    ///
    /// Files are looked up under every name in `MNISTFile.candidateNames` (raw or `.gz`, dashed or dotted);
    /// gzip is recognised by its magic bytes, not the name.
    /// - Parameters:
    ///   - split: `.train` (60,000 images) or `.test` (10,000).
    ///   - directory: the folder holding the files (see `MNISTLocator`).
    ///   - verifyChecksums: compare the SHA-256 of each decompressed file with `MNISTFile.sha256`; turn off
    ///     for other data in the same format (e.g. Fashion-MNIST) or synthetic test files.
    /// - Returns: the checked dataset (28x28 images, as many labels as images, labels 0...9).
    /// - Throws: `MNISTDataError`, one line naming the file or directory.
    public static func load(split: MNISTSplit, from directory: URL, verifyChecksums: Bool) throws -> MNISTDataset {
        try load(split: split, from: directory, kind: .mnist, verifyChecksums: verifyChecksums)
    }

    /// Loads the images and labels of `split` of the dataset `kind` from `directory`.
    ///
    /// The same as `load(split:from:verifyChecksums:)`, with the digests of `kind` (`DatasetKind.sha256(of:)`).
    /// - Parameters:
    ///   - split: `.train` (60,000 images) or `.test` (10,000).
    ///   - directory: the folder holding the four IDX files (see `DatasetLocator`).
    ///   - kind: MNIST or Fashion-MNIST: which published SHA-256 digests the files must have.
    ///   - verifyChecksums: compare the SHA-256 of each decompressed file with `kind`'s digest.
    /// - Returns: the checked dataset (28x28 images, as many labels as images, labels 0...9).
    /// - Throws: `MNISTDataError`, one line naming the file or directory.
    public static func load(split: MNISTSplit, from directory: URL, kind: DatasetKind,
                            verifyChecksums: Bool) throws -> MNISTDataset {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) else {
            throw MNISTDataError.directoryNotFound(path: directory.path)
        }
        guard isDirectory.boolValue else { throw MNISTDataError.notADirectory(path: directory.path) }

        let imagesFile = MNISTFile(split: split, kind: .images)
        let labelsFile = MNISTFile(split: split, kind: .labels)
        let imagesURL = try MNISTFileResolver.resolve(imagesFile, in: directory)
        let labelsURL = try MNISTFileResolver.resolve(labelsFile, in: directory)

        // Labels first: small, so a broken label file fails before 47 MB of images are inflated.
        let labels = try MNISTDecoding.decodeIDX(try readFile(at: labelsURL, kind: .labels), kind: .labels,
                                                 expectedSHA256: verifyChecksums ? kind.sha256(of: labelsFile) : nil,
                                                 path: labelsURL.path)
        let images = try MNISTDecoding.decodeIDX(try readFile(at: imagesURL, kind: .images), kind: .images,
                                                 expectedSHA256: verifyChecksums ? kind.sha256(of: imagesFile) : nil,
                                                 path: imagesURL.path)
        return try MNISTDecoding.makeDataset(images: images, labels: labels,
                                             imagesPath: imagesURL.path, labelsPath: labelsURL.path)
    }

    /// The whole content of an MNIST file: a regular file (or a link to one) of at most
    /// `MNISTDecoding.maximumFileSize(of: kind)` bytes, opened without blocking (see `InputFile`).
    /// - Throws: `MNISTDataError.notAFile` for a directory, `.unreadable` for anything else: a FIFO,
    ///   socket or device, a file too large for MNIST data, or the system's reason (`permission denied`,
    ///   `too many levels of symbolic links`, ...).
    public static func readFile(at url: URL, kind: IDXKind) throws -> [UInt8] {
        let what = kind == .images ? "an MNIST-shaped images file" : "an MNIST-shaped labels file"
        do {
            return try InputFile.read(url.path, limit: MNISTDecoding.maximumFileSize(of: kind), what: what)
        } catch {
            if error.kind == .directory { throw MNISTDataError.notAFile(path: url.path) }
            throw MNISTDataError.unreadable(path: url.path, reason: error.reason)
        }
    }
}
