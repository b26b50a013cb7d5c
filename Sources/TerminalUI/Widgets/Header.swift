// MARK: - Header line

/// The top line: title on the left, run facts right-aligned, with the learning rate in force (the
/// schedule's value for the epoch × the live multiplier of `+` / `-`, named when it is not 1) and the
/// pace when it is not full speed (`<` / `>`):
/// `lenet-tui · LeNet-5 on MNIST   epoch 3/10  running  lr 0.000976  12,345 img/s  elapsed 01:23  ETA 02:10`,
/// `... running  lr 0.00195 (x2)  pace 2/s  engine 12,345 img/s  elapsed 01:23 ...`.
/// `elapsed` is the run's wall-clock time (`DashboardState.runSeconds`: pace waits in, pauses and Ctrl-Z
/// out); img/s is the trainer's, training time only, so under a pace it is named the engine's speed.
///
/// When the line does not fit, it degrades step by step: short title, no title (every number keeps its
/// label: at 80 columns `epoch 2/30  running  lr 0.000997  34,752 img/s  elapsed 00:05  ETA 00:08`), no
/// throughput, elapsed and the pace without their labels, only epoch and status.
public struct Header: Sendable {
    public var state: DashboardState
    public var glyphs: GlyphSet

    public init(state: DashboardState, glyphs: GlyphSet) {
        self.state = state
        self.glyphs = glyphs
    }

    /// A run of text and its style.
    typealias Segment = (text: String, style: Style)

    /// The style of the status word.
    static func statusStyle(_ state: DashboardState) -> Style {
        switch state.phase {
        case .waiting: return .dim
        case .finished(let completed): return completed ? .good.bolded : .warn
        case .failed: return .error
        case .running:
            if state.isPaused || state.pendingPause != nil { return .warn }
            return .good.bolded
        }
    }

    /// The right-hand fields, full or compact.
    func fields(compact: Bool, throughput: Bool) -> [Segment] {
        var out: [Segment] = []
        if state.padOnly { return [(state.padSourceLabel, .dim)] }
        if let epoch = state.currentEpoch {
            out.append(("epoch \(epoch)/\(state.totalEpochs.map(String.init) ?? "?")", .plain))
        }
        out.append((state.statusWord, Self.statusStyle(state)))
        if let rate = Self.effectiveRate(state) {
            let multiplier = state.learningRateMultiplier
            let named = multiplier == .one ? "" : " (\(multiplier.change(from: .one)))"
            out.append(("lr \(Self.learningRate(rate))" + named, multiplier == .one ? .plain : .accent))
        }
        if !state.pace.isFullSpeed {
            out.append(((compact ? "" : "pace ") + state.pace.description, .accent))
        }
        if throughput, let p = state.progress {
            let engine = state.pace.isFullSpeed ? "" : "engine "
            out.append(("\(engine)\(Format.rate(p.imagesPerSecond)) img/s", .plain))
        }
        let elapsed = Format.duration(state.runSeconds)
        out.append((compact ? elapsed : "elapsed \(elapsed)", .plain))
        out.append(("ETA \(Format.duration(state.etaSeconds))", .plain))
        return out
    }

    /// The rate the next mini-batch uses: the schedule's rate of the latest mini-batch's epoch (its
    /// reported rate ÷ its multiplier, exact for powers of two) × the control's multiplier now, so `+`
    /// shows at once, also while paused; `nil` before a mini-batch reported a rate (0: a source that
    /// does not report one).
    static func effectiveRate(_ state: DashboardState) -> Double? {
        guard let p = state.progress, p.learningRate > 0 else { return nil }
        return p.learningRate / p.learningRateMultiplier.value * state.learningRateMultiplier.value
    }

    /// A learning rate with three significant digits, as PyTorch prints it: `0.001`, `0.000976`, `2.45e-05`.
    static func learningRate(_ value: Double) -> String {
        guard value.isFinite else { return Format.fixed(value, digits: 0) }
        return String(format: "%.3g", value)
    }

    /// Candidate (title, fields) pairs, best first.
    func candidates() -> [(title: String, fields: [Segment])] {
        let full = glyphs.text(state.title), short = glyphs.text(state.shortTitle)
        let minimal: [Segment] = Array(fields(compact: true, throughput: false).prefix(2))
        return [
            (full, fields(compact: false, throughput: true)),
            (short, fields(compact: false, throughput: true)),
            ("", fields(compact: false, throughput: true)),
            ("", fields(compact: false, throughput: false)),
            (short, fields(compact: true, throughput: true)),
            (short, fields(compact: true, throughput: false)),
            ("", fields(compact: true, throughput: false)),
            ("", minimal),
        ]
    }

    public func render(into buffer: inout CellBuffer, area: Rect) {
        guard !area.isEmpty else { return }
        let gap = 2
        let all = candidates()
        let chosen = all.first { c in
            let fieldsWidth = c.fields.map(\.text.count).reduce(0, +) + gap * max(0, c.fields.count - 1)
            return (c.title.isEmpty ? 0 : c.title.count + gap) + fieldsWidth <= area.width
        } ?? all[all.count - 1]
        buffer.fill(area.row(0))
        buffer.write(chosen.title, at: area.x, area.y, style: .title, clippedTo: area.width)
        let fieldsWidth = chosen.fields.map(\.text.count).reduce(0, +) + gap * max(0, chosen.fields.count - 1)
        var x = max(area.x, area.maxX - fieldsWidth)
        for (i, field) in chosen.fields.enumerated() {
            if i > 0 { x += gap }
            x += buffer.write(field.text, at: x, area.y, style: field.style, clippedTo: area.maxX - x)
        }
    }
}

// MARK: - Details line

/// The configuration summary under the header, dim: the caller's details, or facts from the plan.
public struct DetailsLine: Sendable {
    public var state: DashboardState
    public var glyphs: GlyphSet

    public init(state: DashboardState, glyphs: GlyphSet) {
        self.state = state
        self.glyphs = glyphs
    }

    /// The parts shown, joined by the glyph set's separator.
    public var parts: [String] { parts(imagesForm: 0) }

    /// The parts with the image counts in one of their forms: 0 "60,000 train / 10,000 test images",
    /// 1 "60,000 train / 10,000 test", 2 "60,000 / 10,000 images".
    func parts(imagesForm: Int) -> [String] {
        var parts = state.details
        if let plan = state.plan {
            let train = Format.grouped(plan.trainImages), test = Format.grouped(plan.testImages)
            parts.append(["\(train) train / \(test) test images", "\(train) train / \(test) test",
                          "\(train) / \(test) images"][min(2, max(0, imagesForm))])
            if state.details.isEmpty { parts.append("batch \(plan.batchSize)") }
        }
        return parts
    }

    /// The line for `width` columns: every part with the image counts as long as fits, else whole parts
    /// left out from the end (never cut mid-word).
    public func text(width: Int) -> String {
        for form in 0...2 {
            let text = glyphs.text(parts(imagesForm: form).joined(separator: glyphs.separator))
            if text.count <= width { return text }
        }
        return Format.parts(parts.map(glyphs.text), separator: glyphs.separator, fitting: width)
    }

    public func render(into buffer: inout CellBuffer, area: Rect) {
        guard !area.isEmpty else { return }
        buffer.write(text(width: area.width), in: area.row(0), style: .dim)
    }
}
