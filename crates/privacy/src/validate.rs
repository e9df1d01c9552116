//! Checksums and numbering-plan rules for the structured entities.

/// Luhn (mod 10) check over ASCII digits.
pub fn luhn(digits: &str) -> bool {
    let b = digits.as_bytes();
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let mut sum = 0u32;
    for (i, &c) in b.iter().rev().enumerate() {
        let mut d = u32::from(c - b'0');
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    sum % 10 == 0
}

/// Issuer of a card number whose prefix and length match a known network.
pub fn card_issuer(digits: &str) -> Option<&'static str> {
    let len = digits.len();
    let p = |n: usize| {
        digits
            .get(..n)
            .and_then(|s| s.parse::<u32>().ok())
            .unwrap_or(0)
    };
    if digits.starts_with('4') && matches!(len, 13 | 16 | 19) {
        return Some("visa");
    }
    if len == 16 && ((51..=55).contains(&p(2)) || (2221..=2720).contains(&p(4))) {
        return Some("mastercard");
    }
    if len == 15 && matches!(p(2), 34 | 37) {
        return Some("amex");
    }
    if (16..=19).contains(&len)
        && (p(4) == 6011
            || p(2) == 65
            || (644..=649).contains(&p(3))
            || (622126..=622925).contains(&p(6)))
    {
        return Some("discover");
    }
    if (16..=19).contains(&len) && (3528..=3589).contains(&p(4)) {
        return Some("jcb");
    }
    if len == 14 && ((300..=305).contains(&p(3)) || matches!(p(2), 36 | 38 | 39)) {
        return Some("diners");
    }
    if (16..=19).contains(&len) && p(2) == 62 {
        return Some("unionpay");
    }
    None
}

/// ABA routing number: first two digits in an assigned range and the 3-7-1 checksum.
pub fn aba(digits: &str) -> bool {
    let b = digits.as_bytes();
    if b.len() != 9 || !b.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let prefix = u32::from(b[0] - b'0') * 10 + u32::from(b[1] - b'0');
    if !matches!(prefix, 0..=12 | 21..=32 | 61..=72 | 80) {
        return false;
    }
    let w = [3u32, 7, 1];
    let sum: u32 = b
        .iter()
        .enumerate()
        .map(|(i, &c)| u32::from(c - b'0') * w[i % 3])
        .sum();
    sum % 10 == 0
}

/// US SSN: 9 digits, area not 000/666/9xx, group not 00, serial not 0000, and
/// not one of the numbers known from advertising (078-05-1120, 219-09-9999).
pub fn ssn(digits: &str) -> bool {
    let b = digits.as_bytes();
    if b.len() != 9 || !b.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let area = &digits[..3];
    let group = &digits[3..5];
    let serial = &digits[5..];
    if area == "000" || area == "666" || b[0] == b'9' || group == "00" || serial == "0000" {
        return false;
    }
    if digits == "078051120" || digits == "219099999" || digits == "123456789" {
        return false;
    }
    // All one digit repeated is a placeholder, not a number.
    !b.iter().all(|&c| c == b[0])
}

/// North American Numbering Plan: 10 digits, NXX-NXX-XXXX, area not N11 or 555-style reserved 37X/96X.
pub fn nanp(digits: &str) -> bool {
    let b = digits.as_bytes();
    if b.len() != 10 || !b.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let n = |c: u8| (b'2'..=b'9').contains(&c);
    if !n(b[0]) || !n(b[3]) {
        return false;
    }
    // N11 area codes are service codes (411, 911), never subscriber areas.
    !(b[1] == b'1' && b[2] == b'1')
}

/// Seven-digit local NANP number: exchange starts 2-9 and is not N11.
pub fn nanp_local(digits: &str) -> bool {
    let b = digits.as_bytes();
    b.len() == 7 && (b'2'..=b'9').contains(&b[0]) && !(b[1] == b'1' && b[2] == b'1')
}

/// A UK number in national format (Ofcom numbering plan): a trunk 0 and ten
/// digits, in the geographic (01, 02), non-geographic (03) or mobile (07)
/// ranges; 076 is pagers, 070 personal numbers, neither a person's phone.
pub fn uk_national(digits: &str) -> bool {
    let b = digits.as_bytes();
    b.len() == 11
        && b.iter().all(u8::is_ascii_digit)
        && b[0] == b'0'
        && matches!(b[1], b'1' | b'2' | b'3' | b'7')
        && !(b[1] == b'7' && matches!(b[2], b'0' | b'6'))
        && !b[1..].iter().all(|&c| c == b[1])
}

