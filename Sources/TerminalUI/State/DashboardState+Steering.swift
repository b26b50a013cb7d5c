import LeNetTraining

// MARK: - Steering the run from the dashboard
//
// The keys `+ - < > . r` ask the trainer's `TrainingControl` for a new learning-rate multiplier, a new
// pace, a single step or a rewind. The reducer decides whether a key applies now and returns the request
// (`KeyAction.steer`); the dashboard carries it out on the control and reads the control's multiplier and
// pace back (`noteControl`), so the header always shows what the trainer will use next.

/// A request to the trainer's `TrainingControl` made by a steering key (or by y to the rewind question).
public enum SteeringRequest: Sendable, Equatable {
    /// `+`: the learning rate ×2 from the next mini-batch (`TrainingControl.doubleLearningRate()`).
    case doubleLearningRate
    /// `-`: the learning rate ÷2 from the next mini-batch (`halveLearningRate()`).
    case halveLearningRate
    /// `<`: one pace slower (`slowDown()`).
    case slowDown
    /// `>`: one pace faster (`speedUp()`).
    case speedUp
    /// `.` while paused: exactly one mini-batch, then paused again (`step()`).
    case step
    /// `r`, confirmed with y: epoch 1 again with the same seed (`rewind()`).
    case rewind
}

/// A line of the epoch log between the epochs: a learning-rate change or a rewind, in the trainer's words.
public struct LogNote: Sendable, Equatable {
    /// How many of the log's epochs come before it.
    public var afterEpochs: Int
    /// Its text, longest first: the event's own text, then shorter forms for narrow logs.
    public var forms: [String]

    public init(afterEpochs: Int, forms: [String]) {
        self.afterEpochs = afterEpochs
        self.forms = forms
    }

    /// `lr x2 -> 0.002 at epoch 3, batch 120` (`LearningRateChange.description`), shortened to
    /// `lr x2 -> 0.002`.
    public init(change: LearningRateChange, afterEpochs: Int) {
        self.init(afterEpochs: afterEpochs, forms: [change.description, change.rateChange])
    }

    /// `rewound at epoch 3, batch 120: from epoch 1 again, seed 1 (lr x2 kept)` (`Rewind.description`),
    /// shortened by whole parts down to `rewound to epoch 1`; it opens the rewound run's log.
    public init(rewind: Rewind) {
        let at = rewind.position
        self.init(afterEpochs: 0, forms: [rewind.description, at + ": epoch 1 again" + rewind.keptNote,
                                          at + ": epoch 1 again", at, "rewound to epoch 1"])
    }
}

extension DashboardState {
    /// Whether the steering keys act: a training run still going (not `lenet-tui draw`).
    public var canSteer: Bool { phase.isActive && !padOnly }

    /// What the steering key of `request` does now. `.` while running only says to pause first; `r`
    /// asks before rewinding (`answerRewind`); the rest go to the trainer at once.
    mutating func steer(_ request: SteeringRequest) -> KeyAction {
        guard canSteer else {
            // After the run the keys have nothing to steer: say so rather than ignore them silently.
            guard !padOnly, !phase.isActive else { return .none }
            steeringNote = "the run is over: + - < > . r steer a run while it trains; quit and start again to replay"
            return .redraw
        }
        switch request {
        case .step:
            guard pendingPause ?? isPaused else {
                steeringNote = "pause first (p): . then runs one mini-batch at a time"
                return .redraw
            }
            return .steer(.step)
        case .rewind:
            confirmingRewind = true
            return .redraw
        case .doubleLearningRate, .halveLearningRate, .slowDown, .speedUp:
            return .steer(request)
        }
    }

    /// A key while the rewind question is open: y rewinds, n, Esc or r again keep the run; other keys do
    /// nothing.
    mutating func answerRewind(_ key: Key) -> KeyAction {
        switch key {
        case .character("y"), .character("Y"):
            confirmingRewind = false
            return canSteer ? .steer(.rewind) : .redraw
        case .character("n"), .character("N"), .escape, .character("r"), .character("R"):
            confirmingRewind = false
            return .redraw
        default:
            return .none
        }
    }

    /// The rewind question, longest first; the status line shows the first that fits, so the answers
    /// always show.
    public var rewindPrompts: [String] {
        let answers = "y rewind  n stay"
        return [
            "rewind to epoch 1? the same initial weights and shuffles again, lr and pace kept — \(answers)",
            "rewind to epoch 1 with the same seed? — \(answers)",
            "rewind to epoch 1? — \(answers)",
            "rewind? \(answers)",
        ]
    }

    /// Records the multiplier and pace the trainer's control holds now (after a steering key, and on every
    /// pass of the dashboard's loop, so `--pace` and a resumed multiplier show too).
    /// - Returns: whether either changed.
    @discardableResult
    public mutating func noteControl(multiplier: LearningRateMultiplier, pace: TrainingPace) -> Bool {
        guard multiplier != learningRateMultiplier || pace != self.pace else { return false }
        learningRateMultiplier = multiplier
        self.pace = pace
        return true
    }

    /// Adds a line to the epoch log; a log scrolled up keeps its lines in view.
    mutating func addLogNote(_ note: LogNote) {
        logNotes.append(note)
        if logScroll > 0 { logScroll += 1 }
    }

    /// `.rewound`: a new run from epoch 1. The series, the epoch log and the heatmap start again (the log
    /// with the rewind's line); the settings stay (focus, chart scope, pad, network view, the pad's model
    /// choice), the multiplier and pace are the ones the rewound run keeps.
    mutating func startOver(_ rewind: Rewind) {
        plan = rewind.plan
        progress = nil
        chartHistory = ChartHistory(recentCapacity: Self.historyCapacity)
        sampler = BatchSampler(plan: rewind.plan)
        epochs = []
        logNotes = [LogNote(rewind: rewind)]
        logScroll = 0
        endBrowsing()  // the selected cell and its images belong to the old run's matrix
        batchesSinceCheckpoint = 0
        (checkpointEpoch, savedPosition) = (nil, nil)  // the rewound run has saved nothing yet
        runNanoseconds = 0
        hasStepped = false
        confirmingRewind = false
        learningRateMultiplier = rewind.multiplier
        pace = rewind.pace
    }
}
