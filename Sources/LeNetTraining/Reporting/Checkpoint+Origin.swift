import MNISTData

// MARK: - Weights saved mid-run, and what a file holds in words
//
// The dashboard's s key writes the weights being trained as they are at that moment: weights only (no
// optimizer or random-generator state, so `--resume` refuses them), with the position they were taken at
// in the metadata: `epoch` (epochs finished, as in every checkpoint), `epoch_in_progress`, `mini_batch`
// (mini-batches done in it) and `mini_batches_per_epoch`.

extension Checkpoint {
    /// Metadata key of the epoch in progress when the weights were saved (a weights-only file from s).
    public static let epochInProgressKey = "epoch_in_progress"
    /// Metadata key of the mini-batches done in that epoch.
    public static let miniBatchKey = "mini_batch"
    /// Metadata key of the mini-batches per epoch of the run.
    public static let miniBatchesPerEpochKey = "mini_batches_per_epoch"
    /// Metadata key that marks a file written by the dashboard's s key.
    public static let savedByKey = "saved_by"

    /// The weights-only checkpoint the dashboard's s key writes: a running trainer's snapshot, the run's
    /// config and dataset, and the position the weights were taken at.
    public static func savedNow(_ snapshot: WeightSnapshot, configJSON: String?, dataset: DatasetKind) -> Checkpoint {
        let position = snapshot.position
        return Checkpoint(parameters: snapshot.parameters, epoch: position.completedEpochs, configJSON: configJSON,
                          extraMetadata: [
                              savedByKey: "dashboard key s (weights only, not resumable)",
                              epochInProgressKey: String(position.epoch),
                              miniBatchKey: String(position.batch),
                              miniBatchesPerEpochKey: String(position.batchesPerEpoch),
                              datasetMetadataKey: dataset.rawValue,
                          ])
    }

    /// The position recorded by `savedNow`, or nil when the file has none (an epoch checkpoint, a file from
    /// PyTorch, an s file of an older version).
    /// - Parameter path: names the file in the error.
    /// - Throws: `CheckpointError.badMetadata` naming the key when a value is not a count, the mini-batch
    ///   is beyond the epoch's, or the epoch in progress is not the one after `epoch`.
    public func savedPosition(path: String) throws -> TrainingPosition? {
        let keys = [Self.epochInProgressKey, Self.miniBatchKey, Self.miniBatchesPerEpochKey]
        guard keys.contains(where: { extraMetadata[$0] != nil }) else { return nil }
        var values: [Int] = []
        for key in keys {
            let text = extraMetadata[key] ?? ""
            guard let value = Int(text), value >= 0 else { throw CheckpointError.badMetadata(path: path, key: key, value: text) }
            values.append(value)
        }
        let (inProgress, batch, perEpoch) = (values[0], values[1], values[2])
        guard batch <= perEpoch else {
            throw CheckpointError.badMetadata(path: path, key: Self.miniBatchKey, value: "\(batch) (of \(perEpoch))")
        }
        guard epoch < Int.max, inProgress == epoch + 1 else {
            throw CheckpointError.badMetadata(path: path, key: Self.epochInProgressKey, value: "\(inProgress) (epoch \(epoch))")
        }
        return TrainingPosition(completedEpochs: epoch, batch: batch, batchesPerEpoch: perEpoch)
    }

    /// What the file holds, for `test`, `predict`, `inspect` and `draw`:
    /// - an s file: `weights saved with s at epoch 3, mini-batch 561 of 938; weights only, not resumable`
    ///   (`at the end of epoch 2`, `before training` at an epoch boundary or the start);
    /// - an epoch checkpoint: `epoch 2`;
    /// - a file without lenet-tui metadata (PyTorch's): `no lenet-tui metadata`.
    /// - Parameter short: leave out "weights" and "; weights only, not resumable" (for narrow lines:
    ///   `saved with s at epoch 3, mini-batch 561 of 938`).
    /// - Throws: `savedPosition`'s errors.
    public func origin(path: String, short: Bool = false) throws -> String {
        let (prefix, suffix) = short ? ("saved with s", "") : ("weights saved with s", "; weights only, not resumable")
        if let position = try savedPosition(path: path) {
            if position.isInitial { return prefix + " before training (initial weights)" + suffix }
            if position.isEpochBoundary { return prefix + " at the end of epoch \(position.completedEpochs)" + suffix }
            return prefix + " at \(position.description)" + suffix
        }
        if extraMetadata[Self.savedByKey] != nil {
            return prefix + " after \(epoch) finished epochs, maybe mid-epoch" + suffix
        }
        if extraMetadata.isEmpty && configJSON == nil { return "no lenet-tui metadata" }
        return "epoch \(epoch)"
    }

    /// Whether the file was written by the dashboard's s key (weights taken at any moment, maybe mid-epoch).
    public var isSavedNow: Bool { extraMetadata[Self.savedByKey] != nil }
}
