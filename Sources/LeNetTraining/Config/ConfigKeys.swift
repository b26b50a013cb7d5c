import LeNetFormats
// MARK: - The file keys and how each is read

/// The keys of `config.json`, in the order the file and `jsonString()` list them.
enum ConfigKey: String, CaseIterable {
    case batchSize = "batch_size"
    case epochs
    case optimizer
    case learningRate = "learning_rate"
    case momentum
    case weightDecay = "weight_decay"
    case lrSchedule = "lr_schedule"
    case lrStepSize = "lr_step_size"
    case lrGamma = "lr_gamma"
    case seed
    case threads
    case checkpoint
    case limit
    case pace
    case mouse
    case labelSmoothing = "label_smoothing"
    case oneCyclePctStart = "one_cycle_pct_start"
    case oneCycleDivFactor = "one_cycle_div_factor"
    case oneCycleFinalDivFactor = "one_cycle_final_div_factor"
    case augmentShift = "augment_shift"
    case augmentRotation = "augment_rotation"
    case augmentScale = "augment_scale"
    case augmentShear = "augment_shear"
    case elasticAlpha = "elastic_alpha"
    case elasticSigma = "elastic_sigma"

    /// Every key name, in file order.
    static var names: [String] { allCases.map(\.rawValue) }

    /// Reads `value` into the matching property of `config`.
    /// - Throws: `ConfigError.wrongType`, `.outOfRange` or `.unknownName`, naming `source` and the key.
    func apply(_ value: JSONValue, to config: inout TrainingConfig, source: String) throws {
        let reader = ValueReader(source: source, key: rawValue, value: value)
        switch self {
        case .batchSize: config.batchSize = try reader.integer(ConfigRules.batchSize)
        case .epochs: config.epochs = try reader.integer(ConfigRules.epochs)
        case .optimizer: config.optimizer = try reader.name(OptimizerKind.self)
        case .learningRate: config.learningRate = try reader.number(ConfigRules.learningRate)
        case .momentum: config.momentum = try reader.number(ConfigRules.momentum)
        case .weightDecay: config.weightDecay = try reader.number(ConfigRules.weightDecay)
        case .lrSchedule: config.lrSchedule = try reader.name(LRSchedule.self)
        case .lrStepSize: config.lrStepSize = try reader.integer(ConfigRules.positiveInteger)
        case .lrGamma: config.lrGamma = try reader.number(ConfigRules.lrGamma)
        case .seed: config.seed = try reader.seed()
        case .threads: config.threads = try reader.integer(ConfigRules.nonNegativeInteger)
        case .checkpoint: config.checkpoint = try reader.string(ConfigRules.checkpoint)
        case .limit:
            if case .null = value { config.limit = nil } else {
                config.limit = try reader.integer(ConfigRules.positiveInteger, expected: "an integer or null")
            }
        case .pace:
            let perSecond = try reader.integer(ConfigRules.pace)
            config.pace = TrainingPace(batchesPerSecond: perSecond) ?? .fullSpeed  // allowed: checked above
        case .mouse: config.mouse = try reader.boolean()
        case .labelSmoothing: config.labelSmoothing = try reader.number(ConfigRules.labelSmoothing)
        case .oneCyclePctStart: config.oneCyclePctStart = try reader.number(ConfigRules.openUnitInterval)
        case .oneCycleDivFactor: config.oneCycleDivFactor = try reader.number(ConfigRules.divisionFactor)
        case .oneCycleFinalDivFactor: config.oneCycleFinalDivFactor = try reader.number(ConfigRules.divisionFactor)
        case .augmentShift: config.augmentation.shift = try reader.number(ConfigRules.range(0, 8))
        case .augmentRotation: config.augmentation.rotation = try reader.number(ConfigRules.range(0, 90))
        case .augmentScale: config.augmentation.scale = try reader.number(ConfigRules.range(0, 0.5))
        case .augmentShear: config.augmentation.shear = try reader.number(ConfigRules.range(0, 45))
        case .elasticAlpha: config.augmentation.elasticAlpha = try reader.number(ConfigRules.range(0, 100))
        case .elasticSigma: config.augmentation.elasticSigma = try reader.number(ConfigRules.range(0.5, 8))
        }
    }
}

/// Typed reading of one key's JSON value, with the error messages.
private struct ValueReader {
    let source: String
    let key: String
    let value: JSONValue

    func wrongType(_ expected: String) -> ConfigError {
        .wrongType(source: source, key: key, expected: expected, found: value.messageText)
    }

    func outOfRange(_ requirement: String, _ found: String) -> ConfigError {
        .outOfRange(source: source, key: key, requirement: requirement, found: found)
    }

    /// A whole number (`64`, `64.0`, `6.4e1`) that passes `check`.
    func integer(_ check: (Int) -> String?, expected: String = "an integer") throws -> Int {
        guard case .number(let lexeme) = value else { throw wrongType(expected) }
        switch JSONInteger<Int>(lexeme: lexeme) {
        case .value(let number):
            if let requirement = check(number) { throw outOfRange(requirement, lexeme) }
            return number
        case .notInteger:
            throw wrongType(expected)
        case .tooSmall:
            throw outOfRange(check(Int.min) ?? "at least \(Int.min)", lexeme)
        case .tooLarge:
            throw outOfRange("at most \(Int.max)", lexeme)
        }
    }

    /// Any number (booleans and numeric strings are not numbers) that passes `check`.
    func number(_ check: (Double) -> String?) throws -> Double {
        guard case .number(let lexeme) = value, let number = Double(lexeme) else { throw wrongType("a number") }
        if let requirement = check(number) { throw outOfRange(requirement, lexeme) }
        return number
    }

    /// `seed`: a whole number in 0 ... 2^64-1.
    func seed() throws -> UInt64 {
        guard case .number(let lexeme) = value else { throw wrongType("an integer") }
        switch JSONInteger<UInt64>(lexeme: lexeme) {
        case .value(let number): return number
        case .notInteger: throw wrongType("an integer")
        case .tooSmall: throw outOfRange("a non-negative integer", lexeme)
        case .tooLarge: throw outOfRange("at most \(UInt64.max)", lexeme)
        }
    }

    /// `true` or `false` (not 0 or 1, not a string).
    func boolean() throws -> Bool {
        guard case .bool(let flag) = value else { throw wrongType("true or false") }
        return flag
    }

    /// A string that passes `check`.
    func string(_ check: (String) -> String?) throws -> String {
        guard case .string(let text) = value else { throw wrongType("a string") }
        if let requirement = check(text) { throw outOfRange(requirement, TerminalText.quoted(text)) }
        return text
    }

    /// One of the raw values of `T` (exact spelling).
    func name<T: RawRepresentable & CaseIterable>(_: T.Type) throws -> T where T.RawValue == String {
        let allowed = T.allCases.map(\.rawValue)
        guard case .string(let text) = value else { throw wrongType("one of \(allowed.joined(separator: ", ")) (a string)") }
        guard let result = T(rawValue: text) else {
            throw ConfigError.unknownName(source: source, key: key, value: text, allowed: allowed)
        }
        return result
    }
}
