import LeNetTraining

// MARK: - The heatmap's lines under the matrix

extension Heatmap {
    /// A line under the matrix and its style.
    struct Line: Equatable {
        var text: String
        var style: Style
    }

    /// The lines under the matrix for `rows` rows of `width` columns, in order: the largest confusions (or
    /// the selected cell), the legend of class indices (Fashion-MNIST), what the recall column is, what the
    /// colours are. Room goes first to one largest-confusions line, then the whole legend, the recall note,
    /// up to two more confusion lines, the colour note.
    func bottomLines(_ m: ConfusionMatrix, width: Int, rows: Int, recallWidth: Int) -> [Line] {
        guard rows > 0, width > 0 else { return [] }
        var legend = labels.legend(width: width, form: .full)
        if legend.count > rows - 1 { legend = labels.legend(width: width, form: .short) }
        if legend.count > rows - 1 { legend = [] }
        var spare = rows - 1 - legend.count
        let recallNote = recallWidth >= 9 ? "recall % = correct / images in the row"
            : "rec% = recall: correct / images in the row"
        let showsRecallNote = recallWidth > 0 && spare > 0 && recallNote.count <= width
        if showsRecallNote { spare -= 1 }
        let mainRows = 1 + min(spare, 2)
        let main: [Line]
        if let s = selection, s.trueClass < m.classCount, s.predicted < m.classCount {
            main = selectionLines(m, cell: s, width: width, rows: mainRows).map { Line(text: $0, style: .accent.bolded) }
        } else {
            main = largestLines(m, width: width, rows: mainRows).map { Line(text: $0, style: .warn) }
        }
        spare -= main.count - 1
        var lines = main + legend.map { Line(text: $0, style: .dim) }
        if showsRecallNote { lines.append(Line(text: recallNote, style: .dim)) }
        let colourNote = (depth == .monochrome ? "shade" : "colour") + ": share of the row's images, log scale"
        if spare > 0 && colourNote.count <= width { lines.append(Line(text: colourNote, style: .dim)) }
        return lines
    }

    /// "true 9 → predicted 4: 13" with the classes as `form` names them.
    func confusionText(trueClass: Int, predicted: Int, _ form: ClassLabels.Form) -> String {
        "true \(labels.label(trueClass, form)) \(glyphs.arrow) predicted \(labels.label(predicted, form))"
    }

    /// The largest off-diagonal cells in at most `rows` lines of `width` columns:
    /// `largest: true 9 → predicted 4: 13 · true 7 → predicted 2: 9`, further entries on lines of their own
    /// under the first entry. Classes are named in the longest form with which the first line fits.
    func largestLines(_ m: ConfusionMatrix, width: Int, rows: Int) -> [String] {
        let top = m.topConfusions(limit: 4)
        guard !top.isEmpty else { return ["no confusions"] }
        let prefix = "largest: "
        let indent = String(repeating: " ", count: prefix.count)
        let form = ClassLabels.Form.allCases.first { form in
            prefix.count + confusionText(trueClass: top[0].trueClass, predicted: top[0].predicted, form).count
                + 2 + Format.grouped(top[0].count).count <= width
        } ?? .index
        let entries = top.map { "\(confusionText(trueClass: $0.trueClass, predicted: $0.predicted, form)): \(Format.grouped($0.count))" }
        var lines = [prefix + entries[0]]
        for entry in entries.dropFirst() {
            let joined = lines[lines.count - 1] + glyphs.separator + entry
            if joined.count <= width {
                lines[lines.count - 1] = joined
            } else if lines.count < rows && indent.count + entry.count <= width {
                lines.append(indent + entry)
            } else {
                break
            }
        }
        return lines
    }

    /// The selected cell in at most `rows` lines: "true 9 → predicted 4: 13 images · Enter browses" (without
    /// the offer while the browser is open), with the exact count; for an empty cell "true 3 → predicted 5:
    /// no test images" (nothing to browse).
    /// Shortened by design (class names, then "images"), wrapped at spaces only as a last resort.
    func selectionLines(_ m: ConfusionMatrix, cell: ConfusionCell, width: Int, rows: Int) -> [String] {
        let count = m[cell.trueClass, cell.predicted]
        func variants(_ form: ClassLabels.Form) -> [String] {
            let what = confusionText(trueClass: cell.trueClass, predicted: cell.predicted, form)
            guard count > 0 else { return ["\(what): no test images", "\(what): none"] }
            let images = "\(Format.grouped(count)) \(count == 1 ? "image" : "images")"
            guard offersBrowsing else { return ["\(what): \(images)", "\(what): \(Format.grouped(count))"] }
            return ["\(what): \(images)\(glyphs.separator)Enter browses", "\(what): \(Format.grouped(count))\(glyphs.separator)Enter browses"]
        }
        for form in ClassLabels.Form.allCases {
            if let fitting = variants(form).first(where: { $0.count <= width }) { return [fitting] }
        }
        return Array(WordWrap.lines(variants(.index)[0], width: width).prefix(max(1, rows)))
    }
}
