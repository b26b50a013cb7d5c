import LeNetFormats

// MARK: - The configuration as JSON, in file-key form (stored as checkpoint metadata)

extension TrainingConfig {
    /// The configuration as a JSON document with the `config.json` keys in file order, `limit` included
    /// (null when unset). `ConfigLoader.parse` reads it back to an equal configuration.
    /// - Parameter pretty: two-space indentation and one key per line (the layout of `config.json`);
    ///   otherwise compact on one line.
    public func jsonString(pretty: Bool = false) -> String {
        jsonValue.serialized(pretty: pretty)
    }

    /// One key's value before it becomes JSON.
    private enum FileValue {
        case int(Int), uint(UInt64), double(Double), string(String), bool(Bool), null
    }

    /// Every key with its value, in file order.
    private var fileValues: [(ConfigKey, FileValue)] {
        ConfigKey.allCases.map { key in
            switch key {
            case .batchSize: return (key, .int(batchSize))
            case .epochs: return (key, .int(epochs))
            case .optimizer: return (key, .string(optimizer.rawValue))
            case .learningRate: return (key, .double(learningRate))
            case .momentum: return (key, .double(momentum))
            case .weightDecay: return (key, .double(weightDecay))
            case .lrSchedule: return (key, .string(lrSchedule.rawValue))
            case .lrStepSize: return (key, .int(lrStepSize))
            case .lrGamma: return (key, .double(lrGamma))
            case .seed: return (key, .uint(seed))
            case .threads: return (key, .int(threads))
            case .checkpoint: return (key, .string(checkpoint))
            case .limit: return (key, limit.map { .int($0) } ?? .null)
            case .pace: return (key, .int(pace.batchesPerSecond))
            case .mouse: return (key, .bool(mouse))
            case .labelSmoothing: return (key, .double(labelSmoothing))
            case .oneCyclePctStart: return (key, .double(oneCyclePctStart))
            case .oneCycleDivFactor: return (key, .double(oneCycleDivFactor))
            case .oneCycleFinalDivFactor: return (key, .double(oneCycleFinalDivFactor))
            case .augmentShift: return (key, .double(augmentation.shift))
            case .augmentRotation: return (key, .double(augmentation.rotation))
            case .augmentScale: return (key, .double(augmentation.scale))
            case .augmentShear: return (key, .double(augmentation.shear))
            case .elasticAlpha: return (key, .double(augmentation.elasticAlpha))
            case .elasticSigma: return (key, .double(augmentation.elasticSigma))
            }
        }
    }

    /// The document model behind `jsonString`. Doubles use Swift's shortest round-trip spelling
    /// (`0.001`, `1e-05`), which is valid JSON; non-finite values (only possible from an unchecked `init`)
    /// become null.
    public var jsonValue: JSONValue {
        .object(fileValues.map { key, value in
            let json: JSONValue
            switch value {
            case .int(let number): json = .int(number)
            case .uint(let number): json = .int(number)
            case .double(let number): json = number.isFinite ? .number("\(number)") : .null
            case .string(let text): json = .string(text)
            case .bool(let flag): json = .bool(flag)
            case .null: json = .null
            }
            return (key.rawValue, json)
        })
    }
}
