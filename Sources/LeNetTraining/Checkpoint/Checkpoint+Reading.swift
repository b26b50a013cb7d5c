import LeNetEngine
import LeNetFormats

// MARK: - Reading a checkpoint

extension Checkpoint {
    /// The largest checkpoint file read: 2,529,520 bytes. The biggest checkpoint lenet-tui writes holds
    /// three sets of LeNet-5's 61,706 float32 parameters (the weights and Adam's two moments: 740,472
    /// bytes) and a header of about 4 KB; the limit allows twice that tensor data (room for tensors other
    /// tools add) plus 1 MiB of header and metadata. Anything larger is not a LeNet-5 checkpoint, and is
    /// refused from its size before it is read.
    public static let maximumFileSize = 2 * 3 * LeNet5.parameterCount * MemoryLayout<Float>.size + (1 << 20)

    /// Reads and validates a checkpoint: a regular file of at most `maximumFileSize` bytes, read once
    /// (see `InputFile`), whose safetensors layout is valid (`SafeTensorsFile`) and whose LeNet-5 tensors
    /// are all present, float32, of PyTorch's shapes and finite.
    /// - Throws: `CheckpointError.notFound` when there is no file, `SafeTensorsError.unreadable` when it
    ///   is not a regular file, too large or unreadable, and the errors of `decode`.
    public static func read(from path: String) throws -> Checkpoint {
        let bytes: [UInt8]
        do {
            bytes = try InputFile.read(path, limit: maximumFileSize, what: "a LeNet-5 checkpoint")
        } catch {
            if error.kind == .notFound { throw CheckpointError.notFound(path: path) }
            throw SafeTensorsError.unreadable(path: path, reason: error.reason)
        }
        return try decode(bytes, path: path)
    }

    /// Decodes checkpoint bytes; `path` only labels errors.
    ///
    /// The weights (`c1.weight` ... `output.bias`) are required; the optimizer state named by the
    /// `optimizer` metadata is read when any of its tensors is present, and must then be complete. Every
    /// problem with these tensors (missing, wrong shape, not F32) is reported at once.
    /// - Throws: `SafeTensorsError` for a file that is not valid safetensors, `CheckpointError.tensorsMismatch`,
    ///   `.nonFinite` (NaN or infinity, naming the tensor), `.badMetadata`.
    public static func decode(_ bytes: [UInt8], path: String) throws -> Checkpoint {
        let file = try SafeTensorsFile(bytes: bytes, path: path)
        let metadata = file.metadata
        // Which tensor sets to read: the weights, and the optimizer state when it is there.
        var prefixes = [""]
        switch metadata["optimizer"] {
        case "adam":
            let adam = ["optimizer.exp_avg.", "optimizer.exp_avg_sq."]
            if adam.contains(where: { hasAny(file, prefix: $0) }) { prefixes += adam }
        case "sgd":
            if hasAny(file, prefix: "optimizer.momentum_buffer.") { prefixes.append("optimizer.momentum_buffer.") }
        default:
            break
        }
        let sets = try parameterSets(file, prefixes: prefixes)
        let epoch = try integer(metadata, "epoch", path: path) ?? 0
        var optimizer: OptimizerSnapshot?
        switch metadata["optimizer"] {
        case "adam":
            if let m = sets["optimizer.exp_avg."], let v = sets["optimizer.exp_avg_sq."] {
                optimizer = .adam(step: try integer(metadata, "adam_step", path: path) ?? 0, firstMoments: m, secondMoments: v)
            }
        case "sgd":
            optimizer = .sgd(momentumBuffers: sets["optimizer.momentum_buffer."])
        default:
            optimizer = nil
        }
        var rngState: UInt64?
        if let text = metadata["rng_state"] {
            guard let value = UInt64(text) else { throw CheckpointError.badMetadata(path: path, key: "rng_state", value: text) }
            rngState = value
        }
        let known: Set<String> = ["format", "format_version", "epoch", "optimizer", "adam_step", "rng_state", "config"]
        return Checkpoint(parameters: sets[""]!, epoch: epoch, optimizer: optimizer, rngState: rngState,
                          configJSON: metadata["config"],
                          extraMetadata: metadata.filter { !known.contains($0.key) })
    }

    // MARK: Helpers

    /// Whether any of the ten tensors under `prefix` is in the file.
    private static func hasAny(_ file: SafeTensorsFile, prefix: String) -> Bool {
        LeNet5.parameterSpecs.contains { file.entry(named: prefix + $0.name) != nil }
    }

    /// The ten tensors under each prefix, decoded once each and checked to be finite.
    /// - Throws: `CheckpointError.tensorsMismatch` listing every missing, misshapen or non-F32 tensor;
    ///   `.nonFinite` for the first NaN or infinity.
    private static func parameterSets(_ file: SafeTensorsFile, prefixes: [String]) throws -> [String: LeNet5Parameters] {
        var missing: [String] = []
        var wrongShapes: [TensorShapeMismatch] = []
        var wrongTypes: [TensorTypeMismatch] = []
        var found: [[SafeTensorsFile.Entry]] = []
        for prefix in prefixes {
            var entries: [SafeTensorsFile.Entry] = []
            for spec in LeNet5.parameterSpecs {
                let name = prefix + spec.name
                guard let entry = file.entry(named: name) else { missing.append(name); continue }
                if entry.shape != spec.shape { wrongShapes.append(TensorShapeMismatch(name: name, expected: spec.shape, found: entry.shape)) }
                if entry.dtype != .f32 { wrongTypes.append(TensorTypeMismatch(name: name, dtype: entry.dtype.rawValue)) }
                entries.append(entry)
            }
            found.append(entries)
        }
        guard missing.isEmpty && wrongShapes.isEmpty && wrongTypes.isEmpty else {
            throw CheckpointError.tensorsMismatch(path: file.path, missing: missing, wrongShapes: wrongShapes, wrongTypes: wrongTypes)
        }
        var sets: [String: LeNet5Parameters] = [:]
        for (prefix, entries) in zip(prefixes, found) {
            var tensors: [[Float]] = []
            for entry in entries {
                let values = try file.floats(entry)
                if let index = values.firstIndex(where: { !$0.isFinite }) {
                    throw CheckpointError.nonFinite(path: file.path, name: entry.name, index: index, value: values[index])
                }
                tensors.append(values)
            }
            sets[prefix] = LeNet5Parameters(tensors: tensors)
        }
        return sets
    }

    /// A non-negative integer metadata value, or nil when the key is absent.
    private static func integer(_ metadata: [String: String], _ key: String, path: String) throws -> Int? {
        guard let text = metadata[key] else { return nil }
        guard let value = Int(text), value >= 0 else { throw CheckpointError.badMetadata(path: path, key: key, value: text) }
        return value
    }
}
