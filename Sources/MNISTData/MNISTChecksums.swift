extension MNISTFile {
    /// SHA-256 of the decompressed IDX bytes (header included), lower-case hex, of the MNIST database's
    /// files (LeCun, Cortes and Burges) as bundled in `assets/mnist`. The same digest holds for the canonical
    /// `.gz` files published on the MNIST page, whose compressed bytes differ (other gzip headers) but
    /// decompress to the same bytes.
    public var sha256: String {
        switch self {
        case .trainImages: return "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"
        case .trainLabels: return "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"
        case .testImages: return "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"
        case .testLabels: return "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"
        }
    }
}
