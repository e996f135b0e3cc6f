/// Writes a ZIP archive entry by entry (stored, no compression: PDFs are already compressed),
/// so the service can stream a batch as it renders.
public struct ZipWriter {
    private var central: [UInt8] = []
    private var offset: UInt32 = 0
    private var count: UInt16 = 0

    public init() {}

    /// The bytes of one entry's local header and data; append them to the output in order.
    public mutating func entry(name: String, data: [UInt8]) -> [UInt8] {
        let nameBytes = Array(name.utf8)
        let crc = CRC32.checksum(data)
        let size = UInt32(data.count)
        var local: [UInt8] = []
        local += le32(0x04034b50)
        local += le16(20); local += le16(0x0800)    // version; flags: UTF-8 names
        local += le16(0); local += le16(0); local += le16(0x21)   // stored; time 00:00; date 1980-01-01 (fixed: deterministic)
        local += le32(crc); local += le32(size); local += le32(size)
        local += le16(UInt16(nameBytes.count)); local += le16(0)
        local += nameBytes
        var c: [UInt8] = []
        c += le32(0x02014b50); c += le16(20); c += le16(20); c += le16(0x0800); c += le16(0); c += le16(0); c += le16(0x21)
        c += le32(crc); c += le32(size); c += le32(size)
        c += le16(UInt16(nameBytes.count)); c += le16(0); c += le16(0); c += le16(0); c += le16(0); c += le32(0)
        c += le32(offset)
        c += nameBytes
        central += c
        offset += UInt32(local.count) + size
        count += 1
        return local + data
    }

    /// The central directory and end record; the archive is complete after these bytes.
    public func finish() -> [UInt8] {
        var end: [UInt8] = []
        end += le32(0x06054b50); end += le16(0); end += le16(0)
        end += le16(count); end += le16(count)
        end += le32(UInt32(central.count)); end += le32(offset); end += le16(0)
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
