/// An object reference `N G R`: object number and generation number.
///
/// Kept as a value type so references can be compared and used as dictionary keys when the
/// reader resolves them and when the writer decides which objects need a new revision.
struct PDFReference: Hashable, Sendable, CustomStringConvertible {
    var number: Int
    var generation: Int

    init(_ number: Int, _ generation: Int = 0) {
        self.number = number
        self.generation = generation
    }

    var description: String { "\(number) \(generation) R" }
}

/// One key/value pair of a dictionary.
///
/// A dictionary is kept as an ordered list (not a Swift `Dictionary`) so that re-serialising a
/// page or the catalog keeps its keys in the original order: the update must be byte-deterministic
/// and easy to compare with the revision it replaces.
struct PDFDictionaryEntry: Equatable, Sendable {
    var key: String
    var value: PDFObject
}

/// A PDF dictionary with ordered keys and the small set of accessors the reader and writer need.
struct PDFDictionary: Equatable, Sendable {
    var entries: [PDFDictionaryEntry] = []

    init(_ entries: [PDFDictionaryEntry] = []) { self.entries = entries }

    subscript(key: String) -> PDFObject? {
        get { entries.first { $0.key == key }?.value }
        set {
            if let index = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append(PDFDictionaryEntry(key: key, value: newValue))
            }
        }
    }
}

/// A parsed PDF object (ISO 32000-1 §7.3).
///
/// Names are stored as strings whose scalars are the raw bytes (Latin-1 mapping, `#xx` escapes
/// already decoded), which round-trips every possible name byte exactly. Real numbers keep their
/// source text so that re-serialising an unchanged value never alters its digits.
/// A stream keeps only its dictionary: nothing in an incremental update needs the stream data.
indirect enum PDFObject: Equatable, Sendable {
    case null
    case boolean(Bool)
    case integer(Int)
    case real(String)
    case name(String)
    case string([UInt8], hex: Bool)
    case array([PDFObject])
    case dictionary(PDFDictionary)
    case reference(PDFReference)
    case stream(PDFDictionary)

    /// The numeric value of an integer or a real, nil for anything else.
    var number: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .real(let text): Double(text)
        default: nil
        }
    }

    var integer: Int? {
        if case .integer(let value) = self { value } else { nil }
    }

    var nameValue: String? {
        if case .name(let value) = self { value } else { nil }
    }

    var reference: PDFReference? {
        if case .reference(let value) = self { value } else { nil }
    }

    var arrayValue: [PDFObject]? {
        if case .array(let value) = self { value } else { nil }
    }

    /// The dictionary of a dictionary or of a stream.
    var dictionaryValue: PDFDictionary? {
        switch self {
        case .dictionary(let value), .stream(let value): value
        default: nil
        }
    }
}
