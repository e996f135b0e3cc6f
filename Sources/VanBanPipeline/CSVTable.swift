import CSV
import Foundation
import VanBanModel

// The CSV library: yaslab/CSV.swift (2.5.2), chosen over SwiftCSV (0.10.0) because its `CSVReader`
// hands out one record at a time with exactly the fields the file holds — so each record has its
// Excel row number (header = 1) and a row of 11 fields under a 10-field header is seen as such, not
// padded, cut or turned into a dictionary — and it takes any single delimiter we decide on, with no
// guessing of its own. SwiftCSV's row views are keyed by header (extra fields lost) and it guesses
// the delimiter itself; we need both decisions in our hands to say which line is wrong and why.

/// One problem in a CSV input, reported as `FILE:LINE: column "H" ($.json.path): message`.
public struct CSVProblem: Sendable, Equatable, CustomStringConvertible {
    /// The file name as given on the command line.
    public var file: String
    /// The row as Excel numbers it (the header is line 1); nil for the whole file.
    public var line: Int?
    /// The column header, when one column is at fault.
    public var column: String?
    /// Where the column goes in the payload (`$.issuer.name`, `$.annexes[0].values["1.1"]`).
    public var path: String?
    /// The message in English.
    public var message: String
    /// `message` from the catalogue, to be told in Vietnamese too.
    public var because: Message?

    public init(file: String, line: Int?, column: String? = nil, path: String? = nil, _ message: String) {
        self.file = file; self.line = line; self.column = column; self.path = path; self.message = message
    }

    public init(file: String, line: Int?, column: String? = nil, path: String? = nil, _ message: Message) {
        self.init(file: file, line: line, column: column, path: path, message.text(.en))
        self.because = message
    }

    public var description: String { description(in: .en) }

    /// `FILE:LINE: column "H" ($.path): message` with the words in `language`; the file, line, header,
    /// path and quoted cells stay as written.
    public func description(in language: Language) -> String {
        var s = file + (line.map { ":\($0)" } ?? "") + ": "
        if let column { s += Message("csv.column", column).text(language) + (path.map { " (\($0))" } ?? "") + ": " }
        return s + (because?.text(language) ?? message)
    }
}

/// A CSV input that cannot be used; every problem found is listed (exit status 2, like a payload error).
public struct CSVInputError: Error, Sendable, CustomStringConvertible {
    public var problems: [CSVProblem]
    public init(_ problems: [CSVProblem]) { self.problems = problems }
    public var description: String { description(in: .en) }
    public func description(in language: Language) -> String { problems.map { $0.description(in: language) }.joined(separator: "\n") }
}

/// The field separator of a CSV file.
public enum CSVDelimiter: String, Sendable, CaseIterable {
    case comma = ","
    /// Excel with Vietnamese (and most European) regional settings.
    case semicolon = ";"
    case tab = "\t"

    /// Reads a command-line spelling: `,` `;` `tab` (or a literal tab), `comma`, `semicolon`.
    public init?(argument: String) {
        switch argument.lowercased() {
        case ",", "comma": self = .comma
        case ";", "semicolon": self = .semicolon
        case "\t", "tab", "\\t": self = .tab
        default: return nil
        }
    }

    var name: String { self == .tab ? "tab" : "\"\(rawValue)\"" }
}

/// A CSV file read into its header and records, each record with its line as Excel numbers it.
public struct CSVTable: Sendable {
    public var header: [String]
    /// The header's line (1 unless blank lines come first).
    public var headerLine: Int
    /// Records after the header that hold at least one non-blank field; `line` is the Excel row.
    public var rows: [(line: Int, fields: [String])]
    public var delimiter: CSVDelimiter
    public var encoding: TextDecoding.Encoding

    /// Decodes and splits a CSV file. `delimiter` nil: the one of `,` `;` tab found most often in the
    /// header line (outside quotes). Blank lines and rows of only separators (Excel writes those for
    /// formatted empty rows) are skipped but still counted in the line numbers.
    public static func read(_ bytes: [UInt8], file: String, delimiter forced: CSVDelimiter? = nil) throws(CSVInputError) -> CSVTable {
        let text: String, encoding: TextDecoding.Encoding
        switch TextDecoding.decode(bytes) {
        case .success(let r): (text, encoding) = r
        case .failure(let f):
            throw CSVInputError([CSVProblem(file: file, line: f.line, Message("csv.encoding", f.because?.asArgument ?? f.reason))])
        }
        let delimiter = forced ?? detectDelimiter(text)
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: false,
                                   delimiter: Unicode.Scalar(delimiter.rawValue)!)
        } catch {
            throw CSVInputError([CSVProblem(file: file, line: nil, Message("csv.unreadable"))])
        }
        var records: [(line: Int, fields: [String])] = []
        var line = 0
        while let record = reader.next() {
            line += 1
            // A line break inside a quoted cell is a line break: CRLF (a file saved with Windows line
            // ends) reads as LF, as the rest of the file's line ends do, rather than as a refused U+000D.
            records.append((line, record.map { $0.contains("\r\n") ? $0.replacingOccurrences(of: "\r\n", with: "\n") : $0 }))
        }
        if reader.error != nil {
            throw CSVInputError([CSVProblem(file: file, line: line + 1, Message("csv.undecodable"))])
        }
        // The reader ends a field left open by an unpaired quote at the end of the file: all the rows
        // after it would be swallowed into one cell. An odd number of quotes in the file shows it.
        if text.unicodeScalars.reduce(0, { $0 + ($1 == "\"" ? 1 : 0) }) % 2 == 1 {
            let opened = records.last?.line ?? 1
            throw CSVInputError([CSVProblem(file: file, line: opened, Message("csv.quote.unclosed"))])
        }
        guard let first = records.first(where: { !isBlank($0.fields) }) else {
            throw CSVInputError([CSVProblem(file: file, line: nil, Message("csv.empty"))])
        }
        let header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        let rows = records.filter { $0.line > first.line && !isBlank($0.fields) }
        return CSVTable(header: header, headerLine: first.line, rows: rows, delimiter: delimiter, encoding: encoding)
    }

    static func isBlank(_ fields: [String]) -> Bool {
        fields.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    /// The separator of `,` `;` tab that occurs most often outside quotes in the first non-blank line
    /// (ties favour `,`, then `;`); a header of one column is read with `,`.
    static func detectDelimiter(_ text: String) -> CSVDelimiter {
        var counts: [CSVDelimiter: Int] = [:]
        var quoted = false
        var seenContent = false
        for scalar in text.unicodeScalars {
            if scalar == "\"" { quoted.toggle(); continue }
            if quoted { continue }
            if scalar == "\n" || scalar == "\r" {
                if seenContent { break } else { continue }
            }
            if scalar != "\u{FEFF}" && scalar != " " { seenContent = true }
            if let d = CSVDelimiter(rawValue: String(scalar)) { counts[d, default: 0] += 1 }
        }
        var best = CSVDelimiter.comma
        for d in CSVDelimiter.allCases where counts[d, default: 0] > counts[best, default: 0] { best = d }
        return best
    }
}