/// An NHS number (England, Wales, Isle of Man): ten digits, the last a mod-11
/// check digit over the first nine weighted 10 down to 2.
pub fn nhs_number(digits: &str) -> bool {
    let b = digits.as_bytes();
    if b.len() != 10 || !b.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = b[..9]
        .iter()
        .zip((2..=10).rev())
        .map(|(&c, w)| u32::from(c - b'0') * w)
        .sum();
    let check = 11 - sum % 11;
    let check = if check == 11 { 0 } else { check };
    check != 10 && check == u32::from(b[9] - b'0')
}

/// An Australian Medicare card number: ten digits (eleven with the
/// reference number on the card), the first 2 to 6, and a check digit at the
/// ninth place: the first eight weighted 1, 3, 7, 9, 1, 3, 7, 9, mod 10.
pub fn au_medicare(digits: &str) -> bool {
    let b = digits.as_bytes();
    if !(10..=11).contains(&b.len()) || !b.iter().all(u8::is_ascii_digit) {
        return false;
    }
    if !(b'2'..=b'6').contains(&b[0]) {
        return false;
    }
    let sum: u32 = b[..8]
        .iter()
        .zip([1u32, 3, 7, 9, 1, 3, 7, 9])
        .map(|(&c, w)| u32::from(c - b'0') * w)
        .sum();
    sum % 10 == u32::from(b[8] - b'0')
}

/// An Australian number in national format: a trunk 0 and nine digits, in
/// the geographic (02, 03, 07, 08) or mobile (04) ranges.
pub fn au_national(digits: &str) -> bool {
    let b = digits.as_bytes();
    b.len() == 10
        && b.iter().all(u8::is_ascii_digit)
        && b[0] == b'0'
        && matches!(b[1], b'2' | b'3' | b'4' | b'7' | b'8')
        && !b[2..].iter().all(|&c| c == b[2])
}

/// An Irish mobile number in national format: 083 to 089 and seven digits.
pub fn ie_mobile(digits: &str) -> bool {
    let b = digits.as_bytes();
    b.len() == 10
        && b.iter().all(u8::is_ascii_digit)
        && b[0] == b'0'
        && b[1] == b'8'
        && (b'3'..=b'9').contains(&b[2])
}

/// An Irish landline in national format: a trunk 0, an area code that is
/// not a mobile range (01 Dublin, 021 Cork, 061 Limerick, 091 Galway ...),
/// nine or ten digits in all.
pub fn ie_landline(digits: &str) -> bool {
    let b = digits.as_bytes();
    (9..=10).contains(&b.len())
        && b.iter().all(u8::is_ascii_digit)
        && b[0] == b'0'
        && b[1] != b'0'
        && b[1] != b'8'
        && !b[2..].iter().all(|&c| c == b[2])
}

/// A New Zealand landline in national format: a trunk 0, an area digit (3,
/// 4, 6, 7, 9) and seven digits.
pub fn nz_landline(digits: &str) -> bool {
    let b = digits.as_bytes();
    b.len() == 9
        && b.iter().all(u8::is_ascii_digit)
        && b[0] == b'0'
        && matches!(b[1], b'3' | b'4' | b'6' | b'7' | b'9')
        && !b[2..].iter().all(|&c| c == b[2])
}

/// E.164: country code 1-3 digits not starting with 0, total 8 to 15 digits.
pub fn e164(digits: &str) -> bool {
    let b = digits.as_bytes();
    (8..=15).contains(&b.len()) && b.iter().all(u8::is_ascii_digit) && b[0] != b'0'
}

/// Expected IBAN length per country (SWIFT IBAN registry).
pub fn iban_length(country: &str) -> Option<usize> {
    const T: &[(&str, usize)] = &[
        ("AD", 24),
        ("AE", 23),
        ("AL", 28),
        ("AT", 20),
        ("AZ", 28),
        ("BA", 20),
        ("BE", 16),
        ("BG", 22),
        ("BH", 22),
        ("BR", 29),
        ("BY", 28),
        ("CH", 21),
        ("CR", 22),
        ("CY", 28),
        ("CZ", 24),
        ("DE", 22),
        ("DK", 18),
        ("DO", 28),
        ("EE", 20),
        ("EG", 29),
        ("ES", 24),
        ("FI", 18),
        ("FO", 18),
        ("FR", 27),
        ("GB", 22),
        ("GE", 22),
        ("GI", 23),
        ("GL", 18),
        ("GR", 27),
        ("GT", 28),
        ("HR", 21),
        ("HU", 28),
        ("IE", 22),
        ("IL", 23),
        ("IQ", 23),
        ("IS", 26),
        ("IT", 27),
        ("JO", 30),
        ("KW", 30),
        ("KZ", 20),
        ("LB", 28),
        ("LC", 32),
        ("LI", 21),
        ("LT", 20),
        ("LU", 20),
        ("LV", 21),
        ("MC", 27),
        ("MD", 24),
        ("ME", 22),
        ("MK", 19),
        ("MR", 27),
        ("MT", 31),
        ("MU", 30),
        ("NL", 18),
        ("NO", 15),
        ("PK", 24),
        ("PL", 28),
        ("PS", 29),
        ("PT", 25),
        ("QA", 29),
        ("RO", 24),
        ("RS", 22),
        ("SA", 24),
        ("SC", 31),
        ("SE", 24),
        ("SI", 19),
        ("SK", 24),
        ("SM", 27),
        ("ST", 25),
        ("SV", 28),
        ("TL", 23),
        ("TN", 24),
        ("TR", 26),
        ("UA", 29),
        ("VA", 22),
        ("VG", 24),
        ("XK", 20),
    ];
    // Called for every two-letter word before a number: a binary search, not a scan.
    let b = country.as_bytes();
    if b.len() != 2 {
        return None;
    }
    let key = [b[0].to_ascii_uppercase(), b[1].to_ascii_uppercase()];
    T.binary_search_by(|(c, _)| c.as_bytes().cmp(&key[..]))
        .ok()
        .map(|i| T[i].1)
}

