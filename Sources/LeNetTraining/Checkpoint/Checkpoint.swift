import Foundation
import LeNetEngine
import LeNetFormats

// MARK: - LeNet-5 checkpoint
//
// A safetensors file whose tensors are PyTorch's state_dict of the reference module (c1.weight … output.bias,
// PyTorch layouts), so `torch`'s `safetensors.torch.load_file` + `load_state_dict` read it directly. Optimizer
// state rides along as extra tensors named after PyTorch's optimizer state keys
// (`optimizer.exp_avg.<param>`, `optimizer.exp_avg_sq.<param>`, `optimizer.momentum_buffer.<param>`), which
// PyTorch loaders that filter on the module's keys ignore. Metadata (strings): format, format_version,
// epoch, optimizer, adam_step, rng_state, config (the effective config as JSON).

/// Optimizer state saved with a checkpoint so training can resume exactly.
public enum OptimizerSnapshot: Sendable, Equatable {
    /// Adam: step count and first/second moment estimates (`exp_avg`, `exp_avg_sq`).
    case adam(step: Int, firstMoments: LeNet5Parameters, secondMoments: LeNet5Parameters)
    /// SGD: momentum buffers (nil before the first step or without momentum).
    case sgd(momentumBuffers: LeNet5Parameters?)
}

/// Errors loading a checkpoint; each description is one line naming the file and, where it applies, the tensor.
public enum CheckpointError: Error, CustomStringConvertible, Equatable {
    case missingTensor(path: String, name: String)
    case wrongShape(path: String, name: String, expected: [Int], found: [Int])
    case badMetadata(path: String, key: String, value: String)
    case notFound(path: String)

    public var description: String {
        switch self {
        case let .missingTensor(path, name):
            return "\(path): checkpoint has no tensor \"\(name)\""
        case let .wrongShape(path, name, expected, found):
            return "\(path): tensor \"\(name)\" has shape \(found), expected \(expected)"
        case let .badMetadata(path, key, value):
            return "\(path): metadata \"\(key)\" has an invalid value \"\(value)\""
        case let .notFound(path):
            return "\(path): no such checkpoint file"
        }
    }
}

/// A LeNet-5 checkpoint: weights, and optionally what resuming needs.
public struct Checkpoint: Sendable, Equatable {
    /// Checkpoint format version written into the metadata.
    public static let formatVersion = 1
    /// Network parameters, PyTorch layouts.
    public var parameters: LeNet5Parameters
    /// Last completed epoch (0 for an untrained network).
    public var epoch: Int
    /// Optimizer state, when saved by the trainer.
    public var optimizer: OptimizerSnapshot?
    /// State of the shuffling RNG after `epoch`, when saved by the trainer.
    public var rngState: UInt64?
    /// The effective training config as JSON text, when saved by the trainer.
    public var configJSON: String?
    /// Other string metadata (e.g. test accuracy), carried through unchanged.
    public var extraMetadata: [String: String]

    public init(parameters: LeNet5Parameters, epoch: Int, optimizer: OptimizerSnapshot? = nil,
                rngState: UInt64? = nil, configJSON: String? = nil, extraMetadata: [String: String] = [:]) {
        self.parameters = parameters
        self.epoch = epoch
        self.optimizer = optimizer
        self.rngState = rngState
        self.configJSON = configJSON
        self.extraMetadata = extraMetadata
    }

    // MARK: Writing

    /// The safetensors bytes of this checkpoint.
    public func encoded() -> [UInt8] {
        var tensors = Self.namedTensors(parameters, prefix: "")
        var metadata = extraMetadata
        metadata["format"] = "lenet-tui"
        metadata["format_version"] = String(Self.formatVersion)
        metadata["epoch"] = String(epoch)
        if let rngState { metadata["rng_state"] = String(rngState) }
        if let configJSON { metadata["config"] = configJSON }
        switch optimizer {
        case let .adam(step, m, v):
            metadata["optimizer"] = "adam"
            metadata["adam_step"] = String(step)
            tensors += Self.namedTensors(m, prefix: "optimizer.exp_avg.")
            tensors += Self.namedTensors(v, prefix: "optimizer.exp_avg_sq.")
        case let .sgd(buffers):
            metadata["optimizer"] = "sgd"
            if let buffers { tensors += Self.namedTensors(buffers, prefix: "optimizer.momentum_buffer.") }
        case nil:
            break
        }
        return SafeTensors.encode(tensors, metadata: metadata)
    }

