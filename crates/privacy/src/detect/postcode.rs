//! UK postcodes ("CF11 8EZ", "LS11 6AB", "SW1A 1AA"), Irish Eircodes ("D15
//! YK26", "V94 NDED") and Canadian postal codes ("R3C 3X8"), typed or spelled
//! out ("s w one two six n u", "r nine five k c h zero"): the ZIP codes of
//! callers outside the US, reported as ZIP_CODE.

use super::{Scan, CTX_BOOST};
use crate::entity::EntityType as E;
use crate::lexicon::{DIGIT, LETTER, PLACE, STREET, TEEN};
use crate::scan::Kind;

/// The outward code: a postcode area of one or two letters, a district digit,
/// then an optional digit or letter ("E1", "CF11", "SW1A").
fn outward(w: &[u8]) -> bool {
    let letters = w.iter().take_while(|c| c.is_ascii_uppercase()).count();
    if !(1..=2).contains(&letters) || w.len() < letters + 1 || w.len() > letters + 2 {
        return false;
    }
    let rest = &w[letters..];
    rest[0].is_ascii_digit()
        && rest[1..].iter().all(u8::is_ascii_alphanumeric)
        && rest[1..]
            .iter()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
}

/// The inward code: a sector digit and a unit of two letters ("8EZ").
fn inward(w: &[u8]) -> bool {
    w.len() == 3
        && w[0].is_ascii_digit()
        && w[1..].iter().all(u8::is_ascii_uppercase)
        // The unit never uses C, I, K, M, O or V.
        && !w[1..].iter().any(|c| b"CIKMOV".contains(c))
}

/// The 15 letters an Eircode uses, none that reads like a digit or another
/// letter (no B, G, I, J, L, M, O, Q, S, U, Z).
const EIRCODE_LETTERS: &[u8; 15] = b"ACDEFHKNPRTVWXY";

/// The characters an Eircode uses: digits and `EIRCODE_LETTERS`.
fn eircode_char(c: u8) -> bool {
    c.is_ascii_digit() || EIRCODE_LETTERS.contains(&c)
}

/// An Eircode without its space: a routing key (a letter, two digits, or
/// "D6W") and a four-character unique identifier.
fn eircode(s: &[u8]) -> bool {
    s.len() == 7
        && EIRCODE_LETTERS.contains(&s[0])
        && s[1].is_ascii_digit()
        && (s[2].is_ascii_digit() || &s[..3] == b"D6W")
        && s[3..].iter().all(|&c| eircode_char(c))
        // A unique identifier is never four digits or four letters alike.
        && !s[3..].iter().all(|&c| c == s[3])
}

impl Scan<'_> {
    /// Typed UK postcodes, in capitals as they are written.
    pub fn uk_postcodes(&mut self) {
        let toks = self.toks;
        let b = self.text.as_bytes();
        let alnums = std::mem::take(&mut self.marks.alnums);
        for &t in &alnums {
            if t + 1 >= toks.len() {
                continue;
            }
            let (o, i) = (toks[t], toks[t + 1]);
            // "V94 NDED": an Eircode's identifier may be all letters.
            if !(o.kind == Kind::Alnum && matches!(i.kind, Kind::Alnum | Kind::Word) && i.gap) {
                continue;
            }
            let (ob, ib) = (&b[o.start..o.end], &b[i.start..i.end]);
            // "H9N 9H6": a Canadian postal code, letter-digit-letter digit-letter-digit.
            let canadian = ob.len() == 3 && ib.len() == 3 && {
                let mut both = [0u8; 6];
                both[..3].copy_from_slice(ob);
                both[3..].copy_from_slice(ib);
                spelled_postcode(&both)
            };
            let shaped = outward(ob) && inward(ib) || canadian;
            // "Kilkenny, R95 EAW5": an Eircode's shape is looser than a UK
            // postcode's, so it needs a postcode word or an address before it.
            let irish = !shaped && ob.len() == 3 && ib.len() == 4 && {
                let mut both = [0u8; 7];
                both[..3].copy_from_slice(ob);
                both[3..].copy_from_slice(ib);
                eircode(&both)
            };
            if !shaped && !irish {
                continue;
            }
            let ctx = self.ctx(t, t + 1);
            if irish && ctx.pos(E::ZipCode.bit()).is_none() && !self.in_address(t) {
                continue;
            }
            let key = format!(
                "{} {}",
                &self.text[o.start..o.end],
                &self.text[i.start..i.end]
            );
            self.scored(
                E::ZipCode,
                (o.start, i.end),
                (t, t + 1),
                // The shape is strict (an inward code never uses C, I, K, M, O
                // or V): enough on its own, and "postcode" near it adds more.
                0.5,
                CTX_BOOST,
                "zip_code",
                if irish {
                    "typed Eircode".into()
                } else {
                    "typed postcode".into()
                },
                key,
                true,
                &ctx,
            );
        }
    }
}

impl Scan<'_> {
    /// Whether token `t` follows a street or a town, itself or after a
    /// comma: "... mill crescent e h seven ...", "Kilkenny, R95 EAW5".
    fn after_address(&self, t: usize) -> bool {
        let toks = self.toks;
        let place = |k: usize| toks[k].is_word() && toks[k].has(STREET | PLACE);
        t > 0 && (place(t - 1) || t > 1 && toks[t - 1].is_punct(b',') && place(t - 2))
    }

    /// Whether token `t` closes an address: a street word, or a house number
    /// before a capitalised name ("55 Seafield Park, Kilkenny, R95 EAW5"),
    /// within the eight tokens before it. Eircodes follow the town, and towns
    /// are many.
    fn in_address(&self, t: usize) -> bool {
        let toks = self.toks;
        (t.saturating_sub(8)..t).any(|k| {
            toks[k].is_word() && toks[k].has(STREET)
                || toks[k].kind == Kind::Num
                    && toks.get(k + 1).is_some_and(|x| x.is_word() && x.cap)
        })
    }
}

