/// The cells of one CSV row, held as their UTF-8 bytes end to end and where each ends: about the size
/// of the row in the file. A batch keeps every row until its document is rendered; as `[String]`, a row
/// of Vietnamese names took three to four times its bytes (a heap string per cell, #14: flat memory).
public struct CSVCells: Sendable, Equatable {
    private let bytes: [UInt8]
    /// The end of each cell in `bytes`.
    private let ends: [UInt32]

    public init(_ fields: [String]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(fields.reduce(0) { $0 + $1.utf8.count })
        var ends: [UInt32] = []
        ends.reserveCapacity(fields.count)
        for f in fields { bytes += f.utf8; ends.append(UInt32(bytes.count)) }
        self.bytes = bytes
        self.ends = ends
    }

    public var count: Int { ends.count }

    /// The cells as strings, as they were given.
    public var fields: [String] {
        var out: [String] = []
        out.reserveCapacity(ends.count)
        var start = 0
        for end in ends {
            out.append(String(decoding: bytes[start..<Int(end)], as: UTF8.self))
            start = Int(end)
        }
        return out
    }
}
