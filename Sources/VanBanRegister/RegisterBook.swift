import Foundation
import VanBanModel
import VanBanPipeline

/// The register as the decree's book: a CSV for spreadsheets, or a landscape table typeset by VanBan.
public enum RegisterBook {
    static let header = ["Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung", "Người ký",
                         "Nơi nhận văn bản", "Đơn vị, người nhận bản lưu", "Số lượng bản", "Ghi chú"]

    static func row(_ e: RegisterEntry) -> [String] {
        var note = e.note ?? ""
        switch e.status {
        case "voided": note = "Số hủy, không dùng lại" + (note.isEmpty ? "" : ": " + note)
        case "allocated": note = "Đã lấy số, chưa phát hành xong" + (note.isEmpty ? "" : ": " + note)
        case "reserved": note = "Số giữ cho văn bản giấy" + (note.isEmpty ? "" : ": " + note)
        default: break
        }
        let date = e.date.split(separator: "-").reversed().joined(separator: "/")
        let typeAndSubject = [e.type, e.subject].filter { !$0.isEmpty }.joined(separator: " — ")
        return [e.numberAndSymbol, date, typeAndSubject, e.signer, e.recipients, e.archive, e.copies > 0 ? String(e.copies) : "", note]
    }

    /// UTF-8 with a BOM (Excel reads it as UTF-8), CRLF lines, fields quoted as RFC 4180 says.
    public static func csv(_ entries: [RegisterEntry]) -> [UInt8] {
        func quote(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        var lines = [(["Năm", "Sổ"] + header + ["Trạng thái", "SHA-256"]).map(quote).joined(separator: ",")]
        for e in entries {
            lines.append(([String(e.year), e.series] + row(e) + [e.status, e.sha256 ?? ""]).map(quote).joined(separator: ","))
        }
        return [0xEF, 0xBB, 0xBF] + Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// An `annex_only` payload: the book's landscape table, rendered by the same pipeline.
    public static func payload(_ entries: [RegisterEntry], year: Int, agency: String?) -> [UInt8] {
        let agencies = agency ?? Set(entries.map { $0.series.split(separator: "/").first.map(String.init) ?? $0.series }).sorted().joined(separator: ", ")
        let rows: [Any] = entries.isEmpty ? [[["text": "Chưa có văn bản nào được đăng ký.", "colspan": 8, "align": "center"]]] : entries.map(row)
        let table: [String: Any] = [
            "header": [header], "column_numbers": true, "widths": [15, 11, 29, 14, 19, 12, 7, 13],
            "align": ["center", "center", "left", "left", "left", "left", "center", "left"], "rows": rows,
        ]
        let object: [String: Any] = [
            "kind": "annex_only",
            "issuer": ["name": agencies.isEmpty ? "SỔ ĐĂNG KÝ" : agencies, "name_in_text": agencies.isEmpty ? "Sổ đăng ký" : agencies],
            "date": ["year": year],
            "annexes": [["title": ["SỔ ĐĂNG KÝ VĂN BẢN ĐI", "Năm \(year)"], "orientation": "landscape", "ref": false, "blocks": [["table": table]]]],
        ]
        return Array((try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data())
    }

    public static func pdf(_ entries: [RegisterEntry], year: Int, agency: String?, engine: Engine) throws -> [UInt8] {
        try engine.renderPDF(payload(entries, year: year, agency: agency), options: RenderOptions(signatureFields: false)).pdf
    }
}
