import Foundation
import VanBanLayout
import VanBanModel
import VanBanPipeline

/// The checkout's root (Fonts/, Layouts/, Samples/), found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// One engine for all layout tests: fonts load once.
let engine: Engine = try! Engine(resources: Resources(root: repositoryRoot))

func sample(_ name: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/Samples/" + name)))
}

func layOut(_ bytes: [UInt8]) throws -> LaidOutDocument {
    try engine.layOut(engine.validate(bytes))
}

func layOut(json: String) throws -> LaidOutDocument { try layOut(Array(json.utf8)) }

let pt: Double = 1
func mmToPt(_ v: Double) -> Double { v * 72 / 25.4 }

extension Page {
    func text(role: String) -> [TextItem] { texts.filter { $0.role == role } }
    func line(role: String) -> LineItem? { lines.first { $0.role == role } }
}

/// A công văn payload with `paragraphs` body paragraphs, for multi-page tests.
func longLetter(paragraphs: Int, extra: String = "") -> String {
    let body = (1...paragraphs).map { i in
        "{\"text\": \"Đoạn \(i): Sở Khoa học và Công nghệ cung cấp thông tin, số liệu liên quan đến phát triển Chính phủ điện tử theo biểu mẫu gửi kèm, đề nghị các đơn vị phối hợp thực hiện đúng thời hạn quy định.\"}"
    }.joined(separator: ",")
    return """
    {"kind": "cong_van", "issuer": {"parent": "UBND TỈNH ĐỒNG THÁP", "name": "SỞ KHOA HỌC VÀ CÔNG NGHỆ"},
     "number": 12, "symbol": "SKHCN-VP", "place": "Đồng Tháp", "date": {"day": 5, "month": 6, "year": 2020},
     "subject": "thử nghiệm nhiều trang", "recipients": ["Sở A", "Sở B", "UBND các huyện, thị xã, thành phố"],
     "body": [\(body)],
     "signer": {"authority": "KT.", "head_title": "GIÁM ĐỐC", "title": "PHÓ GIÁM ĐỐC", "name": "Huỳnh Văn Quản"},
     "cc": ["Như trên", {"name": "UBND tỉnh", "purpose": "báo cáo"}], "archive": {"units": ["VP"], "copies": 2},
     "drafter": {"initials": "PL", "copies": 300}\(extra)}
    """
}
