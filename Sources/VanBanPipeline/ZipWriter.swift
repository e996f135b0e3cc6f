/// Writes a ZIP archive entry by entry (stored, no compression: PDFs are already compressed),
/// so the service can stream a batch as it renders.
///
/// The classic ZIP format (no ZIP64) holds at most 65,535 entries, 4 GiB of entries and names of
/// 65,535 bytes; an entry past any of these limits is refused with `ZipWriter.LimitExceeded` (the
/// archive written so far stays consistent), never a trap.
public struct ZipWriter {
    /// Entries one archive can hold (the end record counts them in 16 bits).
    public static let maxEntries = Int(UInt16.max)
    /// Bytes of local headers and data one archive can hold (offsets are 32 bits).
    public static let maxArchiveBytes = Int(UInt32.max)

    /// An entry that would not fit the classic ZIP format; `description` names the limit.
    public struct LimitExceeded: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    private var central: [UInt8] = []
    private var offset: UInt32 = 0
    private var count: UInt16 = 0

    public init() {}

    /// Entries written so far.
    public var entryCount: Int { Int(count) }

    /// The bytes of one entry's local header and data; append them to the output in order.
    /// Throws `LimitExceeded` when the archive already holds `maxEntries` entries, when the name is
    /// over 65,535 UTF-8 bytes, or when the entry would take the archive past `maxArchiveBytes`.
    public mutating func entry(name: String, data: [UInt8]) throws(LimitExceeded) -> [UInt8] {
        let nameBytes = Array(name.utf8)
        guard count < UInt16.max else {
            throw LimitExceeded(description: "a ZIP archive holds at most \(Self.maxEntries) entries")
        }
        guard let nameLength = UInt16(exactly: nameBytes.count) else {
            throw LimitExceeded(description: "ZIP entry names are at most 65535 bytes (\(nameBytes.count) given)")
        }
        let entryBytes = 30 + nameBytes.count + data.count
        guard let size = UInt32(exactly: data.count), Int(offset) + entryBytes <= Self.maxArchiveBytes,
              central.count + 46 + nameBytes.count <= Self.maxArchiveBytes else {
            throw LimitExceeded(description: "a ZIP archive holds at most \(Self.maxArchiveBytes) bytes")
        }
        let crc = CRC32.checksum(data)
        var local: [UInt8] = []
        local += le32(0x04034b50)
        local += le16(20); local += le16(0x0800)    // version; flags: UTF-8 names
        local += le16(0); local += le16(0); local += le16(0x21)   // stored; time 00:00; date 1980-01-01 (fixed: deterministic)
        local += le32(crc); local += le32(size); local += le32(size)
        local += le16(nameLength); local += le16(0)
        local += nameBytes
        var c: [UInt8] = []
        c += le32(0x02014b50); c += le16(20); c += le16(20); c += le16(0x0800); c += le16(0); c += le16(0); c += le16(0x21)
        c += le32(crc); c += le32(size); c += le32(size)
        c += le16(nameLength); c += le16(0); c += le16(0); c += le16(0); c += le16(0); c += le32(0)
        c += le32(offset)
        c += nameBytes
        central += c
        offset += UInt32(truncatingIfNeeded: local.count) + size   // checked above: stays within UInt32
        count += 1
        return local + data
    }

    /// The central directory and end record; the archive is complete after these bytes.
    /// (Entry count and sizes are within the format's fields: `entry` refused anything larger.)
    public func finish() -> [UInt8] {
        var end: [UInt8] = []
        end += le32(0x06054b50); end += le16(0); end += le16(0)
        end += le16(count); end += le16(count)
        end += le32(UInt32(truncatingIfNeeded: central.count)); end += le32(offset); end += le16(0)
        return central + end
    }

    private func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xff), UInt8(v >> 8)] }
    private func le32(_ v: UInt32) -> [UInt8] { [UInt8(v & 0xff), UInt8((v >> 8) & 0xff), UInt8((v >> 16) & 0xff), UInt8(v >> 24)] }
}

enum CRC32 {
    static let table: [UInt32] = (0..<256).map { i -> UInt32 in
        var c = UInt32(i)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ data: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xffffffff
        for b in data { c = table[Int((c ^ UInt32(b)) & 0xff)] ^ (c >> 8) }
        return c ^ 0xffffffff
    }
}
