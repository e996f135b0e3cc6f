import Testing
import VanBanText

@Suite struct TypesetterTests {
    let text = "Tiếp nhận Công văn số 406/STTTT-CNTT ngày 22 tháng 5 năm 2020 của Sở Thông tin và Truyền thông về việc cung cấp số liệu phục vụ báo cáo phát triển Chính phủ điện tử 6 tháng đầu năm 2020; Huỳnh Văn Quản, Nguyễn Thị Ngọc Ánh."

    @Test func lineWidthsAgreeWithMeasuringTheLineAlone() throws {
        try engine.withTypesetter { t in
            for font in [FontSpec(.regular, 14), FontSpec(.boldItalic, 11)] {
                let lines = t.breakLines(text, font: font, width: 300, indent: 36)
                #expect(lines.count >= 3)
                for line in lines {
                    #expect(abs(line.width - t.width(of: line.text, font: font)) < 0.3, "\(line.text)")
                    #expect(line.width <= 300.01)
                    #expect(!line.text.hasSuffix(" "))
                }
                // Nothing lost or invented at the breaks.
                #expect(lines.map(\.text).joined(separator: " ") == text)
                #expect(lines.first?.startsParagraph == true && lines.last?.endsParagraph == true)
            }
        }
    }

    @Test func documentNumbersAndDatesDoNotBreakInside() throws {
        try engine.withTypesetter { t in
            let lines = t.breakLines("Thực hiện Văn bản số 4659/BTTTT-THH ngày 25/12/2017 của Bộ", font: FontSpec(.regular, 14), width: 120)
            #expect(lines.contains { $0.text.contains("25/12/2017") })
        }
    }

    @Test func metricsAreTimesNewRomanCompatible() throws {
        try engine.withTypesetter { t in
            let m = t.metrics(FontSpec(.regular, 100))
            #expect(abs(m.ascent - 89.1) < 0.2 && abs(m.descent - 21.6) < 0.2)
            // Decree 30 motto at 13 pt bold: 56.1 mm wide (spec §1.2, measured with TNR metrics).
            #expect(abs(t.width(of: "Độc lập - Tự do - Hạnh phúc", font: FontSpec(.bold, 13)) * 25.4 / 72 - 56.1) < 0.3)
        }
    }
}

@Suite struct ReferenceBreakingTests {
    @Test func documentNumbersAndAddressesStayOnOneLine() throws {
        try engine.withTypesetter { t in
            let text = "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ, Kế hoạch số 15/KH-UBND, Quyết định 295/QĐ-UBND, tra cứu tại http://stttt.tuyenquang.gov.vn và hệ thống chính trị-xã hội."
            for width in stride(from: 230.0, through: 460.0, by: 7.0) {
                let lines = t.breakLines(text, font: FontSpec(.regular, 14), width: width)
                for line in lines {
                    #expect(!line.text.hasSuffix("/") && !line.text.hasSuffix("-") && !line.text.hasSuffix("://"), "width \(width): \(line.text)")
                    #expect(line.width <= width + 0.01)
                }
                #expect(lines.map(\.text).joined(separator: " ") == text)
            }
        }
    }

    @Test func aReferenceLongerThanTheLineStillBreaksRatherThanOverflow() throws {
        try engine.withTypesetter { t in
            let url = "http://" + String(repeating: "rat-dai/", count: 30)
            let lines = t.breakLines(url, font: FontSpec(.regular, 14), width: 200)
            #expect(lines.count > 1)
            #expect(lines.allSatisfy { $0.width <= 200.01 })
        }
    }
}
