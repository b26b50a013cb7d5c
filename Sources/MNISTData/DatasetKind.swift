// MARK: - The datasets in MNIST's format
//
// Both sets use the same four IDX files (60,000 training and 10,000 test images, 28x28 unsigned bytes,
// labels 0...9) under the same names; they differ in what the classes mean, in the pixel statistics used
// for normalisation, and in the SHA-256 digests of their files.

/// Which labelled image set to train and test on.
public enum DatasetKind: String, Sendable, CaseIterable, Equatable, Hashable {
    /// MNIST handwritten digits (LeCun, Cortes, Burges), bundled in `assets/mnist`.
    case mnist = "mnist"
    /// Fashion-MNIST clothing images (Xiao, Rasul, Vollgraf, Zalando Research, 2017), from the Debian
    /// package `dataset-fashion-mnist` (`/usr/share/datasets/fashion-mnist`).
    case fashionMNIST = "fashion-mnist"

    /// The name people know it by, for messages and titles: `MNIST`, `Fashion-MNIST`.
    public var displayName: String {
        switch self {
        case .mnist: return "MNIST"
        case .fashionMNIST: return "Fashion-MNIST"
        }
    }

    /// The name of each class, index = label (10 entries).
    ///
    /// MNIST: the digits `"0"` ... `"9"`. Fashion-MNIST: the labels of the dataset's README
    /// (`T-shirt/top`, `Trouser`, `Pullover`, `Dress`, `Coat`, `Sandal`, `Shirt`, `Sneaker`, `Bag`,
    /// `Ankle boot`).
    public var classNames: [String] {
        switch self {
        case .mnist:
            return (0 ..< 10).map(String.init)
        case .fashionMNIST:
            return ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
        }
    }

    /// The pixel normalisation to train, test and predict with: the mean and standard deviation of the
    /// training pixels / 255 of this dataset (`PixelNormalization.mnist`, `.fashionMNIST`).
    public var normalization: PixelNormalization {
        switch self {
        case .mnist: return .mnist
        case .fashionMNIST: return .fashionMNIST
        }
    }

    /// Where a system package installs the files, or nil when there is none (MNIST ships with the
    /// repository instead).
    public var systemDirectory: String? {
        switch self {
        case .mnist: return nil
        case .fashionMNIST: return "/usr/share/datasets/fashion-mnist"
        }
    }

    /// The Debian package that installs the files into `systemDirectory`, or nil.
    public var debianPackage: String? {
        switch self {
        case .mnist: return nil
        case .fashionMNIST: return "dataset-fashion-mnist"
        }
    }

    /// SHA-256 of the decompressed IDX bytes (header included) of `file`, 64 lower-case hex digits.
    ///
    /// MNIST: `MNISTFile.sha256`. Fashion-MNIST: measured on the files of
    /// Debian's `dataset-fashion-mnist` 0.0~git20200523.55506a9-1, which are the upstream release files.
    public func sha256(of file: MNISTFile) -> String {
        switch self {
        case .mnist:
            return file.sha256
        case .fashionMNIST:
            switch file {
            case .trainImages: return "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"
            case .trainLabels: return "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"
            case .testImages: return "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"
            case .testLabels: return "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"
            }
        }
    }

    /// The dataset and file whose published digest is `sha256` (lower-case hex), or nil for unknown data.
    /// Used to tell a user who passed Fashion-MNIST files as MNIST (or the reverse) which flag they need.
    public static func identify(sha256: String) -> (kind: DatasetKind, file: MNISTFile)? {
        let digest = sha256.lowercased()
        for kind in allCases {
            for file in MNISTFile.allCases where kind.sha256(of: file) == digest { return (kind, file) }
        }
        return nil
    }
}

extension PixelNormalization {
    /// Mean 0.2860 and standard deviation 0.3530 of the Fashion-MNIST training pixels / 255 (measured over
    /// all 47,040,000 training pixels: 0.28604 and 0.35302; the values commonly used with
    /// `transforms.Normalize` for this dataset).
    public static let fashionMNIST = PixelNormalization(mean: 0.2860, std: 0.3530)
}
