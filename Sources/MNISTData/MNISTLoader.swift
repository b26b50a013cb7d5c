import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        let labels = try MNISTDecoding.decodeIDX(try readFile(at: labelsURL), kind: .labels,
                                                 expectedSHA256: verifyChecksums ? kind.sha256(of: labelsFile) : nil,
                                                 path: labelsURL.path)
        let images = try MNISTDecoding.decodeIDX(try readFile(at: imagesURL), kind: .images,
                                                 expectedSHA256: verifyChecksums ? kind.sha256(of: imagesFile) : nil,
                                                 path: imagesURL.path)
        return try MNISTDecoding.makeDataset(images: images, labels: labels,
                                             imagesPath: imagesURL.path, labelsPath: labelsURL.path)
    }

    /// The whole content of a regular file, read with POSIX `open`/`read`.
    /// - Throws: `MNISTDataError.unreadable` with the system's reason (`strerror`), `.notAFile` for a
    ///   directory.
    public static func readFile(at url: URL) throws -> [UInt8] {
        let path = url.path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw MNISTDataError.unreadable(path: path, reason: errnoText()) }
        defer { close(fd) }

        var info = stat()
        guard fstat(fd, &info) == 0 else { throw MNISTDataError.unreadable(path: path, reason: errnoText()) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw MNISTDataError.notAFile(path: path) }

        // One spare byte so the read that reports end-of-file needs no reallocation.
        var bytes = [UInt8](repeating: 0, count: max(Int(info.st_size), 0) + 1)
        var filled = 0
        while true {
            if filled == bytes.count {  // file grew or size unknown (pipes): make room
                bytes.append(contentsOf: repeatElement(0, count: max(bytes.count, 65536)))
            }
            let got = bytes.withUnsafeMutableBytes { buffer in
                read(fd, buffer.baseAddress! + filled, buffer.count - filled)
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw MNISTDataError.unreadable(path: path, reason: errnoText())
            }
            if got == 0 { break }
            filled += got
        }
        bytes.removeLast(bytes.count - filled)
        return bytes
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}
