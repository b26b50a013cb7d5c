import MNISTData

extension Checkpoint {
    /// Metadata key naming the dataset a checkpoint was trained on (`mnist` or `fashion-mnist`, the raw
    /// values of `DatasetKind`). Written by the trainer; absent in files written by other tools.
    public static let datasetMetadataKey = "dataset"

    /// The dataset the checkpoint was trained on, or nil when its metadata does not say (e.g. a file saved
    /// by PyTorch, or by lenet-tui before the key existed).
    /// - Parameter path: names the file in the error.
    /// - Throws: `CheckpointError.badMetadata` when the value is not a known dataset.
    public func dataset(path: String) throws -> DatasetKind? {
        guard let value = extraMetadata[Self.datasetMetadataKey] else { return nil }
        guard let kind = DatasetKind(rawValue: value) else {
            throw CheckpointError.badMetadata(path: path, key: Self.datasetMetadataKey, value: value)
        }
        return kind
    }
}
