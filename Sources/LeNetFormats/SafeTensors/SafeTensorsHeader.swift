// MARK: - The JSON header of a safetensors file

/// The validated content of a safetensors header (see `SafeTensorsFile` for the rules).
struct SafeTensorsHeader {
    /// Tensor entries in data-offset order.
    var entries: [SafeTensorsFile.Entry] = []
    /// `__metadata__`.
    var metadata: [String: String] = [:]

    /// Parses and validates the header JSON against a data section of `dataLength` bytes.
    init(_ json: [UInt8], dataLength: Int, path: String) throws(SafeTensorsError) {
        func bad(_ reason: String) -> SafeTensorsError { .badHeader(path: path, reason: reason) }
        let document: JSONValue
        do { document = try JSONParser.parse(json) } catch {
            throw bad("the header is not valid JSON (line \(error.line), column \(error.column): \(error.message))")
        }
        guard let members = document.objectMembers else {
            throw bad("the header is \(document.kindName), expected a JSON object")
        }
        var names: Set<String> = []
        for (name, value) in members {
            guard names.insert(name).inserted else { throw SafeTensorsError.duplicateName(path: path, name: name) }
            if name == "__metadata__" {
                metadata = try Self.metadata(value, path: path)
            } else {
                entries.append(try Self.entry(name, value, dataLength: dataLength, path: path))
            }
        }
        entries.sort { ($0.dataOffsets.lowerBound, $0.dataOffsets.upperBound) < ($1.dataOffsets.lowerBound, $1.dataOffsets.upperBound) }
        // Contiguous from 0, no overlap, no gap (the reference's `validate`).
        var end = 0
        var previous: String?
        for entry in entries {
            let offsets = "data_offsets [\(entry.dataOffsets.lowerBound), \(entry.dataOffsets.upperBound)]"
            if entry.dataOffsets.lowerBound < end {
                throw SafeTensorsError.badTensor(path: path, name: entry.name,
                    reason: "\(offsets) overlap tensor \(TerminalText.quoted(previous ?? "")), which ends at \(end)")
            }
            if entry.dataOffsets.lowerBound > end {
                throw SafeTensorsError.badTensor(path: path, name: entry.name,
                    reason: "\(offsets) leave a gap: the previous tensor ends at \(end)")
            }
            end = entry.dataOffsets.upperBound
            previous = entry.name
        }
        guard end == dataLength else {
            throw SafeTensorsError.unusedData(path: path, covered: end, dataLength: dataLength)
        }
    }

    /// `__metadata__`: an object of strings, no key twice.
    private static func metadata(_ value: JSONValue, path: String) throws(SafeTensorsError) -> [String: String] {
        guard let members = value.objectMembers else {
            throw SafeTensorsError.badHeader(path: path, reason: "__metadata__ is \(value.kindName), expected an object of strings")
        }
        var map: [String: String] = [:]
        for (key, item) in members {
            guard let text = item.stringValue else {
                throw SafeTensorsError.badHeader(path: path,
                    reason: "__metadata__ key \(TerminalText.quoted(key)) is \(item.kindName), expected a string")
            }
            guard map.updateValue(text, forKey: key) == nil else {
                throw SafeTensorsError.duplicateName(path: path, name: "__metadata__." + key)
            }
        }
        return map
    }

    /// One tensor entry: exactly the keys dtype, shape and data_offsets, checked with overflow-safe sizes.
    private static func entry(_ name: String, _ value: JSONValue, dataLength: Int,
                              path: String) throws(SafeTensorsError) -> SafeTensorsFile.Entry {
        func bad(_ reason: String) -> SafeTensorsError { .badTensor(path: path, name: name, reason: reason) }
        guard let members = value.objectMembers else { throw bad("the entry is \(value.kindName), expected an object") }
        var fields: [String: JSONValue] = [:]
        for (key, item) in members {
            guard ["dtype", "shape", "data_offsets"].contains(key) else {
                throw bad("unexpected key \(TerminalText.quoted(key)) (expected dtype, shape and data_offsets)")
            }
            guard fields.updateValue(item, forKey: key) == nil else { throw bad("key \"\(key)\" appears twice") }
        }
        guard let dtypeValue = fields["dtype"] else { throw bad("no dtype") }
        guard let dtypeName = dtypeValue.stringValue else { throw bad("dtype is \(dtypeValue.kindName), expected a string") }
        guard let dtype = SafeTensorsDType(rawValue: dtypeName) else {
            throw bad("unknown dtype \(TerminalText.quoted(dtypeName))")
        }
        guard let shapeValue = fields["shape"] else { throw bad("no shape") }
        guard let shapeItems = shapeValue.arrayValue else { throw bad("shape is not a list of non-negative integers") }
        var shape: [Int] = []
        for item in shapeItems {
            guard let size = item.plainInteger(as: Int.self), size >= 0 else {
                throw bad("shape is not a list of non-negative integers")
            }
            shape.append(size)
        }
        let shapeText = "[" + shape.map(String.init).joined(separator: ", ") + "]"
        var count = 1
        for size in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: size)
            guard !overflow else { throw bad("shape \(shapeText) has more elements than an Int can count") }
            count = product
        }
        let (byteCount, overflow) = count.multipliedReportingOverflow(by: dtype.size)
        guard !overflow else { throw bad("shape \(shapeText) of \(dtype.rawValue) needs more bytes than an Int can count") }
        guard let offsetItems = fields["data_offsets"]?.arrayValue, offsetItems.count == 2,
              let begin = offsetItems[0].plainInteger(as: Int.self), let end = offsetItems[1].plainInteger(as: Int.self),
              begin >= 0, begin <= end else {
            throw bad("data_offsets is not a pair [begin, end] of integers with 0 <= begin <= end")
        }
        guard end <= dataLength else {
            throw bad("data_offsets [\(begin), \(end)] lie outside the \(dataLength)-byte data section (file truncated?)")
        }
        guard end - begin == byteCount else {
            throw bad("data_offsets span \(end - begin) bytes but shape \(shapeText) of \(dtype.rawValue) needs \(byteCount)")
        }
        return SafeTensorsFile.Entry(name: name, dtype: dtype, shape: shape, elementCount: count, dataOffsets: begin ..< end)
    }
}
