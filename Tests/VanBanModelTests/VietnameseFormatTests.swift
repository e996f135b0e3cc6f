import Testing
@testable import VanBanModel

@Suite struct VietnameseFormatTests {
    @Test func documentNumbersBelowTenArePadded() {
        #expect(VietnameseFormat.documentNumber(5) == "05")
        #expect(VietnameseFormat.documentNumber(10) == "10")
        #expect(VietnameseFormat.documentNumber(406) == "406")
    }

    @Test func daysAndOnlyJanuaryAndFebruaryArePadded() {
        // Decree 30 examples: "ngày 05 tháng 01 năm 2020", "ngày 29 tháng 6 năm 2019".
        #expect(VietnameseFormat.dateWords(DocumentDate(day: 5, month: 1, year: 2020), blank: 5) == "ngày 05 tháng 01 năm 2020")
        #expect(VietnameseFormat.dateWords(DocumentDate(day: 29, month: 6, year: 2019), blank: 5) == "ngày 29 tháng 6 năm 2019")
        #expect(VietnameseFormat.dateWords(DocumentDate(day: 8, month: 2, year: 2018), blank: 5) == "ngày 08 tháng 02 năm 2018")
        #expect(VietnameseFormat.dateWords(DocumentDate(day: 1, month: 12, year: 2021), blank: 5) == "ngày 01 tháng 12 năm 2021")
    }

    @Test func missingDayAndMonthLeaveBlanksOfStableWidth() {
        #expect(VietnameseFormat.dateWords(DocumentDate(day: nil, month: 6, year: 2020), blank: 4) == "ngày      tháng 6 năm 2020")
        #expect(VietnameseFormat.dateWords(DocumentDate(day: nil, month: nil, year: 2017), blank: 3) == "ngày     tháng     năm 2017")
        #expect(VietnameseFormat.placeAndDate(place: "Đồng Tháp", date: DocumentDate(day: 5, month: 6, year: 2020), blank: 7)
                == "Đồng Tháp, ngày 05 tháng 6 năm 2020")
    }

    @Test func numberAndSymbol() {
        #expect(VietnameseFormat.numberAndSymbol(number: 7, symbol: "SKHCN-VP", blank: 8) == "07/SKHCN-VP")
        #expect(VietnameseFormat.numberAndSymbol(number: nil, symbol: "SKHCN-VP", blank: 8) == "        /SKHCN-VP")
    }

    @Test func numericDates() {
        #expect(VietnameseFormat.dateNumeric(DocumentDate(day: 8, month: 1, year: 2018), blank: 3) == "08/01/2018")
        #expect(VietnameseFormat.dateNumeric(DocumentDate(day: nil, month: 6, year: 2017), blank: 3) == "   /6/2017")
        #expect(VietnameseFormat.dateNumeric(DocumentDate(day: 5, month: 12, year: 2021), blank: 3) == "05/12/2021")
    }

    @Test func vietnameseNumbersUseDecimalCommaAndThousandsDot() {
        #expect(fig("3290").vietnamese() == "3.290")
        #expect(fig("16.7").vietnamese() == "16,7")
        #expect(fig("1250.5").vietnamese() == "1.250,5")
        #expect(fig("1000000").vietnamese() == "1.000.000")
        #expect((fig("2") / fig("3"))!.vietnamese(places: 2) == "0,67")
        #expect(fig("-12.345").vietnamese(places: 2) == "-12,35")
        #expect(fig("999").vietnamese() == "999")
    }

    @Test func romanNumerals() {
        #expect((1...5).map(RomanNumeral.string) == ["I", "II", "III", "IV", "V"])
        #expect(RomanNumeral.string(14) == "XIV")
    }
}