/// IBAN mod-97 check over a compact (no spaces) candidate; also checks the country length.
pub fn iban(compact: &str) -> bool {
    let b = compact.as_bytes();
    if b.len() < 15 || b.len() > 34 || !b.iter().all(u8::is_ascii_alphanumeric) {
        return false;
    }
    if iban_length(&compact[..2]) != Some(b.len())
        || !b[2].is_ascii_digit()
        || !b[3].is_ascii_digit()
    {
        return false;
    }
    let mut rem: u32 = 0;
    for &c in b[4..].iter().chain(b[..4].iter()) {
        let c = c.to_ascii_uppercase();
        if c.is_ascii_digit() {
            rem = (rem * 10 + u32::from(c - b'0')) % 97;
        } else {
            let v = u32::from(c - b'A') + 10;
            rem = (rem * 100 + v) % 97;
        }
    }
    rem == 1
}

/// A calendar date check (Gregorian, years 1900..=2100).
pub fn date(year: u32, month: u32, day: u32) -> bool {
    if !(1900..=2100).contains(&year) || !(1..=12).contains(&month) || day == 0 {
        return false;
    }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    day <= days[(month - 1) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn australian_and_irish_numbers() {
        assert!(au_national("0472429248"));
        assert!(au_national("0298765432"));
        assert!(!au_national("0572429248"));
        assert!(!au_national("047242924"));
        assert!(ie_mobile("0876693040"));
        assert!(!ie_mobile("0826693040"));
    }

    #[test]
    fn nhs_numbers() {
        // The NHS's own example, and one whose check digit would be 10.
        assert!(nhs_number("9434765919"));
        assert!(!nhs_number("9434765918"));
        assert!(!nhs_number("943476591"));
        assert!(!nhs_number("94347659a9"));
    }

    #[test]
    fn uk_national_numbers() {
        for ok in [
            "01615419734",
            "02071902401",
            "07700365123",
            "03001234567",
            "07958791957",
        ] {
            assert!(uk_national(ok), "{ok}");
        }
        for bad in [
            "0161541973",  // ten digits
            "11615419734", // no trunk 0
            "08001234567", // freephone range: a business line
            "07612345678", // pager
            "07012345678", // personal number
            "01111111111", // placeholder
            "0161541973a",
        ] {
            assert!(!uk_national(bad), "{bad}");
        }
    }

    #[test]
    fn iban_lengths_by_country() {
        assert_eq!(iban_length("GB"), Some(22));
        assert_eq!(iban_length("de"), Some(22));
        assert_eq!(iban_length("Nl"), Some(18));
        assert_eq!(iban_length("NO"), Some(15));
        assert_eq!(iban_length("XK"), Some(20));
        assert_eq!(iban_length("AD"), Some(24));
        assert_eq!(iban_length("US"), None);
        assert_eq!(iban_length("G"), None);
        assert_eq!(iban_length("GBR"), None);
    }

    #[test]
    fn checksums() {
        assert!(luhn("4111111111111111"));
        assert!(!luhn("4111111111111112"));
        assert_eq!(card_issuer("378282246310005"), Some("amex"));
        assert_eq!(card_issuer("5555555555554444"), Some("mastercard"));
        assert!(aba("011000015"));
        assert!(aba("021000021"));
        assert!(!aba("021000022"));
        assert!(ssn("536901234"));
        assert!(!ssn("666123456") && !ssn("900123456") && !ssn("123004567") && !ssn("123450000"));
        assert!(iban("GB82WEST12345698765432"));
        assert!(iban("DE89370400440532013000"));
        assert!(!iban("GB82WEST12345698765433"));
        assert!(!iban("GB82WEST1234569876543"));
        assert!(nanp("5125551234") && !nanp("1125551234") && !nanp("4115551234"));
        assert!(date(2000, 2, 29) && !date(1900, 2, 29) && !date(1985, 13, 1));
    }
}