    /// Writes the checkpoint atomically (temporary file, fsync, rename).
    /// - Throws: `FileWriteError` naming the path.
    public func write(to path: String) throws {
        try AtomicFile.write(encoded(), to: path)
    }

    // MARK: Reading

    /// Reads and validates a checkpoint: every parameter must be present with PyTorch's shape.
    /// - Throws: `CheckpointError` or `SafeTensorsError`, one line naming the file (and tensor).
    public static func read(from path: String) throws -> Checkpoint {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CheckpointError.notFound(path: path)
        }
        guard !isDirectory.boolValue else {
            throw SafeTensorsError.unreadable(path: path, reason: "is a directory")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SafeTensorsError.unreadable(path: path, reason: "permission denied or I/O error")
        }
        return try decode([UInt8](data), path: path)
    }

    /// Decodes checkpoint bytes; `path` only labels errors.
    public static func decode(_ bytes: [UInt8], path: String) throws -> Checkpoint {
        let (tensors, metadata) = try SafeTensors.decode(bytes, path: path)
        let byName = Dictionary(tensors.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let parameters = try parameterSet(byName, prefix: "", path: path, required: true)!
        let epoch = try integer(metadata, "epoch", path: path) ?? 0
        var optimizer: OptimizerSnapshot?
        switch metadata["optimizer"] {
        case "adam":
            if let m = try parameterSet(byName, prefix: "optimizer.exp_avg.", path: path, required: false),
               let v = try parameterSet(byName, prefix: "optimizer.exp_avg_sq.", path: path, required: true) {
                optimizer = .adam(step: try integer(metadata, "adam_step", path: path) ?? 0,
                                  firstMoments: m, secondMoments: v)
            }
        case "sgd":
            optimizer = .sgd(momentumBuffers: try parameterSet(byName, prefix: "optimizer.momentum_buffer.",
                                                                path: path, required: false))
        default:
            optimizer = nil
        }
        var rngState: UInt64?
        if let text = metadata["rng_state"] {
            guard let value = UInt64(text) else { throw CheckpointError.badMetadata(path: path, key: "rng_state", value: text) }
            rngState = value
        }
        let known: Set<String> = ["format", "format_version", "epoch", "optimizer", "adam_step", "rng_state", "config"]
        return Checkpoint(parameters: parameters, epoch: epoch, optimizer: optimizer, rngState: rngState,
                          configJSON: metadata["config"],
                          extraMetadata: metadata.filter { !known.contains($0.key) })
    }

    // MARK: Helpers

    private static func namedTensors(_ parameters: LeNet5Parameters, prefix: String) -> [NamedTensor] {
        zip(LeNet5.parameterSpecs, parameters.tensors).map {
            NamedTensor(name: prefix + $0.name, shape: $0.shape, values: $1)
        }
    }

    /// The ten tensors under `prefix`; nil when `required` is false and the first one is absent.
    private static func parameterSet(_ byName: [String: NamedTensor], prefix: String, path: String,
                                     required: Bool) throws -> LeNet5Parameters? {
        if !required && byName[prefix + LeNet5.parameterSpecs[0].name] == nil { return nil }
        var values: [[Float]] = []
        for spec in LeNet5.parameterSpecs {
            let name = prefix + spec.name
            guard let tensor = byName[name] else { throw CheckpointError.missingTensor(path: path, name: name) }
            guard tensor.shape == spec.shape else {
                throw CheckpointError.wrongShape(path: path, name: name, expected: spec.shape, found: tensor.shape)
            }
            values.append(tensor.values)
        }
        return LeNet5Parameters(tensors: values)
    }

    private static func integer(_ metadata: [String: String], _ key: String, path: String) throws -> Int? {
        guard let text = metadata[key] else { return nil }
        guard let value = Int(text), value >= 0 else { throw CheckpointError.badMetadata(path: path, key: key, value: text) }
        return value
    }
}
