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

    /// A checkpoint of `parameters` after `epoch` epochs, with what resuming needs when given.
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

    // MARK: Helpers

    static func namedTensors(_ parameters: LeNet5Parameters, prefix: String) -> [NamedTensor] {
        zip(LeNet5.parameterSpecs, parameters.tensors).map {
            NamedTensor(name: prefix + $0.name, shape: $0.shape, values: $1)
        }
    }
}
