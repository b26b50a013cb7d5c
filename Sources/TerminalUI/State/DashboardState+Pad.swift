import LeNetTraining

// MARK: - Panels and the pad's model

/// Which panel has the keys; on terminals too narrow for the side panel it is also the one on screen.
public enum Focus: Sendable, Equatable, CaseIterable {
    /// Sparklines and the epoch log (keys: pause, scroll...).
    case training
    /// The confusion-matrix heatmap.
    case heatmap
    /// The draw pad: arrows, h/j/k/l, space, x, [, ], c and v go to the pad.
    case pad
}

/// Where the pad's weights come from.
public enum PadModelSource: Sendable, Equatable, Hashable {
    /// The weights being trained (a consistent snapshot between mini-batches).
    case training
    /// A checkpoint loaded at start (the shipped pretrained one, or `--checkpoint`).
    case checkpoint(name: String)
}

/// What the network made of the pad's drawing.
public struct PadReading: Sendable, Equatable {
    /// The 28x28 image the network saw (MNIST-style preprocessing of the drawing).
    public var input: PreprocessedDigit
    /// Softmax probabilities of the classes; `nil` when the model had no weights to offer.
    public var probabilities: [Float]?
    /// The model that read it.
    public var source: PadModelSource?
    /// Where in training the weights that read it were taken (`nil` for a checkpoint's fixed weights).
    public var position: TrainingPosition?

    public init(input: PreprocessedDigit, probabilities: [Float]?, source: PadModelSource?,
                position: TrainingPosition? = nil) {
        self.input = input
        self.probabilities = probabilities
        self.source = source
        self.position = position
    }

    /// The most probable class (ties: the lowest), when there are probabilities.
    public var predicted: Int? { probabilities.map(DigitPredictor.argmax) }

    /// `prediction: 7 (98.2%)`, for named classes `prediction: 6 Shirt (80.1%)` (`ClassLabels`), or `nil`
    /// without probabilities.
    public func line(classNames: [String]) -> String? {
        guard let p = probabilities, let c = predicted else { return nil }
        return "prediction: \(ClassLabels(classNames).label(c, .full)) (\(Format.percent(Double(p[c]), digits: 1)))"
    }
}

extension DashboardState {
    /// Whether the pad has the keys.
    public var padOpen: Bool { focus == .pad }

    /// The model the pad uses now: the user's choice (m) when available; else a loaded checkpoint until the
    /// first epoch of training is done (so the pad reads digits well from the first launch), then the
    /// weights being trained. While the network view is open, and once a single step (`.`) ran, the
    /// automatic choice is the weights being trained from the start, so the view and the pad show the
    /// live network.
    public var padSource: PadModelSource? {
        if let choice = padSourceChoice, padSources.contains(choice) { return choice }
        let checkpoint = padSources.first { if case .checkpoint = $0 { return true } else { return false } }
        if padSources.contains(.training) && (checkpoint == nil || !epochs.isEmpty || networkViewOpen || hasStepped) {
            return .training
        }
        return checkpoint ?? padSources.first
    }

    /// Which weights the pad reads with, for its title: "pretrained", "training weights, epoch 3,
    /// mini-batch 561 of 938".
    public var padSourceLabel: String { padSourceLabels[0] }

    /// `padSourceLabel` and shorter forms of it for narrow titles, longest first.
    public var padSourceLabels: [String] { padSource.map(sourceLabels) ?? ["no model"] }

    /// Where in training the weights being trained are, as far as the events tell: the last mini-batch
    /// reported, or the last finished epoch (the run's first epoch - 1 before any).
    public var trainingPosition: TrainingPosition {
        if let p = progress, epochs.last?.epoch != p.epoch {
            return TrainingPosition(completedEpochs: p.epoch - 1, batch: p.batch, batchesPerEpoch: p.batchesPerEpoch)
        }
        let done = epochs.last?.epoch ?? (plan.map { $0.firstEpoch - 1 } ?? 0)
        return TrainingPosition(completedEpochs: done, batch: 0, batchesPerEpoch: plan?.batchesPerEpoch ?? 0)
    }

    /// A short description of a model: its checkpoint's name, or the training weights and their position.
    func sourceLabel(_ source: PadModelSource) -> String { sourceLabels(source)[0] }

    /// A model's description, longest first: the training weights at the position of the snapshot the
    /// pad's reading used (the position the events report before any reading), or the checkpoint's name.
    func sourceLabels(_ source: PadModelSource) -> [String] {
        switch source {
        case .training:
            let read = padReading?.source == .training ? padReading?.position : nil
            let words = (read ?? trainingPosition).descriptions
            let shortest = words[words.count - 1]
            return words.map { "training weights, " + $0 } + ["training, " + shortest, shortest]
        case .checkpoint(let name): return [name]
        }
    }

    /// Re-reads the drawing: preprocesses it and asks `classify` for probabilities with the current source.
    /// - Parameter classify: (source, 784 preprocessed bytes) -> ten probabilities, or `nil` without weights.
    public mutating func refreshPad(classify: (PadModelSource, [UInt8]) -> [Float]?) {
        refreshPad(read: { source, pixels in classify(source, pixels).map { ($0, nil) } })
    }

    /// Re-reads the drawing with the current source; `read` also says where in training the weights it
    /// used were taken (`DigitPredictor.read`), which the pad's title then shows.
    /// - Parameter read: (source, 784 preprocessed bytes) -> ten probabilities and the weights' position
    ///   (`nil` for fixed weights), or `nil` without weights.
    public mutating func refreshPad(read: (PadModelSource, [UInt8]) -> (probabilities: [Float], position: TrainingPosition?)?) {
        guard let input = MNISTPreprocessing.preprocess(pad.sketch) else {
            padReading = nil
            return
        }
        let source = padSource
        let reading = source.flatMap { read($0, input.pixels) }
        padReading = PadReading(input: input, probabilities: reading?.probabilities, source: source,
                                position: reading?.position)
    }

    /// Switches the pad to the next available model (m).
    mutating func cyclePadSource() -> Bool {
        guard padSources.count > 1, let current = padSource,
              let index = padSources.firstIndex(of: current) else { return false }
        padSourceChoice = padSources[(index + 1) % padSources.count]
        return true
    }
}
