// MARK: - The live learning-rate multiplier in an epoch checkpoint
//
// The trainer writes the multiplier in force at the end of the epoch as metadata `lr_multiplier`
// (`LearningRateMultiplier.description`: `1`, `2`, `0.5`), so `--resume` continues with it and stays
// bit-identical to a run that was never interrupted.

extension Checkpoint {
    /// Metadata key of the learning-rate multiplier at the end of the checkpoint's epoch.
    public static let learningRateMultiplierKey = "lr_multiplier"

    /// The multiplier the run had at the end of the checkpoint's epoch; 1 when the metadata does not say
    /// (checkpoints written before steering existed, PyTorch's files).
    /// - Parameter path: names the file in the error.
    /// - Throws: `CheckpointError.badMetadata` when the value is not a power of two from 1/1024 to 1024.
    public func learningRateMultiplier(path: String) throws(CheckpointError) -> LearningRateMultiplier {
        guard let text = extraMetadata[Self.learningRateMultiplierKey] else { return .one }
        guard let value = Double(text), let multiplier = LearningRateMultiplier(value: value) else {
            throw CheckpointError.badMetadata(path: path, key: Self.learningRateMultiplierKey, value: text)
        }
        return multiplier
    }
}
