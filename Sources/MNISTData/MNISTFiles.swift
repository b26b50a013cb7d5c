import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LeNetFormats

/// Which half of MNIST: the 60,000 training images or the 10,000 test images.
public enum MNISTSplit: String, Sendable, CaseIterable, Equatable {
    /// `train-*` files: 60,000 images.
    case train
    /// `t10k-*` files: 10,000 images.
    case test

    /// File-name prefix of the split (`train` or `t10k`), as in the MNIST distribution.
    public var filePrefix: String { self == .train ? "train" : "t10k" }
}

/// One of the four MNIST files.
public enum MNISTFile: Sendable, CaseIterable, Equatable {
    /// `train-images-idx3-ubyte`: 60,000 x 28 x 28 pixels.
    case trainImages
    /// `train-labels-idx1-ubyte`: 60,000 labels.
    case trainLabels
    /// `t10k-images-idx3-ubyte`: 10,000 x 28 x 28 pixels.
    case testImages
    /// `t10k-labels-idx1-ubyte`: 10,000 labels.
    case testLabels

    /// The file of `split` holding `kind`.
    public init(split: MNISTSplit, kind: IDXKind) {
        switch (split, kind) {
        case (.train, .images): self = .trainImages
        case (.train, .labels): self = .trainLabels
        case (.test, .images): self = .testImages
        case (.test, .labels): self = .testLabels
        }
    }

    /// The split the file belongs to.
    public var split: MNISTSplit { self == .trainImages || self == .trainLabels ? .train : .test }
    /// Images or labels.
    public var kind: IDXKind { self == .trainImages || self == .testImages ? .images : .labels }

    /// The standard uncompressed name, e.g. `train-images-idx3-ubyte`.
    public var standardName: String { "\(split.filePrefix)-\(stem)-\(idxSuffix)" }

    /// Every accepted name, in the order they are tried: the standard name, the same with `.gz`, then the
    /// dotted variant (`train-images.idx3-ubyte`, as some mirrors and archives spell it) and its `.gz`.
    public var candidateNames: [String] {
        let dotted = "\(split.filePrefix)-\(stem).\(idxSuffix)"
        return [standardName, standardName + ".gz", dotted, dotted + ".gz"]
    }

    /// Readable name for messages, e.g. `train images`.
    public var displayName: String { "\(split.rawValue) \(stem)" }

    private var stem: String { kind == .images ? "images" : "labels" }
    private var idxSuffix: String { kind == .images ? "idx3-ubyte" : "idx1-ubyte" }
}

/// Finds the MNIST files in a directory (file-system reads only, no file contents).
public enum MNISTFileResolver {
    /// The path of `file` in `directory`: the first of `file.candidateNames` that exists and is not a
    /// directory (a FIFO, device or a symbolic-link loop is returned too, so that reading it names the
    /// problem rather than calling the file missing).
    ///
    /// - Throws: `MNISTDataError.notAFile` when no candidate is a file but one is a directory (e.g. an
    ///   archive unpacked into a folder named like the file); `MNISTDataError.missingFile` listing every
    ///   name tried when none exists.
    public static func resolve(_ file: MNISTFile, in directory: URL,
                               fileManager: FileManager = .default) throws -> URL {
        var firstDirectory: URL?
        for name in file.candidateNames {
            let url = directory.appendingPathComponent(name)
            switch fileStatus(url.path) {
            case .success(let status) where status.type == .directory:
                if firstDirectory == nil { firstDirectory = url }
            case .success:
                return url  // a regular file; anything else is refused, with its type, when it is read
            case .failure(let error) where error.code == ENOENT || error.code == ENOTDIR:
                continue
            case .failure:
                return url  // a link loop, no permission, ...: reading it says why
            }
        }
        if let firstDirectory { throw MNISTDataError.notAFile(path: firstDirectory.path) }
        throw MNISTDataError.missingFile(file: file.displayName, directory: directory.path, triedNames: file.candidateNames)
    }

    /// Whether `directory` holds at least one MNIST file under any accepted name (used by the locator to
    /// tell a data directory from an unrelated one).
    public static func containsAnyMNISTFile(_ directory: URL, fileManager: FileManager = .default) -> Bool {
        MNISTFile.allCases.contains { file in
            file.candidateNames.contains { name in
                var isDirectory: ObjCBool = false
                let path = directory.appendingPathComponent(name).path
                return fileManager.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
            }
        }
    }
}
