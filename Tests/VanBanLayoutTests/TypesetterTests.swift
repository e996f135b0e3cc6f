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