/// Whether spelled-out characters (upper case, no spaces) are a UK postcode
/// (outward code, then a three-character inward code) or a Canadian one
/// ("R3C3X8": letter, digit, letter, digit, letter, digit).
fn spelled_postcode(s: &[u8]) -> bool {
    let canadian = s.len() == 6
        && s.iter().enumerate().all(|(i, c)| {
            if i % 2 == 0 {
                c.is_ascii_uppercase()
            } else {
                c.is_ascii_digit()
            }
        });
    canadian
        || (5..=7).contains(&s.len()) && outward(&s[..s.len() - 3]) && inward(&s[s.len() - 3..])
}

impl Scan<'_> {
    /// Postcodes spelled out after a postcode word: "postcode m one oh nine p
    /// q", "my postal code is r three c three x eight".
    pub fn spoken_postcodes(&mut self) {
        let toks = self.toks;
        let n = toks.len();
        // Only the tokens this pass can start from (see `Scan::marks`).
        let list = std::mem::take(&mut self.marks.letters);
        let mut next = 0;
        for &t in &list {
            if t < next {
                continue;
            }
            let x = toks[t];
            let spelled = |k: usize| {
                toks.get(k).is_some_and(|y| {
                    y.is_word()
                        && (y.end - y.start == 1 && y.has(LETTER)
                            || y.has(DIGIT) && y.info.num < 10
                            // "m ten four q t": a two-digit district.
                            || y.has(TEEN))
                })
            };
            // A postcode is five to seven spelled characters: most single letters
            // ("a", "i") are followed by no such run.
            let letter = x.is_word() && x.end - x.start == 1 && x.has(LETTER);
            if !(letter && (1..5).all(|d| spelled(t + d))) {
                continue;
            }
            let mut ctx = self.ctx(t, t);
            // "... mill crescent e h seven seven w g", "liverpool l three oh p q":
            // right after a street or a town, the strict shape is enough.
            let after_address = self.after_address(t);
            let eircode_ok = after_address || self.in_address(t);
            if ctx.pos(E::ZipCode.bit()).is_none() && !eircode_ok {
                continue;
            }
            if eircode_ok {
                // "forty two station road ...": the address's own words are no
                // negative context for the postcode closing it.
                ctx.near.retain(|n| n.2.is_none());
            }
            // Letters and single digits, longest valid reading first.
            let mut chars = Vec::new();
            let mut ends = Vec::new();
            let mut k = t;
            while k < n && chars.len() < 7 {
                let y = toks[k];
                if y.is_word() && y.end - y.start == 1 && y.has(LETTER) {
                    chars.push(self.text.as_bytes()[y.start].to_ascii_uppercase());
                } else if y.is_word() && y.has(DIGIT) && y.info.num < 10 {
                    chars.push(b'0' + y.info.num);
                } else if y.is_word() && y.has(TEEN) && (10..20).contains(&y.info.num) {
                    chars.push(b'1');
                    chars.push(b'0' + y.info.num - 10);
                    ends.push(k);
                } else {
                    break;
                }
                ends.push(k);
                k += 1;
            }
            // An Eircode is read to its end: "c three two three five one eight
            // seven" is eight characters of something else.
            let whole = k >= n || !spelled(k);
            let found = (5..=chars.len()).rev().find(|&len| {
                (after_address || ctx.pos(E::ZipCode.bit()).is_some())
                    && spelled_postcode(&chars[..len])
                    || len == chars.len() && whole && eircode(&chars[..len])
            });
            let Some(len) = found else {
                continue;
            };
            let last = ends[len - 1];
            let key = String::from_utf8_lossy(&chars[..len]).into_owned();
            self.scored(
                E::ZipCode,
                (x.start, toks[last].end),
                (t, last),
                if eircode_ok { 0.6 } else { 0.45 },
                CTX_BOOST,
                "zip_code",
                if eircode_ok {
                    "spoken postcode after an address".into()
                } else {
                    "spoken postcode".into()
                },
                key,
                true,
                &ctx,
            );
            next = last + 1;
        }
        self.marks.letters = list;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postcode_halves() {
        for o in ["E1", "CF11", "SW1A", "LS11", "M1", "W1D"] {
            assert!(outward(o.as_bytes()), "{o}");
        }
        for o in ["1E", "CFX1", "ABC1", "E", "cf11", "E123"] {
            assert!(!outward(o.as_bytes()), "{o}");
        }
        for i in ["8EZ", "6AB", "1AA"] {
            assert!(inward(i.as_bytes()), "{i}");
        }
        for i in ["8E", "EZ8", "8CI", "8ez", "88Z"] {
            assert!(!inward(i.as_bytes()), "{i}");
        }
        for p in ["M109PQ", "SW126NU", "CF104NP", "R3C3X8"] {
            assert!(spelled_postcode(p.as_bytes()), "{p}");
        }
        for p in ["E15CI", "1234", "M1", "R3C3X"] {
            assert!(!spelled_postcode(p.as_bytes()), "{p}");
        }
    }
}
